import { describe, expect, it } from 'vitest'
import { base64urlToText, textToBase64url } from '../../../src/shared/base64url'
import { buildExport } from '../../../src/shared/export-format'
import { setupSchema } from '../../../src/shared/setup'
import { crc32, decodeShareText, encodeSetupShareText, encodeShareText, isShareText } from '../../../src/shared/share-text'

const SENTINEL = 'SENTINEL-share-77aa-0c3d'
const setup = setupSchema.parse({
  formatVersion: 1,
  name: 'Ticket 4411 — émoji 🚀',
  environment: 'Acme prod',
  widget: 'single-panel',
  token: { userid: 'u1', appid: 'a1', extra: { apiKey: SENTINEL, orgId: 'acme' } },
  widgetFields: { qrveyId: 'ds1', type: 'CHART', chartId: 'c1' }
})
const document = buildExport({ setups: [setup], environments: [{ name: 'Acme prod', domain: 'https://acme.qrveyapp.com', timeoutMs: 15000 }], exportedAt: new Date('2025-01-01T00:00:00Z') }).document

describe('share text', () => {
  it('is one line, starts with qwb1., and decodes to the same setup and environment', () => {
    const text = encodeShareText(document)
    expect(text).toMatch(/^qwb1\.[A-Za-z0-9_-]+\.[0-9a-f]{8}$/)
    expect(isShareText(text)).toBe(true)
    const decoded = decodeShareText(text)
    expect(decoded).toMatchObject({ ok: true, document: { setups: [{ name: setup.name, widgetFields: setup.widgetFields }], environments: [{ name: 'Acme prod' }] } })
  })

  it('never carries a secret', () => {
    const text = encodeShareText({ ...document, setups: [{ ...setup, token: { ...setup.token, extra: { apiKey: SENTINEL } } }] })
    expect(text).not.toContain(SENTINEL)
    const decoded = base64urlToText(text.split('.')[1])
    expect(decoded.ok && decoded.text).not.toContain(SENTINEL)
  })

  it('ignores line breaks and spaces a ticket system adds', () => {
    const text = encodeShareText(document)
    const wrapped = `  ${text.match(/.{1,40}/g)!.join('\n  ')}\n`
    expect(decodeShareText(wrapped).ok).toBe(true)
  })

  it('says what is wrong with a damaged text', () => {
    const text = encodeShareText(document)
    expect(decodeShareText('hello')).toMatchObject({ ok: false, message: expect.stringMatching(/should start with "qwb1\."/) })
    expect(decodeShareText(text.replace(/^qwb1/, 'qwb2'))).toMatchObject({ ok: false, message: expect.stringMatching(/newer version/) })
    expect(decodeShareText(text.slice(0, 60))).toMatchObject({ ok: false, message: expect.stringMatching(/incomplete/) })
    expect(decodeShareText(text.slice(0, -3))).toMatchObject({ ok: false, message: expect.stringMatching(/checksum/) })
    const payload = text.split('.')[1]
    expect(decodeShareText(`qwb1.${payload.slice(0, -8)}.${text.slice(-8)}`)).toMatchObject({ ok: false, message: expect.stringMatching(/altered or cut short/) })
    expect(decodeShareText(`qwb1.${payload.slice(0, 10)}*${payload.slice(11)}.${text.slice(-8)}`)).toMatchObject({ ok: false, message: expect.stringMatching(/character "\*" at position 11/) })
  })

  it('checks the decoded content like an import file', () => {
    const json = '{"format":"qrvey-embed-workbench","formatVersion":1,"setups":[{"formatVersion":1,"name":7}]}'
    expect(decodeShareText(`qwb1.${textToBase64url(json)}.${crc32(json)}`)).toMatchObject({ ok: false, field: 'setups[0].name' })
  })

  it('encodes an unsaved setup with only the environment it uses', () => {
    const text = encodeSetupShareText(setup, [{ name: 'Acme prod', domain: 'https://acme.qrveyapp.com' }, { name: 'Other', domain: 'https://o.example.com' }])
    expect(decodeShareText(text)).toMatchObject({ ok: true, document: { environments: [{ name: 'Acme prod' }] } })
    expect(text).not.toContain(SENTINEL)
  })

  it('uses standard CRC-32 and base64url', () => {
    expect(crc32('123456789')).toBe('cbf43926')
    for (const sample of ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar', 'ü🚀\u0000']) {
      expect(textToBase64url(sample)).toBe(Buffer.from(sample).toString('base64url'))
      expect(base64urlToText(textToBase64url(sample))).toEqual({ ok: true, text: sample })
    }
  })
})
