/**
 * Renders one preview in headless Chromium and watches it (`qwb run`), as the
 * workbench's preview pane does: the preview page (PreviewService, with its
 * reporter block) runs in a frame of a small runner page on the preview
 * server's own origin, whose only job is to pass the reporter's
 * postMessages to `qwb run`. Playwright adds what a page cannot see about
 * itself: every console error and every failed or refused request, in any
 * frame.
 *
 * "Loaded" is Qrvey's `qvDSHItemsLoaded` where the widget documents it
 * (dashboards); otherwise the widget's own loaded state (the sandbox widgets'
 * `data-qv-state="ready"`), or, for a widget on a real instance that says
 * neither, its element mounted with content and the network quiet.
 */
import type { Browser, Frame, Page } from '@playwright/test'
import { isPreviewReport, type PreviewReport } from '../../shared/preview-messages'
import type { PreviewServerHandle } from '../preview/preview-server'

export type RenderOutcome = 'loaded' | 'failed' | 'timeout'

export interface RenderObservation {
  outcome: RenderOutcome
  /** Why it failed or what it waited for, in plain words. */
  reason: string
  /** Reports of the preview page's reporter, in order. */
  reports: PreviewReport[]
  /** Qrvey events seen (qvDSHPageLoaded, qvDSHItemsLoaded, qvTokenExpired), in order. */
  events: string[]
  consoleErrors: string[]
  pageErrors: string[]
  failedRequests: string[]
  /** The widget element's data-qv-state at the end, where the widget has one. */
  state?: string
  durationMs: number
}

export interface RenderOptions {
  browser: Browser
  server: PreviewServerHandle
  /** The preview page (PreviewService.create). */
  previewUrl: string
  /** The widget's custom element, e.g. qrvey-end-user. */
  element: string
  /** Wait for qvDSHItemsLoaded (dashboard widgets) rather than a loaded state. */
  waitForItemsLoaded: boolean
  timeoutMs: number
}

const FAILED_STATES = new Set(['error', 'expired', 'config-error'])
/** A widget that reports no state counts as loaded once its requests have been quiet this long. */
const QUIET_MS = 1_500
/** After loading, how long late errors and requests may still arrive. */
const GRACE_MS = 300

function runnerPage(previewUrl: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>qwb run</title><link rel="icon" href="data:,">
<style>html, body, iframe { margin: 0; border: 0; width: 100%; height: 100%; display: block; }</style></head>
<body><iframe id="preview" src="${previewUrl.replace(/"/g, '&quot;')}"></iframe>
<script>
  var frame = document.getElementById('preview');
  window.addEventListener('message', function (event) {
    if (event.source === frame.contentWindow) window.qwbReport(event.data);
  });
</script></body></html>`
}

interface WidgetProbe {
  state: string | null
  hasContent: boolean
  error: string | null
}

async function probe(frame: Frame | undefined, element: string): Promise<WidgetProbe | undefined> {
  if (!frame) return undefined
  return frame
    .evaluate((name) => {
      const el = document.querySelector(name)
      if (!el) return { state: null, hasContent: false, error: null }
      const root = el.shadowRoot ?? el
      const box = root.querySelector('[data-qv="error-message"], [data-qv="expired"] p')
      // Text nodes joined by spaces: textContent would glue a title to the paragraph after it.
      const parts: string[] = []
      if (box) {
        const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT)
        for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.textContent ?? '')
      }
      const error = parts.join(' ').replace(/\s+/g, ' ').trim()
      return { state: el.getAttribute('data-qv-state'), hasContent: root.childNodes.length > 0, error: error ? error.slice(0, 400) : null }
    }, element)
    .catch(() => undefined)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function renderWidget(options: RenderOptions): Promise<RenderObservation> {
  const started = performance.now()
  const context = await options.browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page: Page = await context.newPage()
  const reports: PreviewReport[] = []
  const consoleErrors: string[] = []
  const pageErrors: string[] = []
  const failedRequests: string[] = []
  let inFlight = 0
  let lastNetwork = performance.now()
  const previewPath = new URL(options.previewUrl).pathname

  await page.exposeFunction('qwbReport', (data: unknown) => {
    if (isPreviewReport(data)) reports.push(data)
  })
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => pageErrors.push(error.message))
  page.on('request', () => {
    inFlight++
    lastNetwork = performance.now()
  })
  const settle = () => {
    inFlight = Math.max(0, inFlight - 1)
    lastNetwork = performance.now()
  }
  page.on('requestfinished', settle)
  page.on('requestfailed', (request) => {
    settle()
    const text = request.failure()?.errorText ?? 'failed'
    // A widget aborting its own request (re-created, navigated) is not a failure.
    if (text !== 'net::ERR_ABORTED') failedRequests.push(`${request.method()} ${request.url()}: ${text}`)
  })
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) {
      failedRequests.push(`${response.request().method()} ${response.url()} answered ${response.status()}`)
    }
  })

  let outcome: RenderOutcome = 'timeout'
  let reason = ''
  let last: WidgetProbe | undefined
  try {
    const runner = options.server.publish({
      html: runnerPage(options.previewUrl),
      csp: "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'"
    })
    await page.goto(runner, { waitUntil: 'commit', timeout: options.timeoutMs })
    const deadline = started + options.timeoutMs
    for (;;) {
      const frame = page.frames().find((f) => f.url().includes(previewPath))
      last = await probe(frame, options.element)
      const names = reports.filter((r) => r.kind === 'event').map((r) => r.name)
      const scriptError = reports.find((r) => r.kind === 'script-error')
      if (names.includes('qvTokenExpired') || last?.state === 'expired') {
        outcome = 'failed'
        reason = `the widget reported qvTokenExpired: the token was refused${last?.error ? ` (${last.error})` : ''}`
      } else if (scriptError) {
        outcome = 'failed'
        reason = scriptError.message
      } else if (last?.state && FAILED_STATES.has(last.state)) {
        outcome = 'failed'
        reason = `the widget shows an error (state ${last.state})${last.error ? `: ${last.error}` : ''}`
      } else if (names.includes('qvDSHItemsLoaded')) {
        outcome = 'loaded'
        reason = 'qvDSHItemsLoaded'
      } else if (!options.waitForItemsLoaded && last?.state === 'ready') {
        outcome = 'loaded'
        reason = 'the widget is ready'
      } else if (!options.waitForItemsLoaded && last && last.state === null && last.hasContent && inFlight === 0 && performance.now() - lastNetwork > QUIET_MS) {
        outcome = 'loaded'
        reason = 'the widget rendered and its requests finished'
      }
      if (outcome !== 'timeout') break
      if (performance.now() > deadline) {
        reason = options.waitForItemsLoaded
          ? `no qvDSHItemsLoaded within ${Math.round(options.timeoutMs / 1000)} s${last?.state ? ` (widget state ${last.state})` : last ? '' : ' (the widget element never appeared)'}`
          : `the widget did not finish loading within ${Math.round(options.timeoutMs / 1000)} s${last?.state ? ` (state ${last.state})` : ''}`
        break
      }
      await sleep(100)
    }
    // Late errors and the last requests of a widget that just loaded.
    const graceEnd = performance.now() + 2_000
    while (inFlight > 0 && performance.now() < graceEnd) await sleep(50)
    await sleep(GRACE_MS)
  } catch (error) {
    outcome = 'failed'
    reason = `the page could not be opened: ${(error as Error).message.split('\n')[0]}`
  } finally {
    await context.close().catch(() => undefined)
  }
  return {
    outcome,
    reason,
    reports,
    events: reports.filter((r) => r.kind === 'event').map((r) => r.name),
    consoleErrors,
    pageErrors: [...new Set([...pageErrors, ...reports.filter((r) => r.kind === 'page-error').map((r) => r.message)])],
    failedRequests,
    ...(last?.state ? { state: last.state } : {}),
    durationMs: Math.round(performance.now() - started)
  }
}
