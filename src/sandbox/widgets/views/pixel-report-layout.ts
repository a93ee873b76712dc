/**
 * Lays a pixel-perfect report out on pages, pure (no DOM): rows grouped by
 * the report's band column, a header line per group, a subtotal line after
 * each group, a grand total at the end, and a fixed number of lines per
 * page, as a printed report would. Groups follow the first appearance of
 * their value in the (sorted) rows.
 */
import type { ReportDefinition } from '../../../shared/sandbox-extras-api'

export type ReportLine =
  | { kind: 'group'; value: string }
  | { kind: 'row'; cells: Array<string | number> }
  | { kind: 'subtotal'; value: string; totals: Array<number | undefined> }
  | { kind: 'grand'; totals: Array<number | undefined> }

export interface ReportLayout {
  pages: ReportLine[][]
  rowCount: number
  groups: number
  grandTotals: Array<number | undefined>
}

function sumColumns(report: ReportDefinition, rows: ReadonlyArray<ReadonlyArray<string | number>>): Array<number | undefined> {
  return report.columns.map((column, index) => {
    if (!column.total) return undefined
    const total = rows.reduce<number>((sum, row) => sum + (typeof row[index] === 'number' ? (row[index] as number) : 0), 0)
    return Math.round(total * 100) / 100
  })
}

/**
 * `columns` are the result's column ids: the report's columns, then the
 * group column (the query asks for it last).
 */
export function layoutReport(report: ReportDefinition, columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): ReportLayout {
  const groupIndex = columns.indexOf(report.groupBy)
  const indexes = report.columns.map((column) => columns.indexOf(column.column))
  const groups = new Map<string, Array<Array<string | number>>>()
  for (const row of rows) {
    const key = String(row[groupIndex] ?? '')
    const cells = indexes.map((i) => row[i] ?? '')
    const list = groups.get(key) ?? groups.set(key, []).get(key)!
    list.push(cells)
  }
  const lines: ReportLine[] = []
  const all: Array<Array<string | number>> = []
  for (const [value, groupRows] of groups) {
    lines.push({ kind: 'group', value })
    for (const cells of groupRows) lines.push({ kind: 'row', cells })
    lines.push({ kind: 'subtotal', value, totals: sumColumns(report, groupRows) })
    all.push(...groupRows)
  }
  const grandTotals = sumColumns(report, all)
  lines.push({ kind: 'grand', totals: grandTotals })
  const perPage = Math.max(5, report.rowsPerPage)
  const pages: ReportLine[][] = []
  for (let i = 0; i < lines.length; i += perPage) pages.push(lines.slice(i, i + perPage))
  return { pages, rowCount: all.length, groups: groups.size, grandTotals }
}
