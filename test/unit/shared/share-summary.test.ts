/** Issue 11: share text has a readable summary, and text copied with it imports the same. */
import { describe, expect, it } from 'vitest'
import { setupSchema } from '../../../src/shared/setup'
import { decodeShareText, encodeSetupShareText, isShareText } from '../../../src/shared/share-text'
import { shareTextWithSummary, summarizeShareText } from '../../../src/shared/share-summary'

const setup = setupSchema.parse({
  formatVersion: 1,
  name: 'Customer 4711 single panel',
  environment: 'Acme prod',
  widget: 'single-panel',
  token: {
    userid: 'izfZIkc',
    appid: '59VShVtjM',
    clientid: 'support@example.com',
    permissions: [{ dataset_id: 'sales-orders', record_permissions: [{ security_name: 'region', validation_type: 'EQUAL', values: ['Europe'] }] }]
  },
  widgetFields: { dashboardId: 'overview', chartId: 'revenue-by-region', type: 'CHART' }
})
const environments = [{ name: 'Acme prod', domain: 'https://acme.qrveyapp.com', timeoutMs: 20000 }]

describe('share text summary', () => {
  it('says which setup and environment it holds, the widget, userid, appid and ids, in words', () => {
    const read = summarizeShareText(encodeSetupShareText(setup, environments))
    expect(read.ok).toBe(true)
    if (!read.ok) return
    expect(read.summary.headline).toBe('1 setup, 1 environment; no API keys or tokens.')
    expect(read.summary.lines).toEqual([
      'Setup "Customer 4711 single panel": Single Panel (single-panel) · userid "izfZIkc" · appid "59VShVtjM" · chartId "revenue-by-region" · dashboardId "overview" · 1 dataset permission · environment "Acme prod"',
      'Environment "Acme prod": https://acme.qrveyapp.com (timeout 20000 ms), no API key'
    ])
    // Permission values are counted, not listed.
    expect(read.summary.lines.join('\n')).not.toContain('Europe')
  })

  it('text copied with its summary as # lines is still share text and decodes to the same document', () => {
    const text = encodeSetupShareText(setup, environments)
    const read = summarizeShareText(text)
    if (!read.ok) throw new Error(read.message)
    const withSummary = shareTextWithSummary(text, read.summary)
    expect(withSummary.split('\n').slice(0, 3).every((line) => line.startsWith('# '))).toBe(true)
    expect(isShareText(withSummary)).toBe(true)
    // A ticket system may add line breaks and indentation.
    const mangled = `  ${withSummary.replace(/\n/g, '\r\n  ')}`
    const a = decodeShareText(text)
    const b = decodeShareText(mangled)
    expect(a.ok && b.ok).toBe(true)
    if (a.ok && b.ok) expect(b.document).toEqual(a.document)
  })

  it('a damaged text says why instead of a summary', () => {
    const text = encodeSetupShareText(setup, environments)
    const read = summarizeShareText(text.slice(0, -3))
    expect(read.ok).toBe(false)
    if (!read.ok) expect(read.message).toMatch(/checksum|incomplete|Copy/)
  })
})
