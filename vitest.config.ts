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
          /**
           * Without isolation too (issue 15): the renderer and widgets files took 50 s isolated
           * and 15.5 s so, most of it a new happy-dom window and module graph per file. Their
           * files then share one DOM window, so dom-file-boundary.ts (a setup file, run before
           * every file) empties it after each file and fails a file that leaves a listener on
           * window or document (CI once saw a setups store's leave guard, left by one file,
           * answer another file's beforeunload).
           */
          isolate: false,
          include: ['test/unit/renderer/**/*.test.ts'],
          setupFiles: ['test/unit/renderer/form-checks-setup.ts', 'test/unit/renderer/dom-file-boundary.ts']
        }
      },
      {
        test: {
          name: 'widgets',
          environment: 'happy-dom',
          // As the renderer project: shared window, guarded by dom-file-boundary.ts.
          isolate: false,
          include: ['test/unit/sandbox/widgets/**/*.test.ts'],
          setupFiles: ['test/unit/renderer/dom-file-boundary.ts'],
          testTimeout: 20_000
        }
      }
    ]
  }
})
