/**
 * A query filter against one row: the comparisons of Qrvey's userFilters
 * (filters-embedded-scenarios.md), EQUAL by default. RANGE takes bound objects
 * (`{gte, lte}`, `{gt}`); dates may be ISO or the docs' "MM/DD/YYYY". The
 * column's type is read off the cell: numbers compare as numbers, ISO dates
 * as instants, anything else as text (CONTAIN and friends ignore case, as a
 * search box would).
 */
import type { QueryFilter, RangeBound } from '../../shared/sandbox-api'
import type { CellValue, Row } from './dataset'
import { cellEquals, isEmptyCell, toInstant, toNumber } from './values'

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/

/** "11/30/2016" -> "2016-11-30"; other text unchanged. */
export function isoFromUsDate(value: string): string {
  const match = US_DATE.exec(value.trim())
  return match ? `${match[3]}-${match[1].padStart(2, '0')}-${match[2].padStart(2, '0')}` : value
}

function comparable(cell: CellValue, bound: string | number): [number | string, number | string] | undefined {
  if (typeof cell === 'number') {
    const b = toNumber(bound)
    return b === undefined ? undefined : [cell, b]
  }
  const cellInstant = toInstant(cell)
  if (cellInstant !== undefined) {
    const b = toInstant(isoFromUsDate(String(bound)))
    return b === undefined ? undefined : [cellInstant, b]
  }
  return [cell, String(bound)]
}

function inRange(cell: CellValue | undefined, bound: RangeBound): boolean {
  if (cell === undefined || isEmptyCell(cell)) return false
  const checks: Array<[keyof RangeBound, (a: number | string, b: number | string) => boolean]> = [
    ['gt', (a, b) => a > b],
    ['gte', (a, b) => a >= b],
    ['lt', (a, b) => a < b],
    ['lte', (a, b) => a <= b]
  ]
  let any = false
  for (const [key, test] of checks) {
    const value = bound[key]
    if (value === undefined) continue
    any = true
    const pair = comparable(cell, value)
    if (!pair || !test(pair[0], pair[1])) return false
  }
  return any
}

function text(cell: CellValue | undefined): string {
  return cell === undefined ? '' : String(cell).toLowerCase()
}

export function passesFilter(row: Row, filter: QueryFilter): boolean {
  const cell = row[filter.column]
  const scalars = filter.values.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
  const lower = scalars.map((v) => String(v).toLowerCase())
  switch (filter.validationType ?? 'EQUAL') {
    case 'EQUAL':
      return scalars.some((v) => cellEquals(cell, v))
    case 'NOT_EQUAL':
      return !scalars.some((v) => cellEquals(cell, v))
    case 'CONTAIN':
      return lower.some((v) => text(cell).includes(v))
    case 'NOT_CONTAIN':
      return !lower.some((v) => text(cell).includes(v))
    case 'START_WITH':
      return lower.some((v) => text(cell).startsWith(v))
    case 'NOT_START_WITH':
      return !lower.some((v) => text(cell).startsWith(v))
    case 'END_WITH':
      return lower.some((v) => text(cell).endsWith(v))
    case 'NOT_END_WITH':
      return !lower.some((v) => text(cell).endsWith(v))
    case 'RANGE':
      return filter.values.some((v) => typeof v === 'object' && v !== null && inRange(cell, v))
    case 'IS_EMPTY':
      return cell === undefined || isEmptyCell(cell)
    case 'IS_NOT_EMPTY':
      return cell !== undefined && !isEmptyCell(cell)
  }
}
