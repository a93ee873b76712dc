/**
 * The sandbox serves the built browser widgets (out/sandbox-widgets). Like
 * `npm run sandbox`, `qwb sandbox` and `qwb run` against the sandbox build
 * them first when there is no build yet (scripts/build-widgets.mjs
 * --if-missing, a few seconds, reported on stderr).
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findProjectRoot } from '../sandbox/server/widgets-dir'

export function ensureWidgetsBuilt(): void {
  const root = findProjectRoot(dirname(fileURLToPath(import.meta.url)))
  const script = root ? join(root, 'scripts', 'build-widgets.mjs') : undefined
  if (!script || !existsSync(script)) return
  spawnSync(process.execPath, [script, '--if-missing'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] })
}
