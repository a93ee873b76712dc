import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

const root = import.meta.dirname
const shared = { '@shared': resolve(root, 'src/shared') }

export default defineConfig({
  main: {
    resolve: { alias: shared },
    build: { externalizeDeps: true }
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
    resolve: { alias: { ...shared, '@renderer': resolve(root, 'src/renderer/src') } },
    plugins: [vue()],
    build: { sourcemap: false, minify: true }
  }
})
