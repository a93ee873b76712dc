/**
 * Query filters with the comparisons of Qrvey's userFilters
 * (partner-portal docs/software-developer/04-Widgets/filters-embedded-scenarios.md:
 * validationType EQUAL, NOT_EQUAL, CONTAIN, NOT_CONTAIN, END_WITH, NOT_END_WITH,
 * START_WITH, NOT_START_WITH, RANGE, IS_EMPTY, IS_NOT_EMPTY; RANGE values are
 * `{lte, gte}` / `{gt}` objects; dates like "11/30/2016").
 */
import { describe, expect, it } from 'vitest'
import { isoFromUsDate, passesFilter } from '../../../../src/sandbox/data/query-filters'
import { parseQueryRequest } from '../../../../src/sandbox/data'
import { runQuery } from '../../../../src/sandbox/data'
import type { ColumnMeta } from '../../../../src/shared/sandbox-api'

const rows = [
  { id: 'a', country: 'United States', revenue: 10507.231, day: '2016-11-30', note: '' },
  { id: 'b', country: 'United Kingdom', revenue: 12, day: '2014-05-14', note: 'x' },
  { id: 'c', country: 'Germany', revenue: 15, day: '2015-01-01', note: 'y' }
]
const ids = (filter: Parameters<typeof passesFilter>[1]) => rows.filter((row) => passesFilter(row, filter)).map((row) => row.id)

describe('passesFilter', () => {
  it('EQUAL is the default; NOT_EQUAL its opposite', () => {
    expect(ids({ column: 'country', values: ['United States'] })).toEqual(['a'])
    expect(ids({ column: 'country', validationType: 'NOT_EQUAL', values: ['United States'] })).toEqual(['b', 'c'])
  })

  it('CONTAIN / START_WITH / END_WITH and their NOT_ forms ignore case', () => {
    expect(ids({ column: 'country', validationType: 'CONTAIN', values: ['united'] })).toEqual(['a', 'b'])
    expect(ids({ column: 'country', validationType: 'NOT_CONTAIN', values: ['united'] })).toEqual(['c'])
    expect(ids({ column: 'country', validationType: 'START_WITH', values: ['ger'] })).toEqual(['c'])
    expect(ids({ column: 'country', validationType: 'NOT_START_WITH', values: ['ger'] })).toEqual(['a', 'b'])
    expect(ids({ column: 'country', validationType: 'END_WITH', values: ['KINGDOM'] })).toEqual(['b'])
    expect(ids({ column: 'country', validationType: 'NOT_END_WITH', values: ['kingdom'] })).toEqual(['a', 'c'])
  })

  it('RANGE with the docs\' examples: {lte: 15, gte: 10}, {gt: "10507.231"} and US dates', () => {
    expect(ids({ column: 'revenue', validationType: 'RANGE', values: [{ lte: 15, gte: 10 }] })).toEqual(['b', 'c'])
    expect(ids({ column: 'revenue', validationType: 'RANGE', values: [{ gt: '10507.231' }] })).toEqual([])
    expect(ids({ column: 'revenue', validationType: 'RANGE', values: [{ gte: '10507.231' }] })).toEqual(['a'])
    expect(ids({ column: 'day', validationType: 'RANGE', values: [{ lte: '11/30/2016', gte: '05/15/2014' }] })).toEqual(['a', 'c'])
    expect(isoFromUsDate('5/15/2014')).toBe('2014-05-15')
  })

  it('IS_EMPTY / IS_NOT_EMPTY need no values', () => {
    expect(ids({ column: 'note', validationType: 'IS_EMPTY', values: [] })).toEqual(['a'])
    expect(ids({ column: 'note', validationType: 'IS_NOT_EMPTY', values: [] })).toEqual(['b', 'c'])
  })
})

describe('the query API validates and runs them', () => {
  const columns: ColumnMeta[] = [
    { id: 'id', label: 'Id', type: 'text' },
    { id: 'country', label: 'Country', type: 'text' },
    { id: 'revenue', label: 'Revenue', type: 'number' }
  ]
  it('accepts RANGE bound objects, refuses them elsewhere and refuses an unknown validationType', () => {
    const ok = parseQueryRequest({ columns: ['id'], filters: [{ column: 'revenue', validationType: 'RANGE', values: [{ gte: 10 }] }] }, columns, 'd')
    expect(ok.ok).toBe(true)
    if (ok.ok) expect(runQuery(rows, ok.request).rows).toEqual([['a'], ['b'], ['c']])
    const wrong = parseQueryRequest({ columns: ['id'], filters: [{ column: 'revenue', values: [{ gte: 10 }] }] }, columns, 'd')
    expect(!wrong.ok && wrong.messages.join()).toMatch(/bound objects are for RANGE/)
    const unknown = parseQueryRequest({ columns: ['id'], filters: [{ column: 'revenue', validationType: 'BETWEEN', values: [1] }] }, columns, 'd')
    expect(!unknown.ok && unknown.messages.join()).toMatch(/validationType must be one of/)
  })
})
