import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../../../src/shared/canonical-json'
import { emptySetup, parseSetupText, parseSetupValue, serializeSetup, setupSchema, tokenBodyOfSetup, type Setup } from '../../../src/shared/setup'
import { tokenBodySchema } from '../../../src/shared/token-request'

function sample(overrides: Partial<Setup> = {}): Setup {
  return setupSchema.parse({
    formatVersion: 1,
    name: 'Acme staging - page view',
    environment: 'Acme staging',
    widget: 'page-view',
    qrvey86OrNewer: false,
    token: {
      userid: 'izfZIkc',
      appid: '59VShVtjM',
      clientid: 'support@acme.example',
      expiresIn: '1h',
      permissions: [{ dataset_id: '*', record_permissions: [{ values: ['North'], validation_type: 'EQUAL', security_name: 'region' }] }],
      extra: { zeta: 1, orgId: 'acme', alpha: { b: 2, a: 1 } }
    },
    widgetFields: { themeId: 'dark', dashboardId: 'd1' },
    ...overrides
  })
}

describe('setup schema', () => {
  it('accepts an incomplete draft: types are checked, completeness is not', () => {
    const parsed = parseSetupValue({ formatVersion: 1, name: 'Draft', token: { userid: '', appid: '' } })
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.setup).toMatchObject({ environment: '', widget: '', qrvey86OrNewer: true, token: { userid: '', appid: '' }, widgetFields: {} })
  })

  it('refuses a field of the wrong type, naming the field', () => {
    const parsed = parseSetupValue({ formatVersion: 1, name: 'X', token: { userid: 42 } })
    expect(parsed).toMatchObject({ ok: false, issues: [{ path: 'token.userid' }] })
    if (parsed.ok) return
    expect(parsed.message).toMatch(/^token\.userid: userid must be a text/)
  })

  it('refuses an unknown key (a typo in a hand-edited file) instead of ignoring it', () => {
    const parsed = parseSetupValue({ formatVersion: 1, name: 'X', enviroment: 'Acme' })
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.message).toBe('unknown field "enviroment": check the spelling (this version does not read it)')
  })

  it('names the permission field that is wrong', () => {
    const parsed = parseSetupValue({ formatVersion: 1, name: 'X', token: { permissions: [{ dataset_id: '*', record_permissions: [{ security_name: 'r', validation_type: 'EQUALS', values: [] }] }] } })
    expect(parsed).toMatchObject({ ok: false, issues: [{ path: 'token.permissions[0].record_permissions[0].validation_type' }] })
  })

  it('refuses extra fields that the form owns', () => {
    const parsed = parseSetupValue({ formatVersion: 1, name: 'X', token: { extra: { userid: 'sneaky' } } })
    expect(parsed).toMatchObject({ ok: false, issues: [{ path: 'token.extra' }] })
  })

  it('says when a setup comes from a newer workbench', () => {
    const parsed = parseSetupValue({ formatVersion: 2, name: 'X' })
    expect(parsed).toMatchObject({ ok: false, issues: [{ path: 'formatVersion' }] })
    if (!parsed.ok) expect(parsed.message).toMatch(/newer version of the workbench/)
  })

  it('reports truncated JSON as such', () => {
    const parsed = parseSetupText('{"formatVersion": 1, "name": "X"')
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.message).toMatch(/Not valid JSON.*truncated/)
    expect(parseSetupText('')).toMatchObject({ ok: false, message: 'The file is empty.' })
  })

  it('drops an apiKey-like field when reading and says where it was', () => {
    const parsed = parseSetupValue({ formatVersion: 1, name: 'X', token: { extra: { apiKey: 'SENTINEL-x', orgId: 'o' } } })
    expect(parsed).toMatchObject({ ok: true, dropped: [{ path: 'token.extra.apiKey', reason: 'secret-field' }] })
    if (parsed.ok) expect(parsed.setup.token.extra).toEqual({ orgId: 'o' })
  })
})

describe('canonical serializer', () => {
  it('writes known keys in the documented order, other keys sorted, 2-space indent and a trailing newline', () => {
    const text = serializeSetup(sample())
    expect(text.endsWith('}\n')).toBe(true)
    const topKeys = [...text.matchAll(/^ {2}"(\w+)":/gm)].map((m) => m[1])
    expect(topKeys).toEqual(['formatVersion', 'name', 'environment', 'widget', 'qrvey86OrNewer', 'token', 'widgetFields'])
    const tokenKeys = [...text.matchAll(/^ {4}"(\w+)":/gm)].map((m) => m[1])
    expect(tokenKeys.slice(0, 6)).toEqual(['userid', 'appid', 'clientid', 'expiresIn', 'permissions', 'extra'])
    expect(text.indexOf('"alpha"')).toBeLessThan(text.indexOf('"orgId"'))
    expect(text.indexOf('"orgId"')).toBeLessThan(text.indexOf('"zeta"'))
    expect(text.indexOf('"dashboardId"')).toBeLessThan(text.indexOf('"themeId"'))
    expect(text.indexOf('"security_name"')).toBeLessThan(text.indexOf('"validation_type"'))
    expect(text.indexOf('"validation_type"')).toBeLessThan(text.indexOf('"values"'))
    expect(JSON.parse(text)).toEqual(sample())
  })

  it('gives the same bytes for the same setup, whatever order its keys were given in', () => {
    const a = sample()
    const { token, widgetFields, ...rest } = a
    const reverse = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).reverse())
    const reordered = { widgetFields: reverse(widgetFields), token: { ...reverse(token), extra: reverse(token.extra ?? {}) }, ...reverse(rest) }
    expect(Object.keys(reordered)[0]).toBe('widgetFields')
    expect(serializeSetup(setupSchema.parse(reordered))).toBe(serializeSetup(a))
  })

  it('changes exactly one line when one field changes', () => {
    const before = serializeSetup(sample()).split('\n')
    const after = serializeSetup(sample({ environment: 'Acme prod' })).split('\n')
    expect(after).toHaveLength(before.length)
    const changed = before.filter((line, i) => line !== after[i])
    expect(changed).toEqual(['  "environment": "Acme staging",'])
  })

  it('matches JSON.stringify(value, null, 2) apart from key order', () => {
    const value = { b: [1, { d: null, c: 'x' }, []], a: {}, e: 'é\u2028"', f: undefined }
    expect(canonicalJson(value)).toBe(`${JSON.stringify({ a: {}, b: [1, { c: 'x', d: null }, []], e: 'é\u2028"' }, null, 2)}\n`)
    expect(canonicalJson(value, undefined, { compact: true })).toBe(JSON.stringify({ a: {}, b: [1, { c: 'x', d: null }, []], e: 'é\u2028"' }))
  })
})

describe('tokenBodyOfSetup', () => {
  it('assembles the body as the token form does: version "2" with permissions, extra after', () => {
    const body = tokenBodyOfSetup(sample())
    expect(Object.keys(body)).toEqual(['userid', 'appid', 'clientid', 'expiresIn', 'version', 'permissions', 'zeta', 'orgId', 'alpha'])
    expect(tokenBodySchema.safeParse(body).success).toBe(true)
  })

  it('leaves out empty optional fields', () => {
    expect(tokenBodyOfSetup(emptySetup('x', 'page-view'))).toEqual({ userid: '', appid: '' })
  })
})
