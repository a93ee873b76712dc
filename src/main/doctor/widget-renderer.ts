/**
 * How the doctor (and the support bundle) see a widget in a real browser:
 * the host page a customer would serve, opened in headless Chromium, until
 * the widget says qvDSHItemsLoaded, qvTokenExpired, or time runs out.
 */
export interface RenderRequest {
  /** The host page (src/shared/host-page.ts, without the preview block) and its CSP. */
  html: string
  csp: string
  timeoutMs: number
}

export type RenderOutcome =
  | { available: false; reason: string }
  | {
      available: true
      /** Widget events in order (qvDSHPageLoaded, qvDSHItemsLoaded, qvTokenExpired). */
      events: string[]
      loaded: boolean
      tokenExpired: boolean
      consoleErrors: string[]
      failedRequests: string[]
      durationMs: number
    }

export interface WidgetRenderer {
  render(request: RenderRequest): Promise<RenderOutcome>
}
