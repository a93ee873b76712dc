/**
 * Number and label formatting for panels. The data API carries no currency
 * flag, so money is recognised by the column's id or label (revenue, sales,
 * price, cost…), the way a customer's dataset names it. Counts are always
 * whole numbers, whatever column they count.
 */
import type { ColumnMeta, Measure } from '../../../shared/sandbox-api'

const MONEY = /(revenue|sales|amount|price|cost|profit|income|spend|budget|salary|payment|invoice|fee|margin_usd|usd|eur|\$)/i

export interface NumberStyle {
  currency: boolean
  /** Whole numbers only (counts). */
  integer: boolean
}

export function isCurrencyColumn(column: Pick<ColumnMeta, 'id'> & { label?: string } | undefined): boolean {
  if (!column) return false
  return MONEY.test(column.id) || (column.label !== undefined && MONEY.test(column.label))
}

export function measureStyle(measure: Measure, column?: Pick<ColumnMeta, 'id' | 'label'>): NumberStyle {
  if (measure.aggregate === 'count') return { currency: false, integer: true }
  return { currency: isCurrencyColumn(column ?? { id: measure.column }), integer: false }
}

export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value)
    return Number.isFinite(n) ? n : undefined
  }
  return undefined
}

const formatters = new Map<string, Intl.NumberFormat>()
function formatter(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.NumberFormat(locale, options)
    formatters.set(key, f)
  }
  return f
}

/**
 * "$1,234,567.89" for money, "12,345" for counts and whole numbers,
 * "1,234.57" otherwise. Non-numbers are returned as text; missing values as "—".
 */
export function formatNumber(value: unknown, style: NumberStyle, locale = 'en-US'): string {
  const n = toNumber(value)
  if (n === undefined) return value === null || value === undefined || value === '' ? '—' : String(value)
  if (style.currency) return formatter(locale, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n)
  if (style.integer) return formatter(locale, { maximumFractionDigits: 0 }).format(Math.round(n))
  return formatter(locale, { maximumFractionDigits: 2 }).format(n)
}

/** Short form for chart axes: "$1.2M", "12K". */
export function formatCompact(value: unknown, style: NumberStyle, locale = 'en-US'): string {
  const n = toNumber(value)
  if (n === undefined) return String(value ?? '')
  const options: Intl.NumberFormatOptions = { notation: 'compact', maximumFractionDigits: 1 }
  if (style.currency) Object.assign(options, { style: 'currency', currency: 'USD' })
  return formatter(locale, options).format(n)
}

export function formatMeasure(value: unknown, measure: Measure, column?: Pick<ColumnMeta, 'id' | 'label'>, locale = 'en-US'): string {
  return formatNumber(value, measureStyle(measure, column), locale)
}

/** A table cell: numbers by their column's kind, everything else as text. */
export function formatCell(value: unknown, column: Pick<ColumnMeta, 'id' | 'label' | 'type'> | undefined, locale = 'en-US'): string {
  if (value === null || value === undefined || value === '') return '—'
  if (column?.type === 'number' || typeof value === 'number') {
    const currency = isCurrencyColumn(column ?? { id: '' })
    const n = toNumber(value)
    return formatNumber(value, { currency, integer: !currency && n !== undefined && Number.isInteger(n) }, locale)
  }
  return String(value)
}

const AGGREGATE_WORDS: Record<Measure['aggregate'], string> = {
  sum: 'Total',
  count: 'Count of',
  avg: 'Average',
  min: 'Minimum',
  max: 'Maximum'
}

export const AGGREGATE_LABELS: Record<Measure['aggregate'], string> = {
  sum: 'Sum',
  count: 'Count',
  avg: 'Average',
  min: 'Minimum',
  max: 'Maximum'
}

/** "Total Revenue", "Count of Orders", "Average Discount". */
export function measureLabel(measure: Measure, column?: Pick<ColumnMeta, 'label'>): string {
  return `${AGGREGATE_WORDS[measure.aggregate]} ${column?.label ?? humanise(measure.column)}`
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "2024-01" -> "Jan 2024", "2024-01-03" -> "Jan 3, 2024"; anything else unchanged. */
export function formatDateLabel(value: unknown): string {
  const text = String(value ?? '')
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text)
  if (!match) return text
  const month = MONTHS[Number(match[2]) - 1]
  if (!month) return text
  return match[3] ? `${month} ${Number(match[3])}, ${match[1]}` : `${month} ${match[1]}`
}

/** "order_date" -> "Order date". */
export function humanise(id: string): string {
  const spaced = id.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim()
  return spaced.charAt(0).toUpperCase() + spaced.slice(1).toLowerCase()
}
