/**
 * `npm run dist`: builds the app, then its installers with electron-builder
 * (electron-builder.json: AppImage + deb, dmg, nsis; fuses set for a shipped
 * app). Packaging needs Electron's binary: when it is not on this machine and
 * cannot be downloaded, this says so in one sentence and exits 1.
 *
 *   npm run dist                 every target of this OS, x64 and arm64
 *   npm run dist -- --linux deb  any electron-builder CLI arguments
 *   --skip-build                 package the existing out/ (CI builds first)
 */
import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { electronVersion, fetchElectronBinary, findElectronBinary } from './lib/electron-binary.mjs'

const root = resolve(import.meta.dirname, '..')
const args = process.argv.slice(2)
const skipBuild = args.includes('--skip-build')
const builderArgs = args.filter((arg) => arg !== '--skip-build')

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

if (!findElectronBinary()) {
  const fetched = await fetchElectronBinary({ timeoutMs: Number(process.env.QWB_ELECTRON_FETCH_TIMEOUT_MS ?? 120_000) })
  if (!fetched.ok) {
    console.error(
      `npm run dist needs the Electron ${electronVersion()} binary, which is not on this machine and could not be downloaded (${fetched.reason}); ` +
        'run it where the internet is reachable, or point ELECTRON_OVERRIDE_DIST_PATH at an Electron build.'
    )
    process.exit(1)
  }
}

if (!skipBuild) run('npm', ['run', 'build'])
run(process.execPath, [join(root, 'node_modules', 'electron-builder', 'cli.js'), '--config', 'electron-builder.json', '--publish', 'never', ...builderArgs])
