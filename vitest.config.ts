import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

const root = import.meta.dirname
const alias = { '@shared': resolve(root, 'src/shared'), '@renderer': resolve(root, 'src/renderer/src') }

/**
 * Test files share their worker's module cache instead of each importing everything again in a
 * fresh module graph (issue 15: npm test time). On this 2-core machine the unit tests took 124 s
 * instead of ~211 (node project 161 -> 106 s, renderer and widgets 50 -> 16.5 s; summed import time
 * 86 -> 24 s). Nothing here depends on a file starting from fresh modules: every project also passed
 * with its files shuffled (renderer and widgets three orders, node two). What a file needs for
 * itself is done per test or per file: shared helpers register cleanups with onTestFinished, never
 * with a module-level hook, which would run for the first file that imported them only
 * (test/unit/main/test-suite/no-module-level-hooks.test.ts checks); setupFiles still run for every
 * file; the files that need fresh modules ask for them (vi.resetModules).
 */
const isolate = false

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
          isolate,
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
          isolate,
          include: ['test/unit/renderer/**/*.test.ts'],
          setupFiles: ['test/unit/renderer/form-checks-setup.ts']
        }
      },
      {
        test: {
          name: 'widgets',
          environment: 'happy-dom',
          isolate,
          include: ['test/unit/sandbox/widgets/**/*.test.ts'],
          testTimeout: 20_000
        }
      }
    ]
  }
})
