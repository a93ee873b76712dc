/**
 * One line of `npm run bench`'s closing table. A benchmark prints its own
 * detail as it likes, and one `reportRow` per figure it is responsible for:
 * the figure, the baseline measured in the same run, and the target. The
 * runner (scripts/bench-all.ts) picks the rows out of its output, so a new
 * bench file only has to call this to appear in the table.
 */

/** What the target bounds: the figure itself, or figure ÷ baseline. */
export interface BenchTarget {
  of: 'figure' | 'ratio'
  /** `max`: the value must be at most `value`; `min`: at least. */
  kind: 'max' | 'min'
  value: number
}

export interface BenchRow {
  /** What is measured, as the table names it. */
  row: string
  figure: number
  unit: string
  /** Measured in the same run; its meaning goes in `baselineLabel`. */
  baseline?: number
  baselineLabel?: string
  target?: BenchTarget
  /** Anything a reader needs to judge the figure (load, sample size). */
  note?: string
}

export interface ReportedRow extends BenchRow {
  ratio?: number
  met?: boolean
}

/** The marker the runner looks for at the start of a line of stdout. */
export const ROW_MARKER = 'BENCH-ROW '

export function judge(row: BenchRow): ReportedRow {
  const ratio = row.baseline ? row.figure / row.baseline : undefined
  const target = row.target
  let met: boolean | undefined
  if (target) {
    const value = target.of === 'ratio' ? ratio : row.figure
    met = value === undefined ? undefined : target.kind === 'max' ? value <= target.value : value >= target.value
  }
  return { ...row, ratio, met }
}

export function reportRow(row: BenchRow): ReportedRow {
  const judged = judge(row)
  process.stdout.write(`${ROW_MARKER}${JSON.stringify(judged)}\n`)
  return judged
}

/** The target as people read it: "≤ 110 kB", "ratio ≥ 0.4". */
export function targetText(row: BenchRow): string {
  const t = row.target
  if (!t) return '—'
  const sign = t.kind === 'max' ? '≤' : '≥'
  return t.of === 'ratio' ? `ratio ${sign} ${t.value}` : `${sign} ${t.value} ${row.unit}`
}

/** p-th percentile of unsorted values (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}
