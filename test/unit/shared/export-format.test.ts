import { describe, expect, it } from 'vitest'
import { buildExport, parseImportText, parseImportValue, serializeExport } from '../../../src/shared/export-format'
import { serializeSetup, setupSchema, type Setup } from '../../../src/shared/setup'

const SENTINEL = 'SENTINEL-export-4f2a-9911'

function setup(name: string, environment = 'Acme staging'): Setup {
  return setupSchema.parse({ formatVersion: 1, name, environment, widget: 'page-view', token: { userid: 'u1', appid: 'a1' } })
}

const environments = [
  { name: 'Acme staging', domain: 'https://acme-staging.qrveyapp.com', timeoutMs: 15000 },
  { name: 'Other', domain: 'https://other.qrveyapp.com', timeoutMs: 15000 }
]

function exportText(setups: Setup[] = [setup('A')]): string {
  return serializeExport(buildExport({ setups, environments, exportedAt: new Date('2025-03-01T10:00:00Z') }).document)
}

describe('export format', () => {
  it('carries the format, its version, the setups and only the environments they use', () => {
    const doc = JSON.parse(exportText())
    expect(Object.keys(doc)).toEqual(['format', 'formatVersion', 'exportedAt', 'setups', 'environments'])
    expect(doc).toMatchObject({ format: 'qrvey-embed-workbench', formatVersion: 1, exportedAt: '2025-03-01T10:00:00.000Z' })
    expect(doc.environments).toEqual([environments[0]])
    expect(Object.keys(doc.setups[0]).slice(0, 3)).toEqual(['formatVersion', 'name', 'environment'])
  })

  it('round-trips through parseImportText', () => {
    const parsed = parseImportText(exportText([setup('A'), setup('B', 'Other')]))
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.source).toBe('export')
    expect(parsed.document.setups.map((s) => s.name)).toEqual(['A', 'B'])
    expect(parsed.dropped).toEqual([])
  })

  it('removes secrets on the way out', () => {
    const bad = { ...setup('A'), token: { userid: 'u', appid: 'a', extra: { apiKey: SENTINEL } } }
    const { document, dropped } = buildExport({ setups: [bad], environments: [{ ...environments[0], apiKey: SENTINEL } as never], exportedAt: new Date() })
    // Environments are copied field by field (name, domain, timeoutMs), so their key never even reaches the sanitizer.
    expect(dropped.map((d) => d.path)).toEqual(['setups[0].token.extra.apiKey'])
    expect(serializeExport(document)).not.toContain(SENTINEL)
  })

  it('accepts a single setup file as found in a workspace', () => {
    const parsed = parseImportText(serializeSetup(setup('Solo')))
    expect(parsed).toMatchObject({ ok: true, source: 'setup-file', document: { setups: [{ name: 'Solo' }], environments: [] } })
  })
})

describe('import refusals name what is wrong', () => {
  it('refuses text that is not JSON', () => {
    expect(parseImportText('hello, this is a word document')).toMatchObject({ ok: false, field: '', message: expect.stringMatching(/not a workbench export\. Not valid JSON/) })
  })

  it('refuses JSON that is not a workbench export', () => {
    expect(parseImportText('[1, 2]')).toMatchObject({ ok: false, message: expect.stringMatching(/must be a JSON object/) })
    expect(parseImportText('{"format": "something-else", "formatVersion": 1}')).toMatchObject({ ok: false, field: 'format', message: expect.stringMatching(/its format is "something-else"/) })
  })

  it('refuses a wrong or newer format version, naming the field', () => {
    const doc = JSON.parse(exportText())
    expect(parseImportValue({ ...doc, formatVersion: 2 })).toMatchObject({ ok: false, field: 'formatVersion', message: expect.stringMatching(/newer version of the workbench/) })
    expect(parseImportValue({ ...doc, formatVersion: '1' })).toMatchObject({ ok: false, field: 'formatVersion', message: expect.stringMatching(/whole number/) })
    expect(parseImportValue({ ...doc, formatVersion: 0 })).toMatchObject({ ok: false, field: 'formatVersion' })
    doc.setups[0].formatVersion = 3
    expect(parseImportValue(doc)).toMatchObject({ ok: false, field: 'setups[0].formatVersion' })
  })

  it('refuses a field of the wrong type with its full path', () => {
    const doc = JSON.parse(exportText([setup('A'), setup('B')]))
    doc.setups[1].token.userid = 42
    const refused = parseImportValue(doc)
    expect(refused).toMatchObject({ ok: false, field: 'setups[1].token.userid', message: 'setups[1].token.userid: userid must be a text' })
    const env = JSON.parse(exportText())
    env.environments[0].timeoutMs = 'soon'
    expect(parseImportValue(env)).toMatchObject({ ok: false, field: 'environments[0].timeoutMs' })
  })

  it('drops an apiKey-like field, says where, and imports the rest', () => {
    const doc = JSON.parse(exportText())
    doc.environments[0].apiKey = SENTINEL
    doc.setups[0].token.extra = { 'x-api-key': SENTINEL, orgId: 'acme' }
    const parsed = parseImportValue(doc)
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.dropped.map((d) => d.path)).toEqual(['setups[0].token.extra.x-api-key', 'environments[0].apiKey'])
    expect(parsed.notices[1]).toMatch(/^Dropped apiKey at environments\[0\]: secrets are never/)
    expect(JSON.stringify(parsed.document)).not.toContain(SENTINEL)
    expect(parsed.document.setups[0].token.extra).toEqual({ orgId: 'acme' })
  })

  it('refuses two setups with the same name in one file', () => {
    const doc = JSON.parse(exportText([setup('Same'), setup('same')]))
    expect(parseImportValue(doc)).toMatchObject({ ok: false, field: 'setups[1].name' })
  })
})
