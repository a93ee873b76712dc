import { describe, expect, it } from 'vitest'
import { describeDropped, isSecretFieldName, looksLikeJoseToken, sanitizeSecrets } from '../../../src/shared/secret-fields'

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
const JWS = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'u1' })}.c2lnbmF0dXJlLWJ5dGVz`
const JWE = `${b64({ alg: 'dir', enc: 'A256GCM', kid: 'k1' })}..aXYtaXYtaXYtaXY.Y2lwaGVydGV4dA.dGFnLXRhZy10YWc`

describe('secret field rules', () => {
  it.each(['apiKey', 'api_key', 'x-api-key', 'apikey', 'API-KEY', 'qrveyApiKey', 'secret', 'clientSecret', 'password', 'passwd', 'privateKey', 'Authorization'])(
    '%s is a secret field',
    (name) => expect(isSecretFieldName(name)).toBe(true)
  )

  it.each(['security_name', 'userid', 'appid', 'clientid', 'expiresIn', 'domain', 'keyword', 'tokenExpiry'])('%s is not', (name) =>
    expect(isSecretFieldName(name)).toBe(false)
  )

  it('recognises compact JWS and JWE tokens, not ordinary dotted text', () => {
    expect(looksLikeJoseToken(JWS)).toBe(true)
    expect(looksLikeJoseToken(JWE)).toBe(true)
    expect(looksLikeJoseToken('acme.qrveyapp.com')).toBe(false)
    expect(looksLikeJoseToken('not.a.token.at.all')).toBe(false)
    expect(looksLikeJoseToken(`${b64({ nope: 1 })}.x.y`)).toBe(false)
  })
})

describe('sanitizeSecrets', () => {
  it('removes secrets anywhere, keeps the token body object, and lists every path', () => {
    const input = {
      apiKey: 'SENTINEL-1',
      setups: [{ name: 'A', token: { userid: 'u', extra: { 'x-api-key': 'SENTINEL-2', qv_token: 'abc', orgId: 'o', nested: [{ password: 'p' }] } } }],
      environments: [{ name: 'E', domain: 'https://e.example.com', api_key: 'SENTINEL-3' }],
      widgetFields: { qvToken: JWE, other: JWS }
    }
    const { value, dropped } = sanitizeSecrets(input)
    expect(dropped.map((d) => d.path)).toEqual([
      'apiKey',
      'setups[0].token.extra.x-api-key',
      'setups[0].token.extra.qv_token',
      'setups[0].token.extra.nested[0].password',
      'environments[0].api_key',
      'widgetFields.qvToken',
      'widgetFields.other'
    ])
    expect(dropped.at(-1)?.reason).toBe('token-value')
    expect(value.setups[0].token).toEqual({ userid: 'u', extra: { orgId: 'o', nested: [{}] } })
    expect(JSON.stringify(value)).not.toMatch(/SENTINEL|eyJ/)
    expect(input.apiKey).toBe('SENTINEL-1')
  })

  it('keeps an empty token field (a form default) and a __proto__ key as data', () => {
    const raw = JSON.parse('{"qvToken": "", "__proto__": {"x": 1}}') as Record<string, unknown>
    const { value, dropped } = sanitizeSecrets(raw)
    expect(dropped).toEqual([])
    expect(Object.keys(value)).toEqual(['qvToken', '__proto__'])
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })

  it('describes what it dropped in words', () => {
    expect(describeDropped({ path: 'setups[0].environment.apiKey', reason: 'secret-field' })).toMatch(/^Dropped apiKey at setups\[0\]\.environment: /)
    expect(describeDropped({ path: 'apiKey', reason: 'secret-field' })).toMatch(/^Dropped apiKey at the top level/)
    expect(describeDropped({ path: 'widgetFields.other', reason: 'token-value' })).toMatch(/token found in widgetFields\.other/)
  })
})
