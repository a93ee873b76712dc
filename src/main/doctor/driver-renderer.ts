/**
 * A WidgetRenderer over any PageDriver: publishes the page on the preview
 * server, runs the one render loop (src/main/headless/render-widget.ts) in a
 * page opened for this render only, and closes it whatever happens (a
 * render that runs out of time is ended there). Chromium per render
 * (chromium-renderer.ts) and the desktop app's hidden window
 * (src/main/electron-page-driver.ts) differ only in `open`.
 */
import type { PageDriver } from '../headless/page-driver'
import { renderWidget, type RenderObservation } from '../headless/render-widget'
import type { PreviewPage } from '../preview/preview-server'
import { KeyEcho } from '../secrets/key-echo'
import type { RenderOutcome, WidgetRenderer } from './widget-renderer'

/** A page for one render, or why this machine has none (the step is then skipped, saying so). */
export type OpenDriver = () => Promise<{ driver: PageDriver } | { unavailable: string }>

const MAX_TEXT = 500

export function outcomeOf(observation: RenderObservation, durationMs: number, echo: KeyEcho = KeyEcho.of(undefined)): RenderOutcome {
  const line = (text: string) => echo.scrubHead(text, MAX_TEXT).text
  return {
    available: true,
    events: observation.events,
    settledBy: observation.settledBy,
    reason: observation.reason,
    ...(observation.state ? { state: observation.state } : {}),
    loaded: observation.outcome === 'loaded',
    tokenExpired: observation.settledBy === 'token-expired',
    consoleErrors: [...observation.consoleErrors, ...observation.pageErrors.map((e) => `uncaught: ${e}`)].map(line),
    failedRequests: observation.failedRequests.map(line),
    warnings: observation.reports.filter((r) => r.kind === 'console-warn').map((r) => line(r.message)),
    durationMs
  }
}

export function driverWidgetRenderer(publish: (page: PreviewPage) => string, open: OpenDriver): WidgetRenderer {
  return {
    async render(request): Promise<RenderOutcome> {
      const started = performance.now()
      const opened = await open()
      if ('unavailable' in opened) return { available: false, reason: opened.unavailable }
      try {
        const url = publish({ html: request.html, csp: request.csp })
        const observation = await renderWidget(opened.driver, { url, element: request.element, waitForItemsLoaded: request.waitForItemsLoaded, timeoutMs: request.timeoutMs })
        return outcomeOf(observation, Math.round(performance.now() - started), new KeyEcho(request.keys ?? []))
      } finally {
        await opened.driver.close()
      }
    }
  }
}
