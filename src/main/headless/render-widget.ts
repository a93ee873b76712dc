/**
 * Renders one preview page in a browser page and watches it until the widget
 * has loaded, failed, or run out of time: the one render loop of `qwb run`
 * (a page per setup in one browser per run) and of Test connection's last
 * step (a browser, or a hidden Electron window, per render). Only the
 * PageDriver differs; the rules are loaded-rules.ts.
 *
 * The page is the preview page (the host page a customer serves plus the
 * preview's reporter block, src/shared/host-page.ts), opened at the top level:
 * the reporter keeps its reports (Qrvey's events, script errors, warnings) in
 * the page, the probe reads them with the element's state, and the driver
 * adds what a page cannot see about itself: every console error and every
 * failed or refused request.
 */
import type { PreviewReport } from '../../shared/preview-messages'
import { eventsOf, judge, QUIET_MS, timeoutVerdict, type PageSoFar, type RenderOutcome, type SettledBy, type Verdict } from './loaded-rules'
import type { DriverEvent, PageDriver } from './page-driver'
import { probeExpression, readProbe, reportCount, type WidgetProbe } from './widget-probe'

export type { RenderOutcome, SettledBy } from './loaded-rules'

export interface RenderTarget {
  /** The preview page, published on a loopback preview server. */
  url: string
  /** The widget's custom element, e.g. qrvey-end-user. */
  element: string
  /** Wait for qvDSHItemsLoaded (dashboard widgets) rather than a loaded state (expectsItemsLoaded). */
  waitForItemsLoaded: boolean
  timeoutMs: number
}

export interface RenderObservation {
  outcome: RenderOutcome
  settledBy: SettledBy
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

/** After a verdict, how long late errors and requests may still arrive. */
const GRACE_MS = 300
/** After a verdict, how long requests still in flight may take to finish. */
const DRAIN_MS = 2_000
/** One probe may not take longer than this (a page busy in a loop): the loop goes on, and the deadline holds. */
const PROBE_TIMEOUT_MS = 5_000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** `promise`, or a rejection once `ms` passed. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${Math.round(ms / 100) / 10} s`)), ms)
  })
  return Promise.race([promise, late]).finally(() => clearTimeout(timer))
}

function firstLine(error: unknown): string {
  return ((error as Error)?.message ?? String(error)).split('\n').find((l) => l.trim())?.trim() ?? 'unknown error'
}

/** What the driver saw, kept as the page runs. */
class PageLog {
  readonly consoleErrors: string[] = []
  readonly pageErrors: string[] = []
  readonly failedRequests: string[] = []
  private readonly inFlight = new Set<string>()
  private lastNetwork = performance.now()

  readonly take = (event: DriverEvent): void => {
    switch (event.kind) {
      case 'console':
        if (event.level === 'error') this.consoleErrors.push(event.text)
        return
      case 'page-error':
        this.pageErrors.push(event.message)
        return
      case 'request':
        this.inFlight.add(event.id)
        this.lastNetwork = performance.now()
        return
      case 'response':
        // The browser asks for a favicon of its own accord; the page did not.
        if (event.status >= 400 && !event.url.endsWith('/favicon.ico')) this.failedRequests.push(`${event.method} ${event.url} answered ${event.status}`)
        return
      case 'request-done':
        this.settle(event.id)
        return
      case 'request-failed':
        this.settle(event.id)
        // A widget aborting its own request (re-created, navigated) is not a failure.
        if (event.error !== 'net::ERR_ABORTED') this.failedRequests.push(`${event.method} ${event.url}: ${event.error}`)
    }
  }

  private settle(id: string): void {
    this.inFlight.delete(id)
    this.lastNetwork = performance.now()
  }

  get busy(): boolean {
    return this.inFlight.size > 0
  }

  get quiet(): boolean {
    return this.inFlight.size === 0 && performance.now() - this.lastNetwork > QUIET_MS
  }
}

/** What a caller may learn before the render returns. */
export interface RenderWatch {
  /**
   * The verdict is in: from here the render only waits for late errors and requests (up to
   * DRAIN_MS + GRACE_MS, most often GRACE_MS) and reads the page once more. `qwb run` starts its
   * next case then, so that wait overlaps the next page's work instead of adding to it.
   */
  onVerdict?: () => void
}

export async function renderWidget(driver: PageDriver, target: RenderTarget, watch: RenderWatch = {}): Promise<RenderObservation> {
  const started = performance.now()
  const deadline = started + target.timeoutMs
  const log = new PageLog()
  driver.listen(log.take)
  const reports: PreviewReport[] = []
  let asked = 0
  let probe: WidgetProbe | undefined
  let verdict: Verdict | undefined
  try {
    await within(driver.load(target.url, target.timeoutMs), target.timeoutMs + 1_000, 'the page did not open')
  } catch (error) {
    verdict = { outcome: 'failed', settledBy: 'not-opened', reason: `the page could not be opened: ${firstLine(error)}` }
  }
  const ask = async (ms: number) => {
    const answer = await within(driver.evaluate(probeExpression(target.element, asked)), ms, 'the page did not answer').catch(() => undefined)
    const read = readProbe(answer)
    if (read) {
      probe = read
      asked += reportCount(answer)
      reports.push(...read.reports)
    }
  }
  while (!verdict) {
    await ask(Math.max(200, Math.min(PROBE_TIMEOUT_MS, deadline - performance.now())))
    const page: PageSoFar = { reports, probe, networkQuiet: log.quiet, waitForItemsLoaded: target.waitForItemsLoaded }
    verdict = judge(page) ?? (performance.now() > deadline ? timeoutVerdict(page, target.timeoutMs, target.element) : undefined)
    if (!verdict) await sleep(100)
  }
  watch.onVerdict?.()
  if (verdict.settledBy !== 'not-opened') {
    // Late errors and the last requests of a widget that just settled.
    const drainEnd = performance.now() + DRAIN_MS
    while (log.busy && performance.now() < drainEnd) await sleep(50)
    await sleep(GRACE_MS)
    // The reports made meanwhile (a late warning or error); the verdict stands.
    await ask(1_000)
  }
  const pageErrors = [...new Set([...log.pageErrors, ...reports.filter((r) => r.kind === 'page-error').map((r) => r.message)])]
  return {
    outcome: verdict.outcome,
    settledBy: verdict.settledBy,
    reason: verdict.reason,
    reports,
    events: eventsOf(reports),
    // A browser that logs an uncaught error to its console too (Electron does) would count it twice.
    consoleErrors: log.consoleErrors.filter((text) => !pageErrors.includes(text)),
    pageErrors,
    failedRequests: log.failedRequests,
    ...(probe?.state ? { state: probe.state } : {}),
    durationMs: Math.round(performance.now() - started)
  }
}
