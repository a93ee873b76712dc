/**
 * Builds the offline sandbox's Qrvey look-alike widgets into
 * out/sandbox-widgets/, at the paths a Qrvey domain serves them from:
 *
 *   widgets-launcher/app.js                                   classic IIFE
 *   qrvey-an-widgets/an-dashboard/andashboard/andashboard.esm.js  ES module
 *   qrvey-an-widgets/an-dashboard/andashboard/andashboard.js      IIFE (nomodule twin)
 *   qrvey-dashboard/qrvey-dashboard/qrvey-dashboard.esm.js    ES module
 *   qrvey-dashboard/qrvey-dashboard/qrvey-dashboard.js        IIFE (nomodule twin)
 *   qrvey_download_manager/qrvey-download-manager/qrvey-download-manager(.esm).js
 *   qrvey-webforms-widgets/webform-widgets/webform-widgets(.esm).js
 *
 * One vite build per file, each self-contained (Chart.js included).
 * Fails if a bundle contains eval / new Function (the preview page's CSP has
 * no 'unsafe-eval').
 */
import { readFile, readdir, rm, stat } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'

const root = resolve(import.meta.dirname, '..')
const outRoot = join(root, 'out', 'sandbox-widgets')
const entries = join(root, 'src', 'sandbox', 'widgets', 'entries')

// `--if-missing`: for `npm run sandbox`, build only when there is no build yet,
// and report on stderr so the sandbox's own first lines stay its URL and key.
const ifMissing = process.argv.includes('--if-missing')
if (ifMissing && (await stat(join(outRoot, 'widgets-launcher', 'app.js')).catch(() => undefined))) process.exit(0)
const log = ifMissing ? console.error : console.log

const targets = [
  { entry: 'widgets-launcher.ts', dir: 'widgets-launcher', file: 'app.js', format: 'iife' },
  { entry: 'an-widgets.ts', dir: 'qrvey-an-widgets/an-dashboard/andashboard', file: 'andashboard.esm.js', format: 'es' },
  { entry: 'an-widgets.ts', dir: 'qrvey-an-widgets/an-dashboard/andashboard', file: 'andashboard.js', format: 'iife' },
  { entry: 'qrvey-dashboard.ts', dir: 'qrvey-dashboard/qrvey-dashboard', file: 'qrvey-dashboard.esm.js', format: 'es' },
  { entry: 'qrvey-dashboard.ts', dir: 'qrvey-dashboard/qrvey-dashboard', file: 'qrvey-dashboard.js', format: 'iife' },
  { entry: 'download-manager.ts', dir: 'qrvey_download_manager/qrvey-download-manager', file: 'qrvey-download-manager.esm.js', format: 'es' },
  { entry: 'download-manager.ts', dir: 'qrvey_download_manager/qrvey-download-manager', file: 'qrvey-download-manager.js', format: 'iife' },
  { entry: 'webform-widgets.ts', dir: 'qrvey-webforms-widgets/webform-widgets', file: 'webform-widgets.esm.js', format: 'es' },
  { entry: 'webform-widgets.ts', dir: 'qrvey-webforms-widgets/webform-widgets', file: 'webform-widgets.js', format: 'iife' }
]

await rm(outRoot, { recursive: true, force: true })

for (const target of targets) {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: join(outRoot, target.dir),
      emptyOutDir: false,
      copyPublicDir: false,
      target: 'es2020',
      minify: true,
      sourcemap: false,
      reportCompressedSize: false,
      // Not library mode: vite keeps whitespace in library ES output, and
      // these files are served to browsers, not imported by bundlers.
      modulePreload: false,
      rolldownOptions: {
        input: join(entries, target.entry),
        output: { format: target.format, entryFileNames: target.file }
      }
    }
  })
}

async function files(dir) {
  const found = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) found.push(...(await files(path)))
    else found.push(path)
  }
  return found
}

const expected = new Set(targets.map((t) => `${t.dir}/${t.file}`))
const built = (await files(outRoot)).sort()
const problems = []
const rows = []
for (const path of built) {
  const name = relative(outRoot, path).split('\\').join('/')
  const code = await readFile(path, 'utf8')
  if (!expected.has(name)) problems.push(`unexpected output file ${name}`)
  // eval(…), new Function(…) and a bare Function(…) call all need 'unsafe-eval'.
  if (/\beval\s*\(|(^|[^.\w$])Function\s*\(/.test(code)) problems.push(`${name} contains eval or Function(): the preview CSP has no 'unsafe-eval'`)
  rows.push({ name, raw: (await stat(path)).size, gzip: gzipSync(code, { level: 9 }).length })
}
for (const name of expected) if (!built.some((p) => relative(outRoot, p).split('\\').join('/') === name)) problems.push(`missing ${name}`)

const kb = (n) => `${(n / 1024).toFixed(1)} kB`
for (const row of rows) log(`${row.name.padEnd(64)} ${kb(row.raw).padStart(10)}  gzip ${kb(row.gzip).padStart(9)}`)
if (problems.length > 0) {
  console.error(problems.join('\n'))
  process.exit(1)
}
