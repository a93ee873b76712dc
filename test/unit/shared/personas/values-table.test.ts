import { describe, expect, it } from 'vitest'
import type { DatasetReading, SandboxReading } from '../../../../src/shared/personas/compare'
import { buildValuesTable, describeRule, narrowingRules } from '../../../../src/shared/personas/values-table'
import type { TokenBody } from '../../../../src/shared/token-request'

const SECURITY = ['region', 'country']
const grant = (region: string, country = '*') => [
  {
    dataset_id: 'sales-orders',
    record_permissions: [
      { security_name: 'region', values: [region] },
      { security_name: 'country', values: [country] }
    ]
  }
]

function orders(rowCount: number, revenue: number, regions: string[], extra: Partial<DatasetReading> = {}): DatasetReading {
  return {
    id: 'sales-orders',
    name: 'Sales orders',
    measures: [{ id: 'revenue', label: 'Revenue', type: 'number' }],
    securityColumns: SECURITY.map((id) => ({ id, label: id === 'region' ? 'Region' : 'Country', type: 'text' as const, securityName: id })),
    observation: { rowCount, totals: rowCount ? { revenue } : { revenue: 0 }, visibleValues: { region: regions, country: regions.length ? ['France'] : [] } },
    ...extra
  }
}

const reading = (d: DatasetReading): SandboxReading => ({ datasets: [d], visiblePages: ['overview'], hiddenPages: [], hiddenColumns: [] })
const body = (permissions?: unknown): TokenBody => ({ userid: 'u', appid: 'a', ...(permissions ? { version: '2', permissions } : {}) }) as TokenBody

const ALL = { name: 'All regions', body: body(grant('*')), reading: reading(orders(5000, 100, ['Asia Pacific', 'Europe'])) }
const EUROPE = { name: 'Europe only', body: body(grant('Europe')), reading: reading(orders(1200, 40, ['Europe'])) }
const NOBODY = {
  name: 'No permissions',
  body: body(),
  reading: reading(orders(0, 0, [], { security: { datasetId: 'sales-orders', securityNames: SECURITY, applied: true, visibleRows: 0, missing: SECURITY, unmatched: [], notes: [] } }))
}

describe('buildValuesTable', () => {
  const table = buildValuesTable([ALL, EUROPE, NOBODY])
  const rows = table.datasets[0].rows

  it('has rows visible, one total per measure and one row per security column', () => {
    expect(rows.map((r) => r.label)).toEqual(['Rows visible', 'Total revenue', 'Region (security column)', 'Country (security column)'])
    expect(rows[0].cells.map((c) => c.text)).toEqual(['5,000', '1,200', '0'])
    expect(rows[2].cells.map((c) => c.text)).toEqual(['Asia Pacific, Europe', 'Europe', 'none'])
  })

  it('marks what differs and names the rule that caused it', () => {
    expect(rows.every((r) => r.differs)).toBe(true)
    expect(rows[0].cells.map((c) => c.narrower)).toEqual([false, true, true])
    expect(rows[0].cells[1].cause).toBe('region EQUAL Europe')
    expect(rows[2].cells[1].cause).toBe('region EQUAL Europe')
    expect(rows[0].cells[2].cause).toBe('grants nothing for region, country: a secured dataset then shows no rows')
    // Said once, on the rows row; the other rows of that dataset point to it.
    expect(rows[2].cells[2].cause).toBe('no rows (see Rows visible)')
    expect(table.differences).toEqual(['Europe only: region EQUAL Europe', 'No permissions: grants nothing for region, country: a secured dataset then shows no rows'])
  })

  it('a column narrowed through another column names that rule ("through ...")', () => {
    const france = { name: 'France', body: body(grant('*', 'France')), reading: reading(orders(300, 9, ['Europe'])) }
    const t = buildValuesTable([ALL, france])
    expect(t.datasets[0].rows[2].cells[1].cause).toBe('through country EQUAL France')
    // Listed once, as the rule itself, not again as its knock-on effect.
    expect(t.differences).toEqual(['France: country EQUAL France'])
  })

  it('equal values are not marked; a persona still loading shows "…"', () => {
    const t = buildValuesTable([EUROPE, { ...EUROPE, name: 'Europe 2' }, { name: 'Loading', body: body() }])
    expect(t.datasets[0].rows.every((r) => !r.differs)).toBe(true)
    expect(t.datasets[0].rows[0].cells[2].text).toBe('…')
    expect(t.differences).toEqual([])
  })

  it('a hidden dataset and a refused query say so', () => {
    const hidden = { name: 'Hidden', body: body(grant('*')), reading: reading(orders(0, 0, [], { hidden: 'asset_permissions list no dataset sales-orders' })) }
    expect(buildValuesTable([ALL, hidden]).datasets[0].rows[0].cells[1].cause).toBe('dataset hidden: asset_permissions list no dataset sales-orders')
    const refused = { name: 'Broken', body: body(grant('*')), reading: reading(orders(0, 0, [], { refused: 'security_name "planet" is not a security column' })) }
    expect(buildValuesTable([ALL, refused]).datasets[0].rows[0].cells[1].cause).toContain('refused: security_name "planet"')
  })
})

describe('describeRule and narrowingRules', () => {
  it('say rules in plain words; EQUAL "*" narrows nothing; OR groups in brackets', () => {
    expect(describeRule({ security_name: 'order_date', validation_type: 'RANGE', group_value: 'month', values: [{ gte: '2024-01', lte: '2024-06' }] })).toBe('order_date RANGE ≥ 2024-01 and ≤ 2024-06 (by month)')
    const b = body([
      { dataset_id: '*', operator: 'OR', record_permissions: [{ security_name: 'region', values: ['Europe'] }, { security_name: 'country', validation_type: 'CONTAIN', values: ['an'] }] },
      { dataset_id: 'other', record_permissions: [{ security_name: 'x', values: ['y'] }] },
      { dataset_id: ['sales-orders'], record_permissions: [{ security_name: 'category', values: ['*'] }] }
    ])
    expect(narrowingRules(b, 'sales-orders')).toEqual(['(region EQUAL Europe OR country CONTAIN an)'])
    expect(narrowingRules(b, 'sales-orders', 'country')).toEqual(['country CONTAIN an'])
  })
})
