import { describe, expect, it } from 'vitest'
import { parseQueryRequest, runQuery, type Row } from '../../../../src/sandbox/data'
import type { ColumnMeta, QueryRequest } from '../../../../src/shared/sandbox-api'

const COLUMNS: ColumnMeta[] = [
  { id: 'region', label: 'Region', type: 'text' },
  { id: 'month', label: 'Month', type: 'date' },
  { id: 'product', label: 'Product', type: 'text' },
  { id: 'units', label: 'Units', type: 'number' },
  { id: 'revenue', label: 'Revenue', type: 'number' }
]

// Months chosen so that text order and date order agree only for YYYY-MM (2024-10 after 2024-02).
const ROWS: Row[] = [
  { region: 'North', month: '2024-10', product: 'P1', units: 2, revenue: 10.1 },
  { region: 'North', month: '2024-02', product: 'P2', units: 1, revenue: 5.05 },
  { region: 'South', month: '2024-02', product: 'P1', units: 3, revenue: 20 },
  { region: 'South', month: '2024-10', product: 'P1', units: 5, revenue: 33.33 }
]

const sum = (column: string) => ({ column, aggregate: 'sum' as const })

function run(request: QueryRequest) {
  // Every request here is valid: check that first, as the route does.
  expect(parseQueryRequest(request, COLUMNS, 'small')).toEqual({ ok: true, request })
  return runQuery(ROWS, request)
}

describe('runQuery: aggregated', () => {
  it('computes one total row without groupBy', () => {
    const result = run({
      measures: [sum('revenue'), { column: 'revenue', aggregate: 'count' }, sum('units'), { column: 'revenue', aggregate: 'avg' }, { column: 'revenue', aggregate: 'min' }, { column: 'revenue', aggregate: 'max' }]
    })
    // 10.10 + 5.05 + 20 + 33.33 = 68.48; / 4 = 17.12
    expect(result).toEqual({
      columns: ['sum_revenue', 'count_revenue', 'sum_units', 'avg_revenue', 'min_revenue', 'max_revenue'],
      rows: [[68.48, 4, 11, 17.12, 5.05, 33.33]],
      totalRows: 1
    })
  })

  it('rounds averages to the cent', () => {
    // North: (10.10 + 5.05) / 2 = 7.575 -> 7.58
    expect(run({ measures: [{ column: 'revenue', aggregate: 'avg' }], groupBy: ['region'] }).rows).toEqual([
      ['North', 7.58],
      ['South', 26.67]
    ])
  })

  it('groups and sorts by the group key, months in date order', () => {
    expect(run({ measures: [sum('revenue')], groupBy: ['month'] })).toEqual({
      columns: ['month', 'sum_revenue'],
      rows: [
        ['2024-02', 25.05],
        ['2024-10', 43.43]
      ],
      totalRows: 2
    })
  })

  it('groups by several columns', () => {
    expect(run({ measures: [sum('revenue'), sum('units')], groupBy: ['region', 'month'] }).rows).toEqual([
      ['North', '2024-02', 5.05, 1],
      ['North', '2024-10', 10.1, 2],
      ['South', '2024-02', 20, 3],
      ['South', '2024-10', 33.33, 5]
    ])
  })

  it('filters (column in values) before aggregating', () => {
    expect(run({ measures: [sum('revenue')], filters: [{ column: 'region', values: ['South'] }] }).rows).toEqual([[53.33]])
    expect(run({ measures: [sum('revenue')], filters: [{ column: 'units', values: ['1', 5] }] }).rows).toEqual([[38.38]])
    expect(
      run({
        measures: [sum('revenue')],
        filters: [
          { column: 'region', values: ['South'] },
          { column: 'product', values: ['P1'] },
          { column: 'month', values: ['2024-10'] }
        ]
      }).rows
    ).toEqual([[33.33]])
  })

  it('sorts by a measure and limits, counting groups before the limit', () => {
    expect(run({ measures: [sum('revenue')], groupBy: ['product'], sort: { column: 'sum_revenue', direction: 'desc' }, limit: 1 })).toEqual({
      columns: ['product', 'sum_revenue'],
      rows: [['P1', 63.43]],
      totalRows: 2
    })
  })

  it('answers min and max of a text column with text', () => {
    expect(run({ measures: [{ column: 'month', aggregate: 'min' }, { column: 'month', aggregate: 'max' }] }).rows).toEqual([['2024-02', '2024-10']])
  })

  it('answers 0 for aggregates over no rows, and no rows for an empty grouping', () => {
    const none = [{ column: 'region', values: ['Nowhere'] }]
    expect(run({ measures: [sum('revenue'), { column: 'revenue', aggregate: 'avg' }, { column: 'revenue', aggregate: 'count' }], filters: none }).rows).toEqual([[0, 0, 0]])
    expect(run({ measures: [sum('revenue')], groupBy: ['region'], filters: none })).toEqual({ columns: ['region', 'sum_revenue'], rows: [], totalRows: 0 })
  })
})

describe('runQuery: raw rows', () => {
  it('returns the asked-for columns in data order', () => {
    expect(run({ columns: ['region', 'revenue'] })).toEqual({
      columns: ['region', 'revenue'],
      rows: [
        ['North', 10.1],
        ['North', 5.05],
        ['South', 20],
        ['South', 33.33]
      ],
      totalRows: 4
    })
  })

  it('sorts and limits, counting rows before the limit', () => {
    expect(run({ columns: ['product', 'revenue'], sort: { column: 'revenue', direction: 'desc' }, limit: 2 })).toEqual({
      columns: ['product', 'revenue'],
      rows: [
        ['P1', 33.33],
        ['P1', 20]
      ],
      totalRows: 4
    })
  })

  it('may sort by a column it does not return', () => {
    // units: 2, 1, 3, 5 -> ascending P2 (1), P1 (2), P1 (3), P1 (5)
    expect(run({ columns: ['product'], sort: { column: 'units', direction: 'asc' } }).rows).toEqual([['P2'], ['P1'], ['P1'], ['P1']])
  })
})

describe('parseQueryRequest', () => {
  function messages(body: unknown): string[] {
    const parsed = parseQueryRequest(body, COLUMNS, 'small')
    expect(parsed.ok).toBe(false)
    return parsed.ok ? [] : parsed.messages
  }

  it('names an unknown column by its field, listing the real ones', () => {
    expect(messages({ measures: [{ column: 'revnue', aggregate: 'sum' }] })).toEqual([
      'measures[0].column: unknown column "revnue"; the columns of small are: region, month, product, units, revenue'
    ])
    expect(messages({ measures: [sum('revenue')], groupBy: ['regon'] })[0]).toMatch(/^groupBy\[0\]: unknown column "regon"/)
    expect(messages({ columns: ['region', 'x'] })[0]).toMatch(/^columns\[1\]: unknown column "x"/)
    expect(messages({ columns: ['region'], filters: [{ column: 'y', values: ['a'] }] })[0]).toMatch(/^filters\[0\]\.column: unknown column "y"/)
    expect(messages({ columns: ['region'], sort: { column: 'z', direction: 'asc' } })[0]).toMatch(/^sort\.column: unknown column "z"/)
  })

  it.each<[string, unknown, RegExp]>([
    ['a sum of a text column', { measures: [{ column: 'region', aggregate: 'sum' }] }, /^measures\[0\]\.aggregate: sum needs a number column; "region" is text/],
    ['an unknown aggregate', { measures: [{ column: 'units', aggregate: 'median' }] }, /^measures\[0\]\.aggregate: aggregate must be one of sum, count, avg, min, max/],
    ['the same measure twice', { measures: [sum('units'), sum('units')] }, /^measures\[1\]: sum_units is asked for twice/],
    ['both measures and columns', { measures: [sum('units')], columns: ['region'] }, /^columns: send either measures/],
    ['neither measures nor columns', {}, /^send measures \(aggregated/],
    ['groupBy without measures', { columns: ['region'], groupBy: ['region'] }, /^groupBy: groupBy needs measures/],
    ['an aggregated sort by something not returned', { measures: [sum('units')], groupBy: ['region'], sort: { column: 'units', direction: 'asc' } }, /^sort\.column: an aggregated query sorts by a groupBy column or a measure \(region, sum_units\)/],
    ['a bad direction', { columns: ['region'], sort: { column: 'region', direction: 'up' } }, /^sort\.direction: direction must be "asc" or "desc"/],
    ['a limit of 0', { columns: ['region'], limit: 0 }, /^limit:/],
    ['a fractional limit', { columns: ['region'], limit: 1.5 }, /^limit: limit must be a whole number/],
    ['a huge limit', { columns: ['region'], limit: 10_001 }, /^limit: limit must be at most 10000/],
    ['a filter without values', { columns: ['region'], filters: [{ column: 'region', values: [] }] }, /^filters\[0\]\.values: values must not be empty/],
    ['an unknown key', { columns: ['region'], colour: 'red' }, /colour/]
  ])('refuses %s', (_name, body, message) => {
    expect(messages(body)[0]).toMatch(message)
  })
})

describe('grouping by one column (its own faster key, issue 15)', () => {
  it('forms the same groups as grouping by that column beside a constant one: numbers apart from texts, empty cells together', () => {
    const rows: Row[] = [
      { code: 1, tag: 'x', units: 1 },
      { code: '1', tag: 'x', units: 2 },
      { code: 1, tag: 'x', units: 4 },
      { code: 'n1', tag: 'x', units: 8 },
      { code: '', tag: 'x', units: 16 },
      { tag: 'x', units: 32 },
      { code: 'null', tag: 'x', units: 64 },
      { code: -0, tag: 'x', units: 128 },
      { code: 0, tag: 'x', units: 256 }
    ]
    const measures = [{ column: 'units', aggregate: 'sum' as const }]
    const one = runQuery(rows, { measures, groupBy: ['code'] })
    const two = runQuery(rows, { measures, groupBy: ['code', 'tag'] })
    expect(one.rows).toEqual(two.rows.map((row) => [row[0], row[2]]))
    expect(one.rows).toHaveLength(6)
  })
})
