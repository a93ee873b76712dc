/**
 * Finds the Electron binary without letting the electron package print a
 * stack trace. Electron 45 has no install script: the package fetches its
 * binary on first use (node_modules/electron/install.js). This module asks for
 * that fetch in a child process, with a time limit, and turns a failure into
 * one sentence, the cue for browser mode (scripts/start.mjs) and for the
 * _electron smoke test to skip itself.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

function electronDir() {
  try {
    return dirname(require.resolve('electron/package.json'))
  } catch {
    return undefined
  }
}

/** The binary if it is already there (or ELECTRON_OVERRIDE_DIST_PATH points at one). */
export function installedElectron() {
  const dir = electronDir()
  if (!dir) return undefined
  let relative
  try {
    relative = readFileSync(join(dir, 'path.txt'), 'utf8')
  } catch {
    return undefined
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  const path = override ? join(override, relative) : join(dir, 'dist', relative)
  return existsSync(path) ? path : undefined
}

/**
 * The binary, fetching it first where it is missing and `fetch` is allowed.
 * Returns `{ path }` or `{ reason }` (one sentence).
 */
export function findElectron({ fetch = true, timeoutMs = 60_000 } = {}) {
  const dir = electronDir()
  if (!dir) return { reason: 'the electron package is not installed (run npm ci)' }
  const present = installedElectron()
  if (present) return { path: present }
  if (!fetch) return { reason: 'the Electron binary has not been fetched yet' }
  const result = spawnSync(process.execPath, [join(dir, 'install.js')], { encoding: 'utf8', timeout: timeoutMs })
  const fetched = installedElectron()
  if (fetched) return { path: fetched }
  const output = `${result.stderr ?? ''}\n${result.stdout ?? ''}`
  if (result.error?.code === 'ETIMEDOUT') return { reason: `fetching the Electron binary took longer than ${Math.round(timeoutMs / 1000)} s` }
  const cause = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|getaddrinfo/i.test(output)
    ? 'there is no connection to its download server'
    : (output.split('\n').map((l) => l.trim()).find((l) => /error/i.test(l)) ?? `its installer exited with code ${result.status}`).slice(0, 160)
  return { reason: `the Electron binary could not be fetched: ${cause}` }
}
