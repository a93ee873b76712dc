/**
 * The demo data set: ~5,000 sales orders over 2024-01 .. 2025-12, generated
 * in memory from a fixed seed so every start, machine and test sees the same
 * rows. Volumes grow month on month with a Q4 peak, so the line chart has a
 * story to tell in a demo.
 */
import type { ColumnMeta } from '../../shared/sandbox-api'
import type { Dataset } from './dataset'
import { randomInt, seededRandom, weightedPick, type Random } from './prng'

export const SALES_DATASET_ID = 'sales-orders'
export const SALES_ORDER_COUNT = 5_000
export const DEFAULT_SEED = 20240101

export type SalesOrder = {
  order_id: string
  order_date: string
  month: string
  region: string
  country: string
  category: string
  product: string
  customer_segment: string
  units: number
  unit_price: number
  revenue: number
}

/**
 * The secured demo dataset. securityName equals the column id: a token's
 * security_name names the column directly. Five security columns, so a token
 * must name all five (Qrvey: "Any missing security column inside the user's
 * security token will restrict the user's access"); order_date lets RANGE,
 * DATE and group_value be rehearsed. unit_price is visible only to the
 * "Finance" role (column-level security, Qrvey's `accessRoles`).
 */
export const SALES_SECURITY_NAMES = ['region', 'country', 'category', 'customer_segment', 'order_date'] as const
export const FINANCE_ROLE = 'Finance'

export const SALES_COLUMNS: readonly ColumnMeta[] = [
  { id: 'order_id', label: 'Order ID', type: 'text' },
  { id: 'order_date', label: 'Order date', type: 'date', securityName: 'order_date' },
  { id: 'month', label: 'Month', type: 'date' },
  { id: 'region', label: 'Region', type: 'text', securityName: 'region' },
  { id: 'country', label: 'Country', type: 'text', securityName: 'country' },
  { id: 'category', label: 'Category', type: 'text', securityName: 'category' },
  { id: 'product', label: 'Product', type: 'text' },
  { id: 'customer_segment', label: 'Customer segment', type: 'text', securityName: 'customer_segment' },
  { id: 'units', label: 'Units', type: 'number' },
  { id: 'unit_price', label: 'Unit price', type: 'number', accessRoles: [FINANCE_ROLE] },
  { id: 'revenue', label: 'Revenue', type: 'number' }
]

const FIRST_YEAR = 2024
const MONTHS = 24

/** [name, weight] pairs; weights are relative. */
const REGIONS: ReadonlyArray<readonly [string, number, ReadonlyArray<readonly [string, number]>]> = [
  ['North America', 38, [['United States', 80], ['Canada', 20]]],
  ['Europe', 30, [['Germany', 30], ['United Kingdom', 30], ['France', 25], ['Spain', 15]]],
  ['Asia Pacific', 20, [['Japan', 35], ['Australia', 30], ['Singapore', 15], ['India', 20]]],
  ['Latin America', 12, [['Brazil', 45], ['Mexico', 35], ['Chile', 20]]]
]

/** Product name and list price in cents. */
const CATEGORIES: ReadonlyArray<readonly [string, number, ReadonlyArray<readonly [string, number]>]> = [
  ['Hardware', 35, [['Edge Gateway', 125_000], ['Sensor Kit', 18_900], ['Rack Server', 480_000], ['Smart Display', 64_000]]],
  ['Software', 40, [['Analytics Suite', 240_000], ['Reporting Add-on', 45_000], ['Embedded SDK', 110_000], ['Data Connector', 29_900]]],
  ['Services', 25, [['Onboarding Package', 350_000], ['Training Day', 120_000], ['Premium Support', 90_000]]]
]

/** Segment, weight, units range, price factor (bigger customers get a discount). */
const SEGMENTS: ReadonlyArray<readonly [string, number, number, number, number]> = [
  ['Enterprise', 25, 5, 40, 0.9],
  ['Mid-Market', 35, 2, 15, 0.95],
  ['SMB', 40, 1, 6, 1]
]

/** January .. December: slow summer, strong year end. */
const SEASON = [0.85, 0.88, 0.98, 1, 1.02, 0.97, 0.92, 0.9, 1.02, 1.08, 1.15, 1.25]

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0')
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
}

/** Splits `total` orders over the months by weight, exactly (largest remainder). */
function ordersPerMonth(total: number): number[] {
  const weights = Array.from({ length: MONTHS }, (_, index) => (1 + 0.025 * index) * SEASON[index % 12])
  const sum = weights.reduce((a, b) => a + b, 0)
  const exact = weights.map((weight) => (weight / sum) * total)
  const counts = exact.map(Math.floor)
  let missing = total - counts.reduce((a, b) => a + b, 0)
  const byRemainder = exact.map((value, index) => [value - Math.floor(value), index] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (const [, index] of byRemainder) {
    if (missing-- <= 0) break
    counts[index] += 1
  }
  return counts
}

function pickWith<T>(random: Random, entries: ReadonlyArray<readonly [string, number, T]>): readonly [string, number, T] {
  return weightedPick(random, entries.map((entry) => [entry, entry[1]] as const))
}

function order(random: Random, id: number, date: string): SalesOrder {
  const [region, , countries] = pickWith(random, REGIONS)
  const country = weightedPick(random, countries)
  const [category, , products] = pickWith(random, CATEGORIES)
  const [product, listCents] = products[randomInt(random, 0, products.length - 1)]
  const [segment, , minUnits, maxUnits, priceFactor] = weightedPick(random, SEGMENTS.map((entry) => [entry, entry[1]] as const))
  // Services sell in fewer units than boxes and licences.
  const units = Math.max(1, Math.round(randomInt(random, minUnits, maxUnits) / (category === 'Services' ? 3 : 1)))
  // Prices in whole cents, so revenue is exact: units * cents has no rounding error.
  const priceCents = Math.round(listCents * priceFactor * (0.92 + random() * 0.16))
  return {
    order_id: `SO-${pad(id, 5)}`,
    order_date: date,
    month: date.slice(0, 7),
    region,
    country,
    category,
    product,
    customer_segment: segment,
    units,
    unit_price: priceCents / 100,
    revenue: (units * priceCents) / 100
  }
}

/** Generates the orders for a seed; the same seed always gives the same rows. Order ids follow date order. */
export function generateSalesOrders(seed = DEFAULT_SEED, total = SALES_ORDER_COUNT): SalesOrder[] {
  const random = seededRandom(seed)
  const rows: SalesOrder[] = []
  ordersPerMonth(total).forEach((count, index) => {
    const year = FIRST_YEAR + Math.floor(index / 12)
    const month = index % 12
    const days = Array.from({ length: count }, () => randomInt(random, 1, daysIn(year, month))).sort((a, b) => a - b)
    for (const day of days) rows.push(order(random, rows.length + 1, `${year}-${pad(month + 1)}-${pad(day)}`))
  })
  return rows
}

let cached: Dataset | undefined

/**
 * The demo data set, generated once per process (5-10 ms warm, under 100 ms
 * on a cold start) and frozen, so
 * route code can never change what another request or test sees.
 */
export function demoDataset(): Dataset {
  if (!cached) {
    const rows = Object.freeze(generateSalesOrders().map((row) => Object.freeze(row)))
    cached = {
      meta: Object.freeze({ id: SALES_DATASET_ID, name: 'Sales orders', rowCount: rows.length, columns: SALES_COLUMNS.map((column) => ({ ...column, ...(column.accessRoles ? { accessRoles: [...column.accessRoles] } : {}) })) }),
      rows
    }
  }
  return cached
}
