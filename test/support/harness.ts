/**
 * Runs the built renderer in a real Chromium page with `window.workbench`
 * backed by the real main-process composition (services, handler registry,
 * sandbox server) in the test process: the same API object the preload
 * builds, the same sender checks, real HTTP, real files. Only Electron's
 * ipcRenderer/ipcMain pair is replaced, by Playwright's exposeBinding.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { createMainApp, type MainApp } from '../../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../../src/main/app/node-options'
import { serveRendererFile } from '../../src/main/security/renderer-files'
import { rendererCsp } from '../../src/main/security/csp'
import { BRIDGE_SHAPE, createWorkbenchApi } from '../../src/shared/bridge'
import { WORKBENCH_EVENT_NAMES } from '../../src/shared/ipc-contract'
import { makeTempDir } from './temp-dir'

/** The built renderer; WORKBENCH_OUT_DIR points elsewhere (e.g. a private build while others rebuild out/). */
const RENDERER_DIR = join(process.env.WORKBENCH_OUT_DIR ?? join(import.meta.dirname, '../../out'), 'renderer')

export interface IpcExchange {
  channel: string
  payload: unknown
  result: unknown
}

export interface Harness {
  app: MainApp
  /** Where the workbench page is served: a loopback origin of its own. */
  origin: string
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

/**
 * The built renderer, served with the app's CSP headers from a loopback
 * server. Loopback, like the preview and sandbox servers, because Chromium's
 * Local Network Access checks block a page from a non-local origin from
 * framing 127.0.0.1 (the app grants its own origin that permission). A
 * loopback origin is also a secure context, as app:// is in the app.
 */
async function startRendererServer(csp: () => string): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const file = serveRendererFile(RENDERER_DIR, `http://renderer${req.url ?? '/'}`, csp())
    res.writeHead(file.status, file.headers)
    res.end(file.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

export interface HarnessOptions {
  /** Runs on the empty data folder before the app starts (e.g. to plant damaged files). */
  prepare?: (dataDir: string) => void
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const temp = makeTempDir('qwb-e2e-')
  options.prepare?.(temp.dir)
  let currentPage: Page | undefined
  const folderAnswers: string[] = []
  let previewOrigin = ''
  const renderer = await startRendererServer(() => rendererCsp(previewOrigin))
  const app = await createMainApp(
    nodeMainAppOptions(temp.dir, {
      rendererOrigin: renderer.origin,
      version: '0.0.0-harness',
      // What the desktop app's folder dialog would answer: tests queue answers.
      chooseFolder: async () => folderAnswers.shift(),
      // The starter export's save dialog answers from the same queue.
      chooseStarterFolder: async () => folderAnswers.shift(),
      // What webContents.send + the preload's ipcRenderer.on do.
      emit: (event, payload) => {
        void currentPage?.evaluate(([name, data]) => (window as unknown as { __workbenchDeliver?: (n: unknown, d: unknown) => void }).__workbenchDeliver?.(name, data), [event, payload] as const).catch(() => {})
      }
    })
  )
  previewOrigin = app.previewServer.origin
  const ipc: IpcExchange[] = []
  const consoleLines: string[] = []

  async function open(page: Page): Promise<void> {
    currentPage = page
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`))
    page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`))
    await page.exposeBinding('__workbenchInvoke', async (source, channel: unknown, payload: unknown) => {
      const sender = { url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() }
      const result = await app.registry.invoke(channel, payload, sender)
      ipc.push({ channel: String(channel), payload, result })
      return result
    })
    await page.addInitScript(bridgeScript(renderer.origin))
    await page.goto(`${renderer.origin}/`)
  }

  return {
    app,
    origin: renderer.origin,
    dataDir: temp.dir,
    ipc,
    console: consoleLines,
    folderAnswers,
    open,
    close: async () => {
      await Promise.all([app.close(), renderer.close()])
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
function bridgeScript(origin: string): string {
  return `(() => {
    const invoke = window.__workbenchInvoke;
    try { delete window.__workbenchInvoke } catch (e) {}
    if (window !== window.top || location.origin !== ${JSON.stringify(origin)}) return;
    // esbuild (tsx) wraps functions with __name(fn, "name") calls to keep their
    // names; the injected source needs that helper to exist.
    const __name = (fn) => fn;
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
