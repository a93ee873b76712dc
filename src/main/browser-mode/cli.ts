/**
 * `npm run start:browser` (and `npm start` where Electron cannot run):
 * starts browser mode, prints its URL and opens the default browser where
 * there is one. A second start on the same data folder prints the running
 * instance's URL instead.
 *
 *   --data-dir DIR   (or QWB_DATA_DIR)   default: the desktop app's data folder
 *   --port N         (or QWB_PORT)       default: a free port
 *   --no-open        (or QWB_NO_OPEN=1)  do not open a browser
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { openKeychainCipher } from '../secrets/keychain-cipher'
import { defaultDataDir, startBrowserMode } from './start-browser-mode'

const root = resolve(import.meta.dirname, '../../..')

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name)
  return index >= 0 ? process.argv[index + 1] : undefined
}

/** Opens the URL in the default browser if the system has an opener; never fails. */
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]]
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true })
    child.on('error', () => {}) // no opener here: the printed URL is enough
    child.unref()
  } catch {
    // same
  }
}

async function main(): Promise<void> {
  const dataDir = resolve(option('--data-dir') ?? process.env.QWB_DATA_DIR ?? defaultDataDir())
  const portText = option('--port') ?? process.env.QWB_PORT
  const port = portText === undefined ? 0 : Number(portText)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535 (0: any free port), not "${portText}".`)
    process.exit(2)
  }
  const noOpen = process.argv.includes('--no-open') || process.env.QWB_NO_OPEN === '1'
  const rendererDir = join(root, 'out', 'renderer')
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version

  const started = Date.now()
  const keychain = await openKeychainCipher(dataDir)
  const result = await startBrowserMode({ dataDir, rendererDir, cipher: keychain.cipher, version, port })
  if ('running' in result) {
    console.log(`The workbench is already running on this data folder (pid ${result.running.pid}); open it at:`)
    console.log(`  ${result.running.url}`)
    if (!noOpen) openBrowser(result.running.url)
    return
  }
  const mode = result.started
  console.log(`Qrvey Embed Workbench (browser mode) is running at:`)
  console.log(`  ${mode.launchUrl}`)
  console.log(`Started in ${Date.now() - started} ms; data folder: ${dataDir}`)
  console.log(
    keychain.problem
      ? `API keys: ${keychain.problem}, so keys are kept in memory for this run only.`
      : 'API keys: stored encrypted with a master key in the OS keychain.'
  )
  console.log('Desktop-only here: pop-out preview windows and the native folder dialog (type a folder path instead; Export starter also downloads a .zip). Stop with Ctrl+C.')
  if (!noOpen) openBrowser(mode.launchUrl)

  let closing = false
  const stop = () => {
    if (closing) return
    closing = true
    void mode.close().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(`Browser mode could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
