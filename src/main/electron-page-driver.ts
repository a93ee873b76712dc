/**
 * Test connection's last step in the desktop app, where no Chromium need be
 * installed: Electron is Chromium. A hidden, locked-down window per render,
 * mapped onto the PageDriver the one render loop drives
 * (src/main/headless/render-widget.ts, tested under Node through the
 * Playwright driver). Only the mapping lives here, next to index.ts:
 *
 * - sandboxed renderer, context isolation, no Node, no preload, no bridge;
 * - its own in-memory session (a fresh partition without "persist:"): no
 *   cookies or storage shared with the workbench or other renders, every
 *   permission and download refused, nothing but http(s)/ws(s)/data/blob loaded;
 * - no navigation, redirect of the page or new window; the app-wide guards of
 *   index.ts (web-contents-created) apply too;
 * - destroyed when the render ends, and in any case shortly after its timeout.
 */
import { randomUUID } from 'node:crypto'
import { BrowserWindow, session } from 'electron'
import type { OpenDriver } from './doctor/driver-renderer'
import type { DriverEvent, PageDriver } from './headless/page-driver'
import { secureWebPreferences } from './security/window-policy'

/** What a widget page may load: its page, the Qrvey domain over http(s) and ws(s), and what it makes itself. */
const ALLOWED_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:', 'data:', 'blob:'])
/** Past its timeout, a render's window is destroyed after this much more (the loop's drain and grace fit in it). */
const KILL_AFTER_MS = 10_000

function schemeOf(url: string): string {
  try {
    return new URL(url).protocol
  } catch {
    return ''
  }
}

export const openElectronPageDriver: OpenDriver = async () => {
  // No "persist:" prefix: the session lives in memory only.
  const ses = session.fromPartition(`qwb-render-${randomUUID()}`, { cache: false })
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  ses.on('will-download', (event) => event.preventDefault())

  const win = new BrowserWindow({
    show: false,
    width: 1280,
    height: 800,
    title: 'Test connection',
    // Hidden windows are throttled by default; the widget must run at full speed to meet the timeout.
    webPreferences: { ...secureWebPreferences(''), preload: undefined, session: ses, backgroundThrottling: false }
  })
  const contents = win.webContents
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  // loadURL (the render's own) does not raise will-navigate: every navigation that does is the page's.
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => {
    if (event.isMainFrame) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())

  let kill: NodeJS.Timeout | undefined
  const destroy = () => {
    clearTimeout(kill)
    if (!win.isDestroyed()) win.destroy()
  }

  const driver: PageDriver = {
    listen(listener: (event: DriverEvent) => void) {
      contents.on('console-message', (event) => listener({ kind: 'console', level: event.level, text: event.message }))
      contents.on('render-process-gone', (_event, details) => listener({ kind: 'page-error', message: `the page's renderer process ended (${details.reason})` }))
      ses.webRequest.onBeforeRequest((details, callback) => {
        if (!ALLOWED_SCHEMES.has(schemeOf(details.url))) {
          // Refused here; onErrorOccurred reports it as a failed request.
          callback({ cancel: true })
          return
        }
        // As in Playwright, a WebSocket is not a request that keeps the page busy.
        if (details.resourceType !== 'webSocket') listener({ kind: 'request', id: String(details.id) })
        callback({})
      })
      ses.webRequest.onCompleted((details) => {
        if (details.resourceType === 'webSocket') return
        const id = String(details.id)
        listener({ kind: 'response', id, method: details.method, url: details.url, status: details.statusCode })
        listener({ kind: 'request-done', id })
      })
      ses.webRequest.onErrorOccurred((details) => listener({ kind: 'request-failed', id: String(details.id), method: details.method, url: details.url, error: details.error }))
    },
    load(url, timeoutMs) {
      clearTimeout(kill)
      kill = setTimeout(destroy, timeoutMs + KILL_AFTER_MS)
      return new Promise<void>((resolve, reject) => {
        let done = false
        const finish = (error?: Error) => {
          if (done) return
          done = true
          clearTimeout(timer)
          contents.off('did-navigate', committed)
          contents.off('did-fail-load', failed)
          if (error) reject(error)
          else resolve()
        }
        const committed = () => finish()
        const failed = (_event: unknown, code: number, description: string, failedUrl: string, isMainFrame: boolean) => {
          if (isMainFrame) finish(new Error(`${description || 'the page did not load'} (${code}) at ${failedUrl}`))
        }
        const timer = setTimeout(() => finish(new Error(`the page did not open within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs)
        contents.on('did-navigate', committed)
        contents.on('did-fail-load', failed)
        // Its failure arrives as did-fail-load (with the reason); after the commit, nothing more is awaited.
        contents.loadURL(url).catch((error: unknown) => finish(error instanceof Error ? error : new Error(String(error))))
      })
    },
    // The main frame's executeJavaScript runs at once; webContents' own waits until the page stops loading,
    // which a widget still fetching its scripts can put off past the timeout.
    evaluate: (expression) => (win.isDestroyed() ? Promise.reject(new Error('the window is closed')) : contents.mainFrame.executeJavaScript(expression)),
    async close() {
      destroy()
      ses.webRequest.onBeforeRequest(null)
      ses.webRequest.onCompleted(null)
      ses.webRequest.onErrorOccurred(null)
      await ses.clearStorageData().catch(() => undefined)
    }
  }
  return { driver }
}
