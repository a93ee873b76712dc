/**
 * When a widget counts as rendered, failed, or still loading: the one set of
 * rules behind `qwb run`'s "widget rendered" check and Test connection's
 * last step, whichever browser ran the page.
 *
 * "Loaded" is Qrvey's `qvDSHItemsLoaded` where the widget documents it
 * (dashboards, QRVEY.md §3); otherwise the widget's own loaded state (the
 * sandbox widgets' `data-qv-state="ready"`), or, for a widget on a real
 * instance that says neither, its element mounted with content and the
 * network quiet. Failed is qvTokenExpired, an error or expired state, or a
 * launcher script that could not be loaded.
 */
import type { PreviewReport } from '../../shared/preview-messages'
import type { WidgetProbe } from './widget-probe'

/** What ended the wait. */
export type SettledBy = 'items-loaded' | 'ready' | 'content' | 'token-expired' | 'error-state' | 'script-error' | 'not-opened' | 'timeout'

export type RenderOutcome = 'loaded' | 'failed' | 'timeout'

export interface Verdict {
  outcome: RenderOutcome
  settledBy: SettledBy
  /** Why it failed or what it waited for, in plain words. */
  reason: string
}

/** Qrvey's dashboard widgets document qvDSHPageLoaded and qvDSHItemsLoaded (QRVEY.md §3). */
const DASHBOARD_WIDGETS = new Set(['page-view', 'page-builder', 'qrvey-dashboard'])

/** Whether a render waits for, and expects, qvDSHItemsLoaded for this widget and its fields. */
export function expectsItemsLoaded(widgetId: string, fields: Record<string, string | boolean>, tokenBody: Record<string, unknown>): boolean {
  if (!DASHBOARD_WIDGETS.has(widgetId)) return false
  // v9's element without a dashboard id shows a dashboard browser: no items to load.
  if (widgetId === 'qrvey-dashboard') return !!fields.dashboardId || typeof tokenBody.dashboardId === 'string'
  return true
}

const FAILED_STATES = new Set(['error', 'expired', 'config-error'])

/** A widget that reports no state counts as loaded once its requests have been quiet this long. */
export const QUIET_MS = 1_500

export interface PageSoFar {
  /** Every report of the preview reporter so far, in order. */
  reports: readonly PreviewReport[]
  /** The last probe of the element; undefined while the page could not be asked yet. */
  probe: WidgetProbe | undefined
  /** No request in flight for QUIET_MS. */
  networkQuiet: boolean
  /** Only qvDSHItemsLoaded counts as loaded (a dashboard). */
  waitForItemsLoaded: boolean
}

export function eventsOf(reports: readonly PreviewReport[]): string[] {
  return reports.filter((r) => r.kind === 'event').map((r) => r.name)
}

/**
 * The verdict once there is one; undefined while the widget is still loading.
 * The reporter's `element-undefined` (the element was not defined at
 * DOMContentLoaded) is not a verdict: a launcher that loads its chunks first
 * (Stencil's lazy loader does) defines it later. At the deadline the probe
 * says whether it ever was (see timeoutVerdict).
 */
export function judge(page: PageSoFar): Verdict | undefined {
  const { probe } = page
  const names = eventsOf(page.reports)
  const scriptError = page.reports.find((r) => r.kind === 'script-error' && r.name !== 'element-undefined')
  if (names.includes('qvTokenExpired') || probe?.state === 'expired') {
    return { outcome: 'failed', settledBy: 'token-expired', reason: `the widget reported qvTokenExpired: the token was refused${probe?.error ? ` (${probe.error})` : ''}` }
  }
  if (scriptError) return { outcome: 'failed', settledBy: 'script-error', reason: scriptError.message }
  if (probe?.state && FAILED_STATES.has(probe.state)) {
    return { outcome: 'failed', settledBy: 'error-state', reason: `the widget shows an error (state ${probe.state})${probe.error ? `: ${probe.error}` : ''}` }
  }
  if (names.includes('qvDSHItemsLoaded')) return { outcome: 'loaded', settledBy: 'items-loaded', reason: 'qvDSHItemsLoaded' }
  if (page.waitForItemsLoaded || !probe) return undefined
  if (probe.state === 'ready') return { outcome: 'loaded', settledBy: 'ready', reason: 'the widget is ready' }
  if (probe.state === null && probe.hasContent && page.networkQuiet) return { outcome: 'loaded', settledBy: 'content', reason: 'the widget rendered and its requests finished' }
  return undefined
}

/** No verdict by the deadline: what it waited for, and what the page showed. */
export function timeoutVerdict(page: PageSoFar, timeoutMs: number, element: string): Verdict {
  const { probe } = page
  const seconds = Math.round(timeoutMs / 1000)
  const seen = !probe
    ? ' (the page never answered)'
    : !probe.defined
      ? ` (the launcher never defined <${element}>: is this the right Qrvey version and widget?)`
      : probe.state
        ? ` (${page.waitForItemsLoaded ? 'widget state' : 'state'} ${probe.state})`
        : ''
  const reason = page.waitForItemsLoaded ? `no qvDSHItemsLoaded within ${seconds} s${seen}` : `the widget did not finish loading within ${seconds} s${seen}`
  return { outcome: 'timeout', settledBy: 'timeout', reason }
}
