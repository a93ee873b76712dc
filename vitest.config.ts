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
          /**
           * The node project's test files share their worker's module cache instead of each
           * importing everything again in a fresh module graph (issue 15: npm test time): that
           * project took 106 s instead of 161 on this 2-core machine (summed import time 72 -> 13
           * s), and passed in shuffled file orders too. What a file needs for itself is done per
           * test or per file: shared helpers register cleanups with onTestFinished, never with a
           * module-level hook, which would run for the first file that imported them only
           * (test/unit/main/test-suite/no-module-level-hooks.test.ts checks).
           *
           * The renderer and widgets projects stay isolated: their files share one DOM window when
           * not, and a listener a component or store leaves on it carries into the next file (CI
           * caught a setups store's leave guard answering another file's beforeunload), so each
           * file keeps its own window.
           */
          isolate: false,
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
