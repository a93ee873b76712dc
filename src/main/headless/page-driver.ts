/**
 * The little a widget render needs from a browser page, so one render loop
 * (render-widget.ts) serves every browser we have: headless Chromium through
 * Playwright (`qwb run`, `qwb doctor`, browser mode: playwright-driver.ts) and
 * a hidden Electron window (the desktop app's Test connection:
 * src/main/electron-page-driver.ts). A driver only reports what happened and
 * runs what it is told; what counts as loaded, failed or quiet is decided by
 * the loop, never by a driver.
 */

/** Something the page did. Request ids are the driver's own; a request ends with exactly one `request-done` or `request-failed`. */
export type DriverEvent =
  | { kind: 'console'; level: 'error' | 'warning' | 'info' | 'debug'; text: string }
  /** An uncaught exception or unhandled rejection, where the browser tells them apart from console output. */
  | { kind: 'page-error'; message: string }
  | { kind: 'request'; id: string }
  /** A response arrived (any status); the request may still be reading its body. */
  | { kind: 'response'; id: string; method: string; url: string; status: number }
  | { kind: 'request-done'; id: string }
  /** The request ended without a response: refused, blocked, aborted, DNS, TLS... `error` is the browser's code (net::ERR_...). */
  | { kind: 'request-failed'; id: string; method: string; url: string; error: string }

export interface PageDriver {
  /** Receives every event from now on; called before load. */
  listen(listener: (event: DriverEvent) => void): void
  /**
   * Opens `url` as the page's top-level document. Resolves once the navigation
   * committed (the widget's scripts may still be loading); rejects, with the
   * browser's reason, when the page could not be opened within `timeoutMs`.
   */
  load(url: string, timeoutMs: number): Promise<void>
  /** Evaluates a JavaScript expression in the top-level document and resolves to its (JSON-like) value. */
  evaluate(expression: string): Promise<unknown>
  /** Ends the page and everything the driver opened for it (window, context, browser). Never throws. */
  close(): Promise<void>
}
