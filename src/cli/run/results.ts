/**
 * What `qwb run` found, reporter-neutral: one case per setup (and per
 * persona of a setup), each a list of named checks. The reporters (pretty,
 * json, junit) only format this.
 */
export type CheckVerdict = 'passed' | 'failed' | 'skipped'

export interface CheckResult {
  /** Stable name, e.g. "token obtained", "widget rendered", "expect only-values region". */
  name: string
  verdict: CheckVerdict
  /** One sentence: what was seen, or what is wrong and how to fix it. */
  message: string
  /** Lines of evidence (console errors, failed requests, ...). */
  detail?: string[]
}

export interface CaseResult {
  /** "<setup name>" or "<setup name> / persona <persona>". */
  name: string
  setupName: string
  setupFile: string
  persona?: string
  environment: string
  widget: string
  checks: CheckResult[]
  durationMs: number
}

export interface RunResult {
  cases: CaseResult[]
  durationMs: number
  /** When the run started (ISO), for the JUnit timestamp. */
  startedAt: string
  /**
   * The browser the widgets rendered in: "works in qwb run, not in my Chrome" starts with which
   * Chromium this was (CHROMIUM_PATH, the headless shell or the full browser; src/main/headless/chromium-path.ts).
   */
  browser?: RunBrowser
}

export interface RunBrowser {
  /** As the browser reports it, e.g. "156.0.8078.114". */
  version: string
  /** The executable that was started. */
  executable: string
}

/** "Chromium 156.0.8078.114 (/usr/lib/chromium/chromium-headless-shell)". */
export function browserLabel(browser: RunBrowser): string {
  return `Chromium ${browser.version} (${browser.executable})`
}

export function caseFailed(c: CaseResult): boolean {
  return c.checks.some((check) => check.verdict === 'failed')
}

export interface Totals {
  cases: number
  failedCases: number
  checks: number
  failed: number
  skipped: number
}

export function totalsOf(run: RunResult): Totals {
  const checks = run.cases.flatMap((c) => c.checks)
  return {
    cases: run.cases.length,
    failedCases: run.cases.filter(caseFailed).length,
    checks: checks.length,
    failed: checks.filter((c) => c.verdict === 'failed').length,
    skipped: checks.filter((c) => c.verdict === 'skipped').length
  }
}

/** The one-line summary of a case: "PASS  Demo: Page View (page-view, 1.2 s)" or "FAIL ... : first failed check". */
export function summaryLine(c: CaseResult): string {
  const seconds = `${(c.durationMs / 1000).toFixed(1)} s`
  const failed = c.checks.find((check) => check.verdict === 'failed')
  if (!failed) {
    const skipped = c.checks.filter((check) => check.verdict === 'skipped').length
    return `PASS  ${c.name} (${c.widget}, ${c.environment}, ${seconds}${skipped ? `, ${skipped} skipped` : ''})`
  }
  const more = c.checks.filter((check) => check.verdict === 'failed').length - 1
  return `FAIL  ${c.name} (${c.widget}, ${c.environment}, ${seconds}): ${failed.name}: ${failed.message}${more > 0 ? ` (+${more} more)` : ''}`
}
