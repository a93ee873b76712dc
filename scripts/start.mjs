/**
 * `npm start`: builds, then starts the desktop app where Electron can run,
 * and otherwise says why in one sentence and starts the same workbench in
 * the browser (browser mode). `npm run start:browser` (--browser) goes
 * straight to browser mode. Other arguments (--data-dir, --port, --no-open)
 * are passed to browser mode.
 */
import { spawn, spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fetchElectronBinary, findElectronBinary } from './lib/electron-binary.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const forceBrowser = args.includes('--browser') || process.env.QWB_BROWSER === '1'
const passOn = args.filter((a) => a !== '--browser')

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' })
  // Ctrl+C reaches the child through the terminal; pass on a plain kill too.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

/** Newest modification time under a path (0 if missing). */
function newest(path) {
  try {
    const stat = statSync(path)
    if (!stat.isDirectory()) return stat.mtimeMs
    return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))))
  } catch {
    return 0
  }
}

// Build only what is out of date: a second start skips the ~10 s build.
const built = Math.min(newest(join(root, 'out', 'renderer', 'index.html')), newest(join(root, 'out', 'main', 'index.js')), newest(join(root, 'out', 'sandbox-widgets')))
const sources = Math.max(newest(join(root, 'src')), newest(join(root, 'package-lock.json')), newest(join(root, 'electron.vite.config.ts')))
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
if (built <= sources) console.log('Building the workbench (about 10 s; skipped next time while nothing changes)…')
// The build's own output is shown only when it fails.
const build = built > sources ? { status: 0 } : spawnSync(npm, ['run', '--silent', 'build:all'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' })
if (build.status !== 0) {
  process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`)
  console.error('The build failed (see above); fix it and run npm start again.')
  process.exit(build.status ?? 1)
}

/** The Electron binary, or why the desktop app cannot start here (one clause). */
async function whyNotDesktop() {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' }
  }
  const present = findElectronBinary()
  if (present) return { binary: present }
  // Electron 45 fetches its binary on first use: try once, briefly.
  const fetched = await fetchElectronBinary({ timeoutMs: Number(process.env.QWB_ELECTRON_FETCH_TIMEOUT_MS ?? 60_000) })
  if (fetched.ok) return { binary: findElectronBinary() }
  const offline = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|getaddrinfo/i.test(fetched.reason)
  return { reason: offline ? 'its Electron binary is not on this machine and its download server cannot be reached' : `its Electron binary could not be fetched (${fetched.reason})` }
}

const desktop = forceBrowser ? { reason: 'browser mode was asked for' } : await whyNotDesktop()
if (desktop.binary) {
  run(desktop.binary, [join(root, 'out', 'main', 'index.js')])
} else {
  if (!forceBrowser) console.log(`The desktop app cannot start here because ${desktop.reason}, so the workbench starts in your browser instead.`)
  run(process.execPath, ['--import', 'tsx', join(root, 'src', 'main', 'browser-mode', 'cli.ts'), ...passOn])
}
