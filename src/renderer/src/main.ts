import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createHttpWorkbench } from './http-bridge'
import './assets/main.css'

// The desktop preload defines window.workbench; without it this page was
// served by browser mode, whose bridge is HTTP to the same server. Defined the
// same way (read-only), so the page sees one API shape in both shells.
if (!(window as Partial<Window>).workbench) {
  Object.defineProperty(window, 'workbench', { value: createHttpWorkbench(), enumerable: true })
}

// The form's checks (zod and the shared schemas) are a chunk of their own,
// fetched with the page (modulepreload links, electron.vite.config.ts) and
// evaluated once the form is usable (stores/first-screen.ts, issue 15).
createApp(App).use(createPinia()).mount('#app')
