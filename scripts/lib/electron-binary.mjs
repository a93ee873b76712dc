/**
 * Where the Electron runtime binary is, without starting a download by
 * accident: `require('electron')` in Electron 45+ downloads it on first use,
 * so scripts that only need to know (dist, start) look at the files the
 * package keeps (path.txt + dist/) or at ELECTRON_OVERRIDE_DIST_PATH instead.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

export function electronPackageDir() {
  return dirname(require.resolve('electron/package.json'))
}

export function electronVersion() {
  return JSON.parse(readFileSync(join(electronPackageDir(), 'package.json'), 'utf8')).version
}

/** The executable's path when it is on this machine, else undefined. */
export function findElectronBinary(env = process.env) {
  const dir = electronPackageDir()
  const pathFile = join(dir, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || (process.platform === 'win32' ? 'electron.exe' : 'electron'))
    return existsSync(candidate) ? candidate : undefined
  }
  if (!relative) return undefined
  const candidate = join(dir, 'dist', relative)
  return existsSync(candidate) ? candidate : undefined
}

/** The folder holding the executable and its resources (electron-builder's `electronDist`). */
export function electronDistDir(env = process.env) {
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return env.ELECTRON_OVERRIDE_DIST_PATH
  return join(electronPackageDir(), 'dist')
}

/**
 * Runs the electron package's own installer (its download of the binary for
 * this platform). Resolves to { ok: true } or { ok: false, reason } with the
 * installer's last line of output, within timeoutMs.
 */
export function fetchElectronBinary({ timeoutMs = 120_000, env = process.env } = {}) {
  const installer = join(electronPackageDir(), 'install.js')
  if (!existsSync(installer)) return Promise.resolve({ ok: false, reason: 'the electron package has no installer' })
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [installer], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const collect = (chunk) => (output = (output + chunk).slice(-4000))
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    const timer = setTimeout(() => child.kill(), timeoutMs)
    child.on('close', (code) => {
      clearTimeout(timer)
      if (code === 0 && findElectronBinary(env)) resolvePromise({ ok: true })
      else {
        const lines = output.split('\n').map((line) => line.trim()).filter(Boolean)
        const reason = lines.find((line) => /error|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo/i.test(line)) ?? lines.at(-1) ?? `exit code ${code}`
        resolvePromise({ ok: false, reason: reason.slice(0, 300) })
      }
    })
  })
}
