import { describe, expect, it } from 'vitest'
import {
  demoDataset,
  generateSalesOrders,
  round2,
  SALES_COLUMNS,
  SALES_DATASET_ID,
  SALES_ORDER_COUNT
} from '../../../../src/sandbox/data'

const REGIONS = ['North America', 'Europe', 'Asia Pacific', 'Latin America']
const CATEGORIES = ['Hardware', 'Software', 'Services']
const SEGMENTS = ['Enterprise', 'Mid-Market', 'SMB']

describe('demo sales orders', () => {
  it('are the same rows on every generation (seeded, no Math.random)', () => {
    const first = generateSalesOrders()
    const second = generateSalesOrders()
    expect(second).toEqual(first)
    expect(generateSalesOrders(7)).not.toEqual(first)
  })

  it('has exactly the advertised row count, unique chronological ids, and 24 months', () => {
    const rows = generateSalesOrders()
    expect(rows).toHaveLength(SALES_ORDER_COUNT)
    expect(new Set(rows.map((row) => row.order_id)).size).toBe(SALES_ORDER_COUNT)
    const dates = rows.map((row) => row.order_date)
    expect([...dates].sort()).toEqual(dates)
    expect(dates[0] >= '2024-01-01' && dates.at(-1)! <= '2025-12-31').toBe(true)
    const months = [...new Set(rows.map((row) => row.month))]
    expect(months).toHaveLength(24)
    expect(months[0]).toBe('2024-01')
    expect(months.at(-1)).toBe('2025-12')
  })

  it('keeps every row consistent: revenue = units * unit_price to the cent, month from the date', () => {
    for (const row of generateSalesOrders()) {
      expect(Number.isInteger(row.units) && row.units >= 1, row.order_id).toBe(true)
      expect(round2(row.unit_price), row.order_id).toBe(row.unit_price)
      expect(row.revenue, row.order_id).toBe(round2(row.units * row.unit_price))
      expect(row.month, row.order_id).toBe(row.order_date.slice(0, 7))
      expect(row.order_date, row.order_id).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(Number.isNaN(Date.parse(row.order_date)), row.order_id).toBe(false)
    }
  })

  it('uses the documented regions, categories and segments, each present', () => {
    const rows = generateSalesOrders()
    expect(new Set(rows.map((row) => row.region))).toEqual(new Set(REGIONS))
    expect(new Set(rows.map((row) => row.category))).toEqual(new Set(CATEGORIES))
    expect(new Set(rows.map((row) => row.customer_segment))).toEqual(new Set(SEGMENTS))
    const productsPerCategory = CATEGORIES.map((category) => new Set(rows.filter((row) => row.category === category).map((row) => row.product)).size)
    for (const count of productsPerCategory) expect(count).toBeGreaterThanOrEqual(3)
    // A country always belongs to one region.
    const regionOf = new Map<string, string>()
    for (const row of rows) {
      expect(regionOf.get(row.country) ?? row.region, row.country).toBe(row.region)
      regionOf.set(row.country, row.region)
    }
  })

  it('describes its columns, with security names on order_date, region, country, category and customer_segment, and unit_price for Finance only', () => {
    const secured = SALES_COLUMNS.filter((column) => column.securityName).map((column) => [column.id, column.securityName])
    expect(SALES_COLUMNS.filter((column) => column.accessRoles).map((column) => [column.id, column.accessRoles])).toEqual([['unit_price', ['Finance']]])
    expect(secured).toEqual([
      ['order_date', 'order_date'],
      ['region', 'region'],
      ['country', 'country'],
      ['category', 'category'],
      ['customer_segment', 'customer_segment']
    ])
    const row = generateSalesOrders(1, 1)[0]
    expect(SALES_COLUMNS.map((column) => column.id).sort()).toEqual(Object.keys(row).sort())
  })

  it('is generated once per process, frozen, with matching metadata', () => {
    const dataset = demoDataset()
    expect(demoDataset()).toBe(dataset)
    expect(dataset.meta).toMatchObject({ id: SALES_DATASET_ID, rowCount: SALES_ORDER_COUNT })
    expect(Object.isFrozen(dataset.rows)).toBe(true)
    expect(Object.isFrozen(dataset.rows[0])).toBe(true)
    expect(dataset.rows).toEqual(generateSalesOrders())
  })

  it('reports how long generation takes (no assertion on time)', () => {
    const start = performance.now()
    generateSalesOrders()
    console.info(`[sandbox] ${SALES_ORDER_COUNT} demo orders generated in ${(performance.now() - start).toFixed(1)} ms`)
  })
})

describe('round2', () => {
  it('rounds half away from zero the way a person would', () => {
    expect(round2(1.005)).toBe(1.01)
    expect(round2(7.575)).toBe(7.58)
    expect(round2(2.675)).toBe(2.68)
    expect(round2(0.1 + 0.2)).toBe(0.3)
    expect(round2(-1.005)).toBe(-1.01)
    expect(round2(10)).toBe(10)
  })
})
