import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

const root = import.meta.dirname
const alias = { '@shared': resolve(root, 'src/shared'), '@renderer': resolve(root, 'src/renderer/src') }

export default defineConfig({
  test: {
    // Vitest's default (cores - 1) is one worker on a 2-core machine, idle while a test waits for
    // a child process, a server or a worker thread, which many here do (issue 15: npm test time).
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/unit/main/**/*.test.ts', 'test/unit/shared/**/*.test.ts', 'test/unit/sandbox/server/**/*.test.ts', 'test/unit/sandbox/data/**/*.test.ts', 'test/unit/cli/**/*.test.ts'],
          testTimeout: 20_000
        }
      },
      {
        plugins: [vue()],
        resolve: { alias },
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/unit/renderer/**/*.test.ts'],
          setupFiles: ['test/unit/renderer/form-checks-setup.ts']
        }
      },
      {
        test: {
          name: 'widgets',
          environment: 'happy-dom',
          include: ['test/unit/sandbox/widgets/**/*.test.ts'],
          testTimeout: 20_000
        }
      }
    ]
  }
})
