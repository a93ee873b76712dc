/**
 * How the sandbox compares a cell with a value from a token or a query. One
 * place, so record permissions and query filters agree on what "equal" means:
 * number columns compare as numbers (5 equals "5" and "5.00"), everything else
 * as exact text. Dates are ISO text, so they compare as text for equality and
 * as instants for ordering.
 */
import type { ColumnMeta } from '../../shared/sandbox-api'
import type { CellValue } from './dataset'

export type ValueInput = string | number | boolean

/** YYYY-MM, YYYY-MM-DD, or a full ISO date-time with a zone (never local time). */
const ISO_DATE = /^\d{4}-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?$/

export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value !== 'string' || value.trim() === '') return undefined
  const parsed = Number(value)
  return Number.isFinite(parsed) ? parsed : undefined
}

export function toInstant(value: unknown): number | undefined {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return undefined
  const parsed = Date.parse(value)
  return Number.isNaN(parsed) ? undefined : parsed
}

export function isEmptyCell(cell: CellValue | undefined | null): boolean {
  return cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '')
}

export function cellEquals(cell: CellValue | undefined, value: ValueInput): boolean {
  if (cell === undefined) return false
  if (typeof cell === 'number') return toNumber(value) === cell
  return String(value) === cell
}

/**
 * A sortable key for ordering comparisons (ranges, greater-than): a number for
 * number and date columns, text otherwise; undefined when the value cannot be
 * read as the column's type (e.g. "abc" against a number column).
 */
export function orderKey(type: ColumnMeta['type'], value: unknown): number | string | undefined {
  if (type === 'number') return toNumber(value)
  if (type === 'date') return toInstant(value)
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined
}

/** Ascending order for cells: numbers numerically, text by code unit (so "2024-02" < "2024-10"). */
export function compareCells(a: CellValue | undefined, b: CellValue | undefined): number {
  if (a === b) return 0
  if (a === undefined) return 1
  if (b === undefined) return -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'number') return -1
  if (typeof b === 'number') return 1
  return a < b ? -1 : 1
}
