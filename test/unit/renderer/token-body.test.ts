import { describe, expect, it } from 'vitest'
import { tokenBodySchema } from '@shared/token-request'
import {
  assembleTokenBody,
  parseTimeout,
  validateExtraText,
  validatePermissionsText,
  validateTokenFields,
  type TokenFields
} from '@renderer/lib/token-body'

const fields = (patch: Partial<TokenFields> = {}): TokenFields => ({ userid: 'u1', appid: 'a1', clientid: '', expiresIn: '1h', ...patch })

describe('validateTokenFields', () => {
  it('accepts a complete form', () => {
    expect(validateTokenFields(fields())).toEqual({})
  })

  it('requires userid and appid, with the shared schema messages', () => {
    const errors = validateTokenFields(fields({ userid: '', appid: '   ' }))
    expect(errors.userid).toBe('userid is required: the Qrvey user who owns the content')
    expect(errors.appid).toBe('appid is required: the Qrvey application to embed')
  })

  it('checks expiresIn against the duration pattern, and allows it empty', () => {
    expect(validateTokenFields(fields({ expiresIn: '1 hour' })).expiresIn).toMatch(/^expiresIn must be a whole number and a unit/)
    expect(validateTokenFields(fields({ expiresIn: '0m' })).expiresIn).toBeDefined()
    expect(validateTokenFields(fields({ expiresIn: '10m' })).expiresIn).toBeUndefined()
    expect(validateTokenFields(fields({ expiresIn: '1w' })).expiresIn).toBeUndefined()
    expect(validateTokenFields(fields({ expiresIn: '' })).expiresIn).toBeUndefined()
  })

  it('limits clientid length', () => {
    expect(validateTokenFields(fields({ clientid: 'x'.repeat(257) })).clientid).toMatch(/longer than 256/)
  })
})

describe('parseTimeout', () => {
  it('is empty for no text, a number for digits, a message otherwise', () => {
    expect(parseTimeout('')).toEqual({})
    expect(parseTimeout(' 30000 ')).toEqual({ value: 30000 })
    expect(parseTimeout('30s').error).toMatch(/whole number of milliseconds/)
    expect(parseTimeout('50').error).toMatch(/at least 100 ms/)
    expect(parseTimeout('999999').error).toMatch(/at most 120 s/)
  })
})

describe('extra token-body JSON', () => {
  it('refuses keys the form owns, pointing at the key and naming the field to use', () => {
    const text = '{\n  "orgId": "o1",\n  "userid": "someone"\n}'
    const result = validateExtraText(text)
    expect(result.value).toBeUndefined()
    expect(result.errors).toHaveLength(1)
    const [error] = result.errors
    expect(text.slice(error.from, error.to)).toBe('"userid"')
    expect(error).toMatchObject({ line: 3, col: 3 })
    expect(error.message).toMatch(/use the userid field above/)
  })

  it('refuses version and permissions with their own explanations', () => {
    const messages = validateExtraText('{"version": "2", "permissions": []}').errors.map((e) => e.message)
    expect(messages).toEqual([expect.stringMatching(/"version" is set by the form/), expect.stringMatching(/Permissions editor/)])
  })

  it('must be a JSON object', () => {
    for (const text of ['[]', '"x"', '3', 'null']) {
      expect(validateExtraText(text).errors[0].message).toMatch(/must be a JSON object/)
    }
  })

  it('type-checks the keys the token body knows', () => {
    const text = '{"roles": 5, "asset_permissions": []}'
    const errors = validateExtraText(text).errors
    expect(errors.map((e) => text.slice(e.from, e.to))).toEqual(['5', '[]'])
    expect(errors[0].message).toMatch(/roles must be a text or a list of texts/)
    expect(errors[1].message).toMatch(/asset_permissions must be an object/)
  })

  it('passes anything else through', () => {
    expect(validateExtraText('{"orgId": "o1", "timezone": {"offset": "+05:00"}}').value).toEqual({
      orgId: 'o1',
      timezone: { offset: '+05:00' }
    })
  })
})

describe('assembleTokenBody', () => {
  it('sends the fields, leaving out empty optional ones and trimming', () => {
    expect(assembleTokenBody(fields({ userid: ' u1 ', clientid: '  ', expiresIn: '' }))).toEqual({ userid: 'u1', appid: 'a1' })
    expect(assembleTokenBody(fields({ clientid: 'jane@example.com' }))).toEqual({
      userid: 'u1',
      appid: 'a1',
      clientid: 'jane@example.com',
      expiresIn: '1h'
    })
  })

  it('adds version "2" when permissions are set, and not otherwise', () => {
    const permissions = validatePermissionsText('[{"dataset_id": "*", "record_permissions": []}]').value
    const body = assembleTokenBody(fields(), permissions)
    expect(body).toMatchObject({ version: '2', permissions: [{ dataset_id: '*', record_permissions: [] }] })
    expect(Object.keys(body)).toEqual(['userid', 'appid', 'expiresIn', 'version', 'permissions'])
    expect(assembleTokenBody(fields())).not.toHaveProperty('version')
    expect(tokenBodySchema.safeParse(body).success).toBe(true)
  })

  it('merges the extra JSON after the form fields, never letting it override them', () => {
    const body = assembleTokenBody(fields(), undefined, { orgId: 'o1', userid: 'intruder', version: '9' })
    expect(body).toEqual({ userid: 'u1', appid: 'a1', expiresIn: '1h', orgId: 'o1' })
  })

  it('never lets a "__proto__" key in the extra JSON change the body\'s prototype', () => {
    const extra = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>
    const body = assembleTokenBody(fields(), undefined, extra)
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype)
    expect(Object.hasOwn(body, '__proto__')).toBe(true)
    expect((body as Record<string, unknown>).polluted).toBeUndefined()
    // Through the validator, zod drops the key altogether.
    const validated = validateExtraText('{"__proto__": {"polluted": true}, "orgId": "o1"}').value
    expect(assembleTokenBody(fields(), undefined, validated)).toEqual({ userid: 'u1', appid: 'a1', expiresIn: '1h', orgId: 'o1' })
  })
})
