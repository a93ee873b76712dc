/**
 * What the render loop asks the page, every 100 ms: the preview reporter's
 * new reports (the preview page at the top level keeps them in a global
 * list, src/shared/host-page.ts) and what the widget's element shows. One
 * expression, evaluated in the page by any driver.
 */
import { isPreviewReport, PREVIEW_REPORTS_GLOBAL, type PreviewReport } from '../../shared/preview-messages'

export interface WidgetProbe {
  /** Reports the page made since the last probe. */
  reports: PreviewReport[]
  /** The element's data-qv-state (the sandbox widgets have one; Qrvey's do not), or null. */
  state: string | null
  /** The element exists and holds something (its shadow root, or children). */
  hasContent: boolean
  /** The text of the widget's error box, where it shows one. */
  error: string | null
  /** Whether the custom element is defined (the launcher ran and registered it). */
  defined: boolean
}

/**
 * Runs in the page. Plain JavaScript in a string, not a serialised function:
 * a bundler or coverage tool rewriting a function's body would break it.
 */
const PROBE_IN_PAGE = `function (element, from, reportsGlobal) {
  var kept = window[reportsGlobal];
  var reports = Array.isArray(kept) ? kept.slice(from) : [];
  var el = document.querySelector(element);
  var defined = !!customElements.get(element);
  if (!el) return { reports: reports, state: null, hasContent: false, error: null, defined: defined };
  var root = el.shadowRoot || el;
  var box = root.querySelector('[data-qv="error-message"], [data-qv="expired"] p');
  // Text nodes joined by spaces: textContent would glue a title to the paragraph after it.
  var parts = [];
  if (box) {
    var walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.textContent || '');
  }
  var error = parts.join(' ').replace(/\\s+/g, ' ').trim();
  return { reports: reports, state: el.getAttribute('data-qv-state'), hasContent: root.childNodes.length > 0, error: error ? error.slice(0, 400) : null, defined: defined };
}`

/** The expression: reports from index `from` on, and the element's state. */
export function probeExpression(element: string, from: number): string {
  return `(${PROBE_IN_PAGE})(${JSON.stringify(element)}, ${Math.max(0, Math.floor(from))}, ${JSON.stringify(PREVIEW_REPORTS_GLOBAL)})`
}

/** The page answers; nothing it says is trusted beyond its shape. */
export function readProbe(value: unknown): WidgetProbe | undefined {
  if (!value || typeof value !== 'object') return undefined
  const v = value as Record<string, unknown>
  const text = (x: unknown, max: number) => (typeof x === 'string' ? x.slice(0, max) : null)
  return {
    reports: Array.isArray(v.reports) ? v.reports.filter(isPreviewReport).map((r) => ({ ...r, message: r.message.slice(0, 2000) })) : [],
    state: text(v.state, 40),
    hasContent: v.hasContent === true,
    error: text(v.error, 400),
    defined: v.defined === true
  }
}

/** How many reports the page made in all: the next probe starts there (raw count, valid or not). */
export function reportCount(value: unknown): number {
  const reports = (value as { reports?: unknown } | undefined)?.reports
  return Array.isArray(reports) ? reports.length : 0
}
