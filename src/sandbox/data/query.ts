/**
 * Runs a QueryRequest over rows the user may see. Pure, and trusting: the
 * route validates with parseQueryRequest first, so here an odd cell is simply
 * skipped. Aggregates: sum and avg over number cells (rounded to 2 decimals,
 * the money precision of the data), count of non-empty cells, min and max.
 * An aggregate over no cells is 0, because the contract's cells cannot be null.
 */
import type { Measure, QueryRequest, QueryResult } from '../../shared/sandbox-api'
import type { CellValue, Row } from './dataset'
import { measureName } from './query-schema'
import { round2 } from './round'
import { passesFilter } from './query-filters'
import { compareCells, isEmptyCell } from './values'

export type QueryOutput = Pick<QueryResult, 'columns' | 'rows' | 'totalRows'>
type OutRow = Array<string | number>

function passesFilters(row: Row, filters: QueryRequest['filters']): boolean {
  return (filters ?? []).every((filter) => passesFilter(row, filter))
}

function measureValue(rows: readonly Row[], measure: Measure): CellValue {
  const cells = rows.map((row) => row[measure.column]).filter((cell): cell is CellValue => !isEmptyCell(cell))
  switch (measure.aggregate) {
    case 'count':
      return cells.length
    case 'min':
    case 'max': {
      // Text and date columns keep their text (e.g. the first order date).
      if (cells.length === 0) return 0
      const sign = measure.aggregate === 'min' ? 1 : -1
      return cells.reduce((best, cell) => (sign * compareCells(cell, best) < 0 ? cell : best))
    }
    case 'sum':
    case 'avg': {
      const numbers = cells.filter((cell): cell is number => typeof cell === 'number')
      if (numbers.length === 0) return 0
      // Summing in floating point then rounding is exact for 2-decimal inputs at this scale.
      const sum = numbers.reduce((total, value) => total + value, 0)
      return round2(measure.aggregate === 'sum' ? sum : sum / numbers.length)
    }
  }
}

/** Ascending or descending by one key; Array.prototype.sort is stable, so ties keep their order. */
function sortBy<T>(items: T[], key: (item: T) => CellValue | undefined, direction: 'asc' | 'desc'): T[] {
  const sign = direction === 'desc' ? -1 : 1
  return items.sort((a, b) => sign * compareCells(key(a), key(b)))
}

/** What JSON.stringify([cell]) tells apart, as a shorter string: text from numbers, non-finite numbers as JSON's null. */
function singleKeyId(cell: CellValue): string {
  if (typeof cell === 'number') return Number.isFinite(cell) ? `n${cell}` : 'null'
  return `s${cell}`
}

function aggregated(rows: readonly Row[], request: QueryRequest & { measures: Measure[] }): { columns: string[]; rows: OutRow[] } {
  const groupBy = request.groupBy ?? []
  const columns = [...groupBy, ...request.measures.map(measureName)]
  if (groupBy.length === 0) return { columns, rows: [request.measures.map((measure) => measureValue(rows, measure))] }


  const groups = new Map<string, { key: CellValue[]; rows: Row[] }>()
  const single = groupBy.length === 1 ? groupBy[0] : undefined
  for (const row of rows) {
    const key = single === undefined ? groupBy.map((id) => row[id] ?? '') : [row[single] ?? '']
    // One column (every demo panel): the same groups as the JSON of the key, without building it per row.
    const id = single === undefined ? JSON.stringify(key) : singleKeyId(key[0])
    const group = groups.get(id) ?? groups.set(id, { key, rows: [] }).get(id)!
    group.rows.push(row)
  }
  const sorted = [...groups.values()].sort((a, b) => {
    for (let i = 0; i < groupBy.length; i++) {
      const order = compareCells(a.key[i], b.key[i])
      if (order !== 0) return order
    }
    return 0
  })
  const out = sorted.map((group) => [...group.key, ...request.measures.map((measure) => measureValue(group.rows, measure))])
  const sort = request.sort
  if (sort) sortBy(out, (row) => row[columns.indexOf(sort.column)], sort.direction)
  return { columns, rows: out }
}

function raw(rows: readonly Row[], request: QueryRequest): { columns: string[]; rows: OutRow[] } {
  const columns = [...(request.columns ?? [])]
  const sort = request.sort
  // Sort the source rows, so a raw query may sort by a column it does not return.
  const ordered = sort ? sortBy([...rows], (row) => row[sort.column], sort.direction) : rows
  return { columns, rows: ordered.map((row) => columns.map((id) => row[id] ?? '')) }
}

/**
 * Aggregated: one row per group, sorted by group key (months are YYYY-MM, so
 * they come out in date order) unless `sort` names a group column or a
 * measure (`sum_revenue`), or one total row without groupBy. Raw: the
 * asked-for columns in data set order unless sorted. `limit` applies last,
 * and totalRows counts the result rows before it.
 */
export function runQuery(rows: readonly Row[], request: QueryRequest): QueryOutput {
  const matching = request.filters?.length ? rows.filter((row) => passesFilters(row, request.filters)) : rows
  const result = request.measures?.length ? aggregated(matching, { ...request, measures: request.measures }) : raw(matching, request)
  const totalRows = result.rows.length
  return { columns: result.columns, rows: request.limit === undefined ? result.rows : result.rows.slice(0, request.limit), totalRows }
}
