/**
 * Browser mode: the same createMainApp composition as the desktop app, under
 * plain Node, with the workbench page and the IPC contract served over
 * loopback HTTP (browser-server.ts) instead of a window and ipcMain. What only
 * a desktop shell has (pop-out windows, the native folder dialog) is left out;
 * the UI offers a typed folder path instead and says so.
 *
 * Used by `npm start` where Electron cannot run, by `npm run start:browser`,
 * and by the Playwright harness, so the e2e tests drive this very path.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createMainApp, type MainApp, type MainAppOptions } from '../app/create-main-app'
import { nodeMainAppOptions } from '../app/node-options'
import { rendererCsp } from '../security/csp'
import type { StringCipher } from '../secrets/secret-vault'
import { startBrowserServer } from './browser-server'
import { createChromiumRenderer } from '../doctor/chromium-renderer'
import { EventHub } from './event-stream'
import { claimDataDir, type InstanceInfo } from './instance-file'

export interface BrowserModeOptions {
  dataDir: string
  /** The built workbench (out/renderer). */
  rendererDir: string
  cipher: StringCipher
  version: string
  port?: number
  /** Claim the data folder (browser-mode.json); the harness's temp folders need not. Default true. */
  claimDataDir?: boolean
  /** Extra composition options (the harness answers folder dialogs). */
  overrides?: Partial<MainAppOptions>
  onExchange?: (channel: string, payload: unknown, result: unknown) => void
}

export interface BrowserMode {
  app: MainApp
  origin: string
  /** The address to open: carries the per-launch secret. */
  launchUrl: string
  close(): Promise<void>
}

export type BrowserModeStart = { started: BrowserMode } | { running: InstanceInfo }

export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserModeStart> {
  mkdirSync(options.dataDir, { recursive: true })
  // Listen first: the origin is part of the composition (the sender policy
  // and the preview's frame-ancestors name it). Until attach(), requests get 503.
  const server = await startBrowserServer({ port: options.port })
  let release = () => {}
  if (options.claimDataDir !== false) {
    const claim = await claimDataDir(options.dataDir, { origin: server.origin, url: server.launchUrl })
    if ('running' in claim) {
      await server.close()
      return { running: claim.running }
    }
    release = claim.release
  }
  try {
    const hub = new EventHub()
    const app = await createMainApp(
      nodeMainAppOptions(options.dataDir, {
        cipher: options.cipher,
        version: options.version,
        rendererOrigin: server.origin,
        shell: 'browser',
        emit: hub.emit,
        // A user's browser mode keeps the sandbox on its fixed port (settings), like the desktop app; tests override it.
        sandboxPort: undefined,
        // Test connection renders the widget in headless Chromium (the system's; skipped, with why, where there is none).
        widgetRenderer: (publish) => createChromiumRenderer(publish),
        ...options.overrides
      })
    )
    server.attach({
      registry: app.registry,
      hub,
      rendererDir: options.rendererDir,
      csp: rendererCsp(app.previewServer.frameOrigins, { connectSelf: true }),
      onExchange: options.onExchange
    })
    return {
      started: {
        app,
        origin: server.origin,
        launchUrl: server.launchUrl,
        close: async () => {
          await Promise.all([server.close(), app.close()])
          release()
        }
      }
    }
  } catch (error) {
    await server.close()
    release()
    throw error
  }
}

/** Where browser mode keeps its data by default: the desktop app's userData folder. */
export function defaultDataDir(): string {
  const name = 'qrvey-embed-workbench'
  const home = process.env.HOME ?? process.env.USERPROFILE ?? '.'
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), name)
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', name)
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), name)
}
