/**
 * Runs the workbench as browser mode ships it (src/main/browser-mode): the
 * real main-process composition in the test process, serving the built
 * renderer and the IPC contract over loopback HTTP with the per-launch
 * secret, Origin/Host checks and the browser-mode CSP. The page opens the
 * printed launch URL in a real Chromium page, and its window.workbench is the
 * shipped HTTP bridge (src/renderer/src/http-bridge.ts), built with the same
 * createWorkbenchApi as the desktop preload. Nothing is injected into the page.
 *
 * The one addition for tests: a scripted answer to the desktop app's folder
 * dialog (folderAnswers), so the tests of workspace switching run too.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { MainApp } from '../../src/main/app/create-main-app'
import { startBrowserMode } from '../../src/main/browser-mode/start-browser-mode'
import type { PreviewHost } from '../../src/main/preview/preview-server'
import { createNodeCipher } from '../../src/main/secrets/node-cipher'
import { makeTempDir } from './temp-dir'

/** The built renderer; WORKBENCH_OUT_DIR points elsewhere (e.g. a private build while others rebuild out/). */
export const RENDERER_DIR = join(process.env.WORKBENCH_OUT_DIR ?? join(import.meta.dirname, '../../out'), 'renderer')

export interface IpcExchange {
  channel: string
  payload: unknown
  result: unknown
}

export interface Harness {
  app: MainApp
  /** Where the workbench page is served: a loopback origin of its own. */
  origin: string
  /** The address browser mode prints (origin plus the launch secret). */
  launchUrl: string
  dataDir: string
  /** Every call the page made and what main answered, for leak checks. */
  ipc: IpcExchange[]
  /** Every console message of the page. */
  console: string[]
  /** Answers for the next "choose a folder" dialogs. */
  folderAnswers: string[]
  open(page: Page): Promise<void>
  close(): Promise<void>
}

export interface HarnessOptions {
  /** Runs on the empty data folder before the app starts (e.g. to plant damaged files). */
  prepare?: (dataDir: string) => void
  /**
   * false: no scripted folder/save dialogs, exactly as `npm run start:browser`
   * runs (typed paths and downloads instead). Default true.
   */
  dialogs?: boolean
  /** The single preview's host name (MainAppOptions.previewHost): 'localhost' puts previews on another site than the page, as in the desktop app. */
  previewHost?: PreviewHost
  /** Serve this built renderer instead of RENDERER_DIR (a test's own copy, which it may change). */
  rendererDir?: string
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  // Without a build every page is a 404 and the caller only times out waiting for the form: say why instead.
  const rendererDir = options.rendererDir ?? RENDERER_DIR
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`no built renderer in ${rendererDir}: run \`node scripts/build-if-stale.mjs\` first (npm test, npx playwright test and npm run bench do)`)
  }
  const temp = makeTempDir('qwb-e2e-')
  options.prepare?.(temp.dir)
  const folderAnswers: string[] = []
  const ipc: IpcExchange[] = []
  const consoleLines: string[] = []
  const start = await startBrowserMode({
    dataDir: temp.dir,
    rendererDir,
    // A real AES cipher (what the OS keychain would hold the key for), so disk scans prove something.
    cipher: createNodeCipher(),
    version: '0.0.0-harness',
    claimDataDir: false,
    // What the desktop app's folder dialog would answer: tests queue answers.
    // The starter export's save dialog answers from the same queue; the sandbox on any free port
    // (other test runs share the machine).
    overrides:
      options.dialogs === false
        ? { sandboxPort: 0, previewHost: options.previewHost }
        : { chooseFolder: async () => folderAnswers.shift(), chooseStarterFolder: async () => folderAnswers.shift(), sandboxPort: 0, previewHost: options.previewHost },
    onExchange: (channel, payload, result) => ipc.push({ channel, payload, result })
  })
  if (!('started' in start)) throw new Error('the harness data folder is in use')
  const mode = start.started

  async function open(page: Page): Promise<void> {
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`))
    page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`))
    await page.goto(mode.launchUrl)
    // The launch secret is exchanged for a cookie and leaves the address bar.
    await page.waitForURL(`${mode.origin}/`)
  }

  return {
    app: mode.app,
    origin: mode.origin,
    launchUrl: mode.launchUrl,
    dataDir: temp.dir,
    ipc,
    console: consoleLines,
    folderAnswers,
    open,
    close: async () => {
      await mode.close()
      temp.cleanup()
    }
  }
}
