import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

const root = import.meta.dirname
const shared = { '@shared': resolve(root, 'src/shared') }

export default defineConfig({
  main: {
    resolve: { alias: shared },
    build: {
      externalizeDeps: true,
      // The import worker (src/main/workspace/import-thread.ts) is a file of its own beside index.js.
      rollupOptions: { input: { index: resolve(root, 'src/main/index.ts'), 'import-worker': resolve(root, 'src/main/workspace/import-worker.ts') } }
    }
  },
  preload: {
    resolve: { alias: shared },
    build: {
      // A sandboxed preload cannot load ES modules or require anything but
      // 'electron', so the contract it uses is bundled in as CommonJS.
      externalizeDeps: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } }
    }
  },
  renderer: {
    resolve: {
      alias: [
        // Exactly 'zod' (not 'zod/v4'): zod configured for the CSP before any schema exists, see the module.
        { find: /^zod$/, replacement: resolve(root, 'src/renderer/src/lib/zod-jitless.ts') },
        { find: '@shared', replacement: shared['@shared'] },
        { find: '@renderer', replacement: resolve(root, 'src/renderer/src') }
      ]
    },
    plugins: [vue()],
    // Every component is <script setup>: Vue's Options API support is dead weight in the first screen's JS.
    define: { __VUE_OPTIONS_API__: 'false' },
    build: { sourcemap: false, minify: true }
  }
})
