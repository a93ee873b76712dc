/** The run for people: each case's checks with a mark, evidence indented, then the totals. */
import { browserLabel, summaryLine, totalsOf, type RunResult } from '../results'

const MARK = { passed: 'ok  ', failed: 'FAIL', skipped: 'skip' } as const

export function prettyReport(run: RunResult): string {
  const out: string[] = []
  for (const c of run.cases) {
    out.push(summaryLine(c))
    for (const check of c.checks) {
      out.push(`  ${MARK[check.verdict]}  ${check.name}: ${check.message}`)
      if (check.verdict !== 'passed') for (const line of check.detail ?? []) out.push(`          ${line}`)
    }
  }
  out.push(closingLines(run))
  return `${out.join('\n')}\n`
}

/** The browser the widgets rendered in (where the run knows it), then the totals. */
export function closingLines(run: RunResult): string {
  const t = totalsOf(run)
  const verdict = t.failedCases === 0 ? 'passed' : 'FAILED'
  const totals = `${verdict}: ${t.cases - t.failedCases} of ${t.cases} passed, ${t.failed} failed check(s), ${t.skipped} skipped, ${(run.durationMs / 1000).toFixed(1)} s`
  // The browser on a line of its own, so the totals line keeps its shape.
  return run.browser ? `rendered in ${browserLabel(run.browser)}\n${totals}` : totals
}

/** After the live one-line summaries: the failed cases' checks with their evidence, then the totals. */
export function prettyTail(run: RunResult): string {
  const out: string[] = []
  for (const c of run.cases) {
    const bad = c.checks.filter((check) => check.verdict === 'failed')
    if (!bad.length) continue
    out.push(`${c.name}:`)
    for (const check of bad) {
      out.push(`  FAIL  ${check.name}: ${check.message}`)
      for (const line of check.detail ?? []) out.push(`          ${line}`)
    }
  }
  out.push(closingLines(run))
  return `${out.join('\n')}\n`
}
