/**
 * The preview's event log, pure: which window messages count as the
 * preview page's reports, how entries are kept (capped), how their time is
 * shown, and which reports are problems worth a banner.
 */
import { isPreviewReport, type PreviewLogKind, type PreviewReport } from '@shared/preview-messages'

/** What the preview page reports, plus the workbench's own actions. */
export type LogKind = PreviewLogKind | 'workbench'
export type LogLevel = 'info' | 'warn' | 'error'

export interface LogEntry {
  id: number
  /** ms since epoch: the preview page's clock for its reports, the workbench's for its own. */
  time: number
  kind: LogKind
  /** Event name (qvDSHPageLoaded…), the page's label (script-load-failed…) or the workbench action. */
  name: string
  message: string
  detail?: unknown
  level: LogLevel
}

export const LOG_CAP = 500

/** The list with the item added at the end and, beyond `cap`, the oldest entries gone. */
export function appendCapped<T>(list: readonly T[], item: T, cap = LOG_CAP): T[] {
  const next = [...list, item]
  return next.length > cap ? next.slice(next.length - cap) : next
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** HH:MM:SS.mmm in local time. */
export function clockTime(ms: number): string {
  const d = new Date(ms)
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
}

export function levelOf(kind: PreviewLogKind): LogLevel {
  if (kind === 'security' || kind === 'console-warn') return 'warn'
  return kind === 'event' || kind === 'lifecycle' ? 'info' : 'error'
}

/** The part of a MessageEvent the filter looks at. */
export interface IncomingMessage {
  origin: string
  source: unknown
  data: unknown
}

/**
 * A window message is the preview's report only if it comes from the
 * preview origin, from the preview frame's own window (not another frame or
 * a pop-up of the same origin), and has the report's shape. Anything else
 * is ignored.
 */
export function acceptPreviewMessage(event: IncomingMessage, expected: { origin: string; source: unknown }): PreviewReport | undefined {
  if (!expected.origin || event.origin !== expected.origin) return undefined
  if (!expected.source || event.source !== expected.source) return undefined
  return isPreviewReport(event.data) ? event.data : undefined
}

/** A failure the preview pane states in a banner, besides the log entry. */
export interface PreviewProblem {
  key: string
  title: string
  message: string
}

/** The report as a problem for the banner, or undefined when it is not one (events, console, network). */
export function problemOf(report: PreviewReport): PreviewProblem | undefined {
  const key = `${report.kind}:${report.name}:${report.message}`
  if (report.kind === 'script-error') {
    if (report.name === 'script-load-failed') {
      return { key, title: 'The widget script did not load', message: report.message }
    }
    if (report.name === 'element-undefined') {
      return { key, title: 'The widget did not start', message: report.message }
    }
    return { key, title: 'A widget script failed', message: report.message }
  }
  if (report.kind === 'page-error') {
    if (MUTED_ERROR.test(report.message.trim())) {
      return {
        key,
        title: 'The widget script threw an error',
        message:
          'A script from the Qrvey domain failed while loading; the browser hides the details of errors in scripts from another origin ' +
          '("Script error."). Check that the domain runs the Qrvey version this widget needs (the 8.6+ switch, the widget type), ' +
          'or open the page from "Copy host page" in a browser with its developer tools.'
      }
    }
    const where = locationOf(report.detail)
    return {
      key,
      title: report.name === 'unhandled-rejection' ? 'The widget failed while loading' : 'The widget script threw an error',
      message: `${report.message}${where ? ` (${where})` : ''}`
    }
  }
  return undefined
}

/** What Chromium reports for an error thrown by a script from another origin: no message, file or line. */
const MUTED_ERROR = /^(Uncaught )?Script error\.?$/i

function locationOf(detail: unknown): string | undefined {
  const d = detail as { file?: unknown; line?: unknown } | undefined
  if (!d || typeof d.file !== 'string' || !d.file) return undefined
  const file = d.file.split('/').pop() || d.file
  return typeof d.line === 'number' && d.line > 0 ? `${file}, line ${d.line}` : file
}
