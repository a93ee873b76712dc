/**
 * Runs the built renderer in a real Chromium page with `window.workbench`
 * backed by the real main-process composition (services, handler registry,
 * sandbox server) in the test process: the same API object the preload
 * builds, the same sender checks, real HTTP, real files. Only Electron's
 * ipcRenderer/ipcMain pair is replaced, by Playwright's exposeBinding.
 */
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { createMainApp, type MainApp } from '../../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../../src/main/app/node-options'
import { serveRendererFile } from '../../src/main/security/renderer-files'
import { rendererCsp } from '../../src/main/security/csp'
import { BRIDGE_SHAPE, createWorkbenchApi } from '../../src/shared/bridge'
import { WORKBENCH_EVENT_NAMES } from '../../src/shared/ipc-contract'
import { makeTempDir } from './temp-dir'

// A *.localhost origin is a secure context (like the app's app:// origin), so
// APIs such as the clipboard behave as in the app.
export const WORKBENCH_ORIGIN = 'http://workbench.localhost'
/** The built renderer; WORKBENCH_OUT_DIR points elsewhere (e.g. a private build while others rebuild out/). */
const RENDERER_DIR = join(process.env.WORKBENCH_OUT_DIR ?? join(import.meta.dirname, '../../out'), 'renderer')

export interface IpcExchange {
  channel: string
  payload: unknown
  result: unknown
}

export interface Harness {
  app: MainApp
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

export async function startHarness(): Promise<Harness> {
  const temp = makeTempDir('qwb-e2e-')
  let currentPage: Page | undefined
  const folderAnswers: string[] = []
  const app = await createMainApp(
    nodeMainAppOptions(temp.dir, {
      rendererOrigin: WORKBENCH_ORIGIN,
      version: '0.0.0-harness',
      // What the desktop app's folder dialog would answer: tests queue answers.
      chooseFolder: async () => folderAnswers.shift(),
      // What webContents.send + the preload's ipcRenderer.on do.
      emit: (event, payload) => {
        void currentPage?.evaluate(([name, data]) => (window as unknown as { __workbenchDeliver?: (n: unknown, d: unknown) => void }).__workbenchDeliver?.(name, data), [event, payload] as const).catch(() => {})
      }
    })
  )
  const ipc: IpcExchange[] = []
  const consoleLines: string[] = []

  async function open(page: Page): Promise<void> {
    currentPage = page
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`))
    page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`))
    await page.route(`${WORKBENCH_ORIGIN}/**`, async (route) => {
      const file = serveRendererFile(RENDERER_DIR, route.request().url(), rendererCsp(app.previewServer.origin))
      await route.fulfill({ status: file.status, headers: file.headers, body: file.body })
    })
    await page.exposeBinding('__workbenchInvoke', async (source, channel: unknown, payload: unknown) => {
      const sender = { url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() }
      const result = await app.registry.invoke(channel, payload, sender)
      ipc.push({ channel: String(channel), payload, result })
      return result
    })
    await page.addInitScript(bridgeScript())
    await page.goto(`${WORKBENCH_ORIGIN}/`)
  }

  return {
    app,
    dataDir: temp.dir,
    ipc,
    console: consoleLines,
    folderAnswers,
    open,
    close: async () => {
      await app.close()
      temp.cleanup()
    }
  }
}

/**
 * What the preload does, as a page script: build the API with the shared
 * createWorkbenchApi and expose it only to the workbench's top-level page.
 * The raw binding is taken away from the page, as contextIsolation hides
 * ipcRenderer in Electron.
 */
function bridgeScript(): string {
  return `(() => {
    const invoke = window.__workbenchInvoke;
    try { delete window.__workbenchInvoke } catch (e) {}
    if (window !== window.top || location.origin !== ${JSON.stringify(WORKBENCH_ORIGIN)}) return;
    const createWorkbenchApi = ${createWorkbenchApi.toString()};
    const names = ${JSON.stringify(WORKBENCH_EVENT_NAMES)};
    const listeners = new Map();
    const subscribe = (event, callback) => {
      if (!names.includes(event)) throw new Error('Unknown workbench event "' + event + '"');
      const set = listeners.get(event) || new Set();
      set.add(callback);
      listeners.set(event, set);
      return () => set.delete(callback);
    };
    // What ipcRenderer.on does in the preload: the harness delivers main's events here.
    Object.defineProperty(window, '__workbenchDeliver', { value: (name, payload) => (listeners.get(name) || new Set()).forEach((cb) => cb(payload)) });
    const api = createWorkbenchApi(${JSON.stringify(BRIDGE_SHAPE)}, (channel, payload) => invoke(channel, payload), subscribe);
    Object.defineProperty(window, 'workbench', { value: api, enumerable: true });
  })();`
}
