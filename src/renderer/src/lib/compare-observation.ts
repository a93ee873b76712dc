/**
 * What one compared preview reported, as a PersonaObservation and a frame
 * state (issue 12). Pure, so the compare store stays small and this is
 * tested on its own.
 *
 * "Rendered" follows the expectation's meaning: the widget finished loading
 * without an error. Qrvey's dashboards say so with qvDSHItemsLoaded; the
 * offline sandbox's widgets also mark their element ready (the reporter's
 * `widget-state`), which covers widgets without that event (Single Panel,
 * Analytic Suite, ...).
 */
import type { PersonaObservation } from '@shared/personas/expectations'
import type { PreviewReport } from '@shared/preview-messages'

export type FrameState = 'loading' | 'rendered' | 'failed'

const FAILED_STATES = new Set(['error', 'config-error', 'expired'])

function stateOf(report: PreviewReport): string | undefined {
  const detail = report.detail as { state?: unknown } | undefined
  return report.kind === 'lifecycle' && report.name === 'widget-state' && typeof detail?.state === 'string' ? detail.state : undefined
}

/** Errors worth stating: scripts that failed and errors the page threw. */
export function errorsOf(reports: readonly PreviewReport[]): string[] {
  return reports.filter((r) => r.kind === 'script-error' || r.kind === 'page-error').map((r) => r.message)
}

/** Where the frame is: loading until it rendered or failed (the last word counts). */
export function frameStateOf(reports: readonly PreviewReport[]): FrameState {
  let state: FrameState = 'loading'
  for (const report of reports) {
    const widgetState = stateOf(report)
    if (report.kind === 'script-error' || (widgetState && FAILED_STATES.has(widgetState))) state = 'failed'
    else if (widgetState === 'ready' || (report.kind === 'event' && report.name === 'qvDSHItemsLoaded')) state = 'rendered'
    else if (widgetState === 'loading' || (report.kind === 'lifecycle' && report.name === 'page-synced')) state = 'loading'
  }
  return state
}

/** The observation parts the previews answer (rendered, events, errors); undefined rendered while loading. */
export function observationOfReports(reports: readonly PreviewReport[]): Pick<PersonaObservation, 'rendered' | 'events' | 'errors'> {
  const state = frameStateOf(reports)
  return {
    ...(state === 'loading' ? {} : { rendered: state === 'rendered' }),
    events: [...new Set(reports.filter((r) => r.kind === 'event').map((r) => r.name))],
    errors: errorsOf(reports)
  }
}

/** The security notes the sandbox gave this preview (why rows are missing), each once. */
export function securityNotesOf(reports: readonly PreviewReport[]): string[] {
  return [...new Set(reports.filter((r) => r.kind === 'security').map((r) => r.message))]
}

/** The page a report says the widget shows now (page-shown / page-synced), if any. */
export function pageOf(report: PreviewReport): string | undefined {
  if (report.kind !== 'lifecycle' || (report.name !== 'page-shown' && report.name !== 'page-synced')) return undefined
  const page = (report.detail as { page?: unknown } | undefined)?.page
  return typeof page === 'string' && page ? page : undefined
}
