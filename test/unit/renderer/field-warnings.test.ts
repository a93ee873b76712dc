/** Issue 11.7: ids the widget will not find are said at their field before Preview. */
import { describe, expect, it } from 'vitest'
import { fieldWarning } from '@renderer/lib/field-warnings'
import type { DiscoveryListing } from '@shared/discovery'

const pages: DiscoveryListing = { kind: 'pages', from: 'the offline sandbox', items: [{ id: 'overview', label: 'Overview' }, { id: 'products', label: 'Products' }] }
const panels: DiscoveryListing = {
  kind: 'panels',
  from: 'the offline sandbox',
  items: [{ id: 'revenue-by-region', label: 'Revenue by region', group: 'CHART' }, { id: 'total-revenue', label: 'Total revenue', group: 'METRIC' }]
}

describe('fieldWarning', () => {
  it('themeId: the sandbox knows its themes; a Qrvey instance\'s are its own', () => {
    expect(fieldWarning('themeId', 'corporate-blue', { sandbox: true })).toContain('not a theme of the sandbox\'s apps (sandbox-teal, sandbox-sunset, sandbox-dark)')
    expect(fieldWarning('themeId', 'sandbox-dark', { sandbox: true })).toBeUndefined()
    expect(fieldWarning('themeId', 'corporate-blue', { sandbox: false })).toBeUndefined()
  })
  it('dashboardId and pageId: checked against the app\'s list once there is one', () => {
    expect(fieldWarning('dashboardId', 'nope', { sandbox: true, pages })).toBe(
      'The offline sandbox has no dashboard "nope" in this app (it lists overview, products). Qrvey\'s docs do not say what the widget does then; the sandbox opens the first dashboard and warns in the event log.'
    )
    expect(fieldWarning('pageId', 'nope', { sandbox: true, pages })).toContain('no dashboard "nope"')
    expect(fieldWarning('dashboardId', 'products', { sandbox: true, pages })).toBeUndefined()
    expect(fieldWarning('dashboardId', 'nope', { sandbox: true })).toBeUndefined()
    expect(fieldWarning('dashboardId', 'nope', { sandbox: false, pages: { ...pages, refused: 'HTTP 403' } })).toBeUndefined()
  })
  it('Single Panel: an id of another panel type is said at its field', () => {
    expect(fieldWarning('chartId', 'total-revenue', { sandbox: true, panels })).toContain('"total-revenue" is a METRIC panel, not a CHART: Single Panel reads metricId')
    expect(fieldWarning('metricId', 'total-revenue', { sandbox: true, panels })).toBeUndefined()
    expect(fieldWarning('chartId', 'unknown-one', { sandbox: true, panels })).toBeUndefined()
  })
  it('empty values and other keys: nothing to say', () => {
    expect(fieldWarning('dashboardId', '  ', { sandbox: true, pages })).toBeUndefined()
    expect(fieldWarning('reportId', 'x', { sandbox: true })).toBeUndefined()
  })
})
