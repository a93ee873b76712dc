import { describe, expect, it } from 'vitest'
import { formatDateLabel, formatCell, formatCompact, formatMeasure, formatNumber, humanise, isCurrencyColumn, measureLabel } from '../../../../src/sandbox/widgets/core/format'

describe('number formatting', () => {
  it('formats revenue as dollars with cents', () => {
    expect(formatMeasure(1234567.89, { column: 'revenue', aggregate: 'sum' })).toBe('$1,234,567.89')
    expect(formatMeasure(12, { column: 'revenue', aggregate: 'avg' })).toBe('$12.00')
    expect(formatMeasure(-5.5, { column: 'unit_price', aggregate: 'min' }, { id: 'unit_price', label: 'Unit price' })).toBe('-$5.50')
  })

  it('formats counts as whole numbers with separators, whatever column they count', () => {
    expect(formatMeasure(12345, { column: 'order_id', aggregate: 'count' })).toBe('12,345')
    expect(formatMeasure(12345, { column: 'revenue', aggregate: 'count' })).toBe('12,345')
  })

  it('keeps up to two decimals for other measures', () => {
    expect(formatMeasure(1234.5678, { column: 'units', aggregate: 'avg' })).toBe('1,234.57')
    expect(formatMeasure(98765, { column: 'units', aggregate: 'sum' })).toBe('98,765')
  })

  it('passes text through and shows a dash for nothing', () => {
    expect(formatMeasure('2024-01-03', { column: 'order_date', aggregate: 'min' })).toBe('2024-01-03')
    expect(formatNumber(null, { currency: true, integer: false })).toBe('—')
    expect(formatNumber('', { currency: false, integer: true })).toBe('—')
    expect(formatNumber('1500.5', { currency: true, integer: false })).toBe('$1,500.50')
  })

  it('recognises money columns by id or label', () => {
    expect(isCurrencyColumn({ id: 'revenue' })).toBe(true)
    expect(isCurrencyColumn({ id: 'amt', label: 'Sales amount' })).toBe(true)
    expect(isCurrencyColumn({ id: 'units', label: 'Units' })).toBe(false)
  })

  it('shortens axis labels', () => {
    expect(formatCompact(1_234_567, { currency: true, integer: false })).toBe('$1.2M')
    expect(formatCompact(12_000, { currency: false, integer: true })).toBe('12K')
  })

  it('formats table cells by column type', () => {
    expect(formatCell(1234.5, { id: 'revenue', label: 'Revenue', type: 'number' })).toBe('$1,234.50')
    expect(formatCell(1234, { id: 'units', label: 'Units', type: 'number' })).toBe('1,234')
    expect(formatCell('North', { id: 'region', label: 'Region', type: 'text' })).toBe('North')
  })

  it('shows month and day keys as dates a reader knows', () => {
    expect(formatDateLabel('2024-01')).toBe('Jan 2024')
    expect(formatDateLabel('2025-08-13')).toBe('Aug 13, 2025')
    expect(formatDateLabel('2024-13')).toBe('2024-13')
    expect(formatDateLabel('North')).toBe('North')
  })

  it('names measures and columns the way a user reads them', () => {
    expect(measureLabel({ column: 'revenue', aggregate: 'sum' }, { label: 'Revenue' })).toBe('Total Revenue')
    expect(measureLabel({ column: 'order_id', aggregate: 'count' }, { label: 'Order ID' })).toBe('Count of Order ID')
    expect(measureLabel({ column: 'unit_price', aggregate: 'avg' })).toBe('Average Unit price')
    expect(humanise('customer_segment')).toBe('Customer segment')
  })
})
