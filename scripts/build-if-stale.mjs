/**
 * `npm run build:all` unless out/ was built from exactly these inputs: a hash
 * of every file the build reads (src/, the build configs, the lockfile) and
 * the modification times of the build's outputs are kept in out/.build-inputs
 * after a build, and compared before the next one. A clean clone has no out/,
 * so it always builds; any edit, checkout or install changes the hash, and
 * any other build into out/ (npm run build:all, build:widgets, electron-vite)
 * changes an output's time, so the next run builds again. `--force` builds
 * regardless.
 *
 *   node scripts/build-if-stale.mjs [--force]
 */
import { createHash } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const stampFile = join(root, 'out', '.build-inputs')
/** What the renderer, main, preload and sandbox-widget builds read. */
const INPUTS = ['src', 'electron.vite.config.ts', 'scripts/build-widgets.mjs', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.widgets.json']
/** What the build writes, all of which must still be there. */
const OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/sandbox-widgets/widgets-launcher/app.js']

function filesUnder(path) {
  if (!existsSync(path)) return []
  if (!statSync(path).isDirectory()) return [path]
  return readdirSync(path, { withFileTypes: true })
    .flatMap((entry) => filesUnder(join(path, entry.name)))
}

export function inputsHash() {
  const hash = createHash('sha256')
  const files = INPUTS.flatMap((input) => filesUnder(join(root, input))).sort()
  for (const file of files) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0')
  }
  // The same sources build differently under another Node or platform.
  hash.update(`${process.version} ${process.platform} ${process.arch}`)
  return hash.digest('hex')
}

/** The outputs' modification times, or undefined when one is missing. */
function outputTimes() {
  if (!OUTPUTS.every((file) => existsSync(join(root, file)))) return undefined
  return OUTPUTS.map((file) => `${file} ${statSync(join(root, file)).mtimeMs}`).join('\n')
}

function stampText(inputs) {
  return `${inputs}\n${outputTimes()}\n`
}

const force = process.argv.includes('--force')
const before = inputsHash()
const fresh = !force && outputTimes() !== undefined && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stampText(before)
if (fresh) {
  console.log('out/ is up to date with the sources (out/.build-inputs): build skipped; `npm run build:all` forces one')
} else {
  const result = spawnSync('npm', ['run', 'build:all'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
  if (result.status !== 0) process.exit(result.status ?? 1)
  // Hashed again: a file edited during the build must not be marked as built.
  if (inputsHash() === before && outputTimes() !== undefined) writeFileSync(stampFile, stampText(before))
}
