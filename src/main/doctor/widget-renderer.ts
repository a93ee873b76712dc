/**
 * How the doctor (and the support bundle) see a widget in a real browser:
 * the page the preview serves (the customer's host page plus the preview's
 * reporter block, which only listens), opened in a browser page of its own,
 * until the widget has loaded, failed, or run out of time. The rules are
 * those of `qwb run` (src/main/headless/loaded-rules.ts); a renderer only
 * chooses the browser: headless Chromium (chromium-renderer.ts) or the
 * desktop app's hidden Electron window (src/main/electron-page-driver.ts).
 */
import type { SettledBy } from '../headless/loaded-rules'

export interface RenderRequest {
  /** The preview page (src/shared/host-page.ts with its preview block) and its CSP. */
  html: string
  csp: string
  /** The widget's custom element (qrvey-end-user, an-panel, ...), to read its state. */
  element: string
  /** Only qvDSHItemsLoaded counts as loaded (dashboards: expectsItemsLoaded). */
  waitForItemsLoaded: boolean
  timeoutMs: number
  /** API keys to remove from what the page said before it is cut to a line (a key across the cut would not be whole). */
  keys?: readonly string[]
}

/**
 * What ended the wait: Qrvey's qvDSHItemsLoaded (dashboard widgets send it),
 * the element's own loaded state (`data-qv-state="ready"`, the sandbox
 * widgets), or, for a widget that says neither, its element holding content
 * with the network quiet; qvTokenExpired, an error state, a launcher script
 * that did not load or a page that did not open end it as failed.
 */
export type RenderSettledBy = SettledBy

export type RenderOutcome =
  | { available: false; reason: string }
  | {
      available: true
      /** Widget events in order (qvDSHPageLoaded, qvDSHItemsLoaded, qvTokenExpired). */
      events: string[]
      settledBy: RenderSettledBy
      /** Why it failed or what it waited for, in plain words (the render loop's). */
      reason: string
      /** The element's data-qv-state at the end, where it has one. */
      state?: string
      loaded: boolean
      tokenExpired: boolean
      /** Console errors, then uncaught errors ("uncaught: ..."). */
      consoleErrors: string[]
      failedRequests: string[]
      /** What the widget warned about (console.warn): a setting it accepted but could not honour. */
      warnings: string[]
      durationMs: number
    }

export interface WidgetRenderer {
  render(request: RenderRequest): Promise<RenderOutcome>
}
