/**
 * Messages between the preview page (another origin, in an iframe or a
 * pop-out window) and the workbench. postMessage is the only channel: the
 * preview has no bridge, no Node, no key.
 */

export const PREVIEW_SOURCE = 'qrvey-workbench-preview'

/**
 * A preview page with nobody to post to (opened at the top level, with no
 * opener: Test connection's and `qwb run`'s headless render) keeps its reports
 * in this global list instead, where the render reads them
 * (src/main/headless/widget-probe.ts). Capped, so a page left open never grows it without end.
 */
export const PREVIEW_REPORTS_GLOBAL = '__qwbPreviewReports'
export const PREVIEW_REPORTS_MAX = 1000
export const WORKBENCH_SOURCE = 'qrvey-workbench'

/**
 * `security`: the offline sandbox's explanation of what record-level security,
 * asset_permissions or roles withheld (its x-qrvey-sandbox-notice header), read
 * by the preview's reporter from the widget's own requests: never from the
 * widget's events, whose detail stays as Qrvey documents it.
 * `console-warn`: the page's console.warn (the sandbox widgets warn there about
 * what they accepted but could not honour: an unknown themeId or dashboardId).
 */
export type PreviewLogKind = 'event' | 'console-error' | 'script-error' | 'network-error' | 'page-error' | 'lifecycle' | 'security' | 'console-warn'

/** From the preview page to the workbench. */
export interface PreviewReport {
  source: typeof PREVIEW_SOURCE
  kind: PreviewLogKind
  /** Event name (qvDSHPageLoaded, ...) or a short label. */
  name: string
  message: string
  detail?: unknown
  /** ms since epoch, taken in the preview page. */
  time: number
}

/** From the workbench to the preview page: apply a new token (the host re-creates the widget). */
export interface RenewMessage {
  source: typeof WORKBENCH_SOURCE
  kind: 'renew'
  token: string
}

/** From the workbench to a preview page: show this dashboard page (the compare view keeps its previews on one page). */
export interface ShowPageMessage {
  source: typeof WORKBENCH_SOURCE
  kind: 'show-page'
  page: string
}

export function isPreviewReport(data: unknown): data is PreviewReport {
  const d = data as PreviewReport
  return !!d && d.source === PREVIEW_SOURCE && typeof d.kind === 'string' && typeof d.name === 'string' && typeof d.message === 'string' && typeof d.time === 'number'
}
