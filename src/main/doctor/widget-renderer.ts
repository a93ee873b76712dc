/**
 * How the doctor (and the support bundle) see a widget in a real browser:
 * the host page a customer would serve, opened in headless Chromium, until
 * the widget says qvDSHItemsLoaded, qvTokenExpired, or time runs out.
 */
export interface RenderRequest {
  /** The host page (src/shared/host-page.ts, without the preview block) and its CSP. */
  html: string
  csp: string
  /** The widget's custom element (qrvey-end-user, an-panel, ...), to read its state. */
  element: string
  timeoutMs: number
}

/**
 * What ended the wait: Qrvey's qvDSHItemsLoaded (dashboard widgets send it),
 * the element's own loaded state (`data-qv-state="ready"`, the sandbox
 * widgets), or, for a widget that says neither, its element holding content
 * with the network quiet; qvTokenExpired or an error state end it as failed.
 */
export type RenderSettledBy = 'items-loaded' | 'ready' | 'content' | 'token-expired' | 'error-state' | 'timeout'

export type RenderOutcome =
  | { available: false; reason: string }
  | {
      available: true
      /** Widget events in order (qvDSHPageLoaded, qvDSHItemsLoaded, qvTokenExpired). */
      events: string[]
      settledBy: RenderSettledBy
      /** The element's data-qv-state at the end, where it has one. */
      state?: string
      loaded: boolean
      tokenExpired: boolean
      consoleErrors: string[]
      failedRequests: string[]
      durationMs: number
    }

export interface WidgetRenderer {
  render(request: RenderRequest): Promise<RenderOutcome>
}
