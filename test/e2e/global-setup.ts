/**
 * Before any UI test: out/ built from the current sources (scripts/build-if-stale.mjs; ~0.2 s when it
 * already is, as in npm test, whose checks build first).
 *
 * Without it, `npx playwright test` after an edit ran on the old build, and one test rebuilt it in the
 * middle of the run: browser-mode-start.spec.ts runs `npm start`, which builds a stale out/, emptying
 * out/renderer for a few seconds while other workers' tests opened the workbench ("no built renderer
 * in out/renderer": both full local runs after an edit failed so).
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

export default function buildIfStale(): void {
  const root = join(import.meta.dirname, '../..')
  const result = spawnSync(process.execPath, [join(root, 'scripts/build-if-stale.mjs')], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) throw new Error(`scripts/build-if-stale.mjs failed (exit ${result.status ?? result.signal}): the UI tests need a build of the current sources`)
}
