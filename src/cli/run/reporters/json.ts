/** The run as JSON for tools: totals, then every case with its checks. */
import { caseFailed, totalsOf, type RunResult } from '../results'

export function jsonReport(run: RunResult): string {
  return `${JSON.stringify(
    {
      ok: !run.cases.some(caseFailed),
      startedAt: run.startedAt,
      durationMs: run.durationMs,
      ...(run.browser ? { browser: run.browser } : {}),
      totals: totalsOf(run),
      cases: run.cases.map((c) => ({ ...c, ok: !caseFailed(c) }))
    },
    null,
    2
  )}\n`
}
