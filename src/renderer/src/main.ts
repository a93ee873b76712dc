import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createHttpWorkbench } from './http-bridge'
import { askFirstScreenRequests } from './stores/first-requests'
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
const pinia = createPinia()
const app = createApp(App).use(pinia)
const mount = () => app.mount('#app')

// Evaluating the first screen's modules and mounting it were one task of
// 80-140 ms, during which the page could not take a click or a key (issue 15:
// no task over 100 ms). Three tasks now: the modules; the first requests to
// main (stores/first-requests.ts); the mount, once they are answered. Each is scheduled ahead of other
// work where the browser can (postTask 'user-blocking': Chromium, so the
// desktop app) so the form is not later for it; elsewhere the next task.
interface PostTaskScheduler {
  postTask(task: () => void, options: { priority: 'user-blocking' }): Promise<void>
}
const scheduler = (globalThis as { scheduler?: Partial<PostTaskScheduler> }).scheduler
const inATaskOfItsOwn = (task: () => void) => (typeof scheduler?.postTask === 'function' ? void scheduler.postTask(task, { priority: 'user-blocking' }) : setTimeout(task))
// The mount waits for the first answers (in the desktop app a few ms, in browser mode tens): mounted before
// them, the first screen was drawn empty ("Loading environments…") and then drawn again, store by store,
// as they came in, ~100 ms from the mount to a listed environment. Mounted after them it is drawn once.
// A main that is slow to answer still gets the screen after MOUNT_WAIT_MS, with its loading states.
const MOUNT_WAIT_MS = 300
inATaskOfItsOwn(() => {
  const answered = askFirstScreenRequests(pinia)
  void Promise.race([answered, new Promise((resolve) => setTimeout(resolve, MOUNT_WAIT_MS))]).then(() => inATaskOfItsOwn(mount))
})
