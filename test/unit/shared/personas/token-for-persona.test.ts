import { describe, expect, it } from 'vitest'
import { personaSchema, type PersonaInput } from '../../../../src/shared/personas/persona'
import { findPersonaByName, personaTokenBody, tokenForPersona } from '../../../../src/shared/personas/token-for-persona'
import { setupSchema, type SetupInput } from '../../../../src/shared/setup'
import { tokenBodySchema } from '../../../../src/shared/token-request'

const EUROPE = [{ dataset_id: 'sales-orders', record_permissions: [{ security_name: 'region', values: ['Europe'] }] }]

function setup(token: Partial<SetupInput['token']> = {}) {
  return setupSchema.parse({
    formatVersion: 1,
    name: 'Sales overview',
    environment: 'Offline sandbox',
    widget: 'page-view',
    token: {
      userid: 'setup-user',
      appid: '59VShVtjM',
      clientid: 'setup-client',
      expiresIn: '1h',
      permissions: [{ dataset_id: '*', record_permissions: [{ security_name: 'region', values: ['*'] }] }],
      extra: { dashboardId: 'overview', asset_permissions: { pages: { page_ids: ['overview'] } }, roles: ['Finance'], orgId: 'acme' },
      ...token
    }
  })
}

function persona(token: PersonaInput['token'] = {}) {
  return personaSchema.parse({ formatVersion: 1, name: 'Europe only', token })
}

describe('tokenForPersona', () => {
  it("puts the persona's user and security over the setup's, keeps the setup's app, lifetime and config keys", () => {
    const body = tokenForPersona(setup(), persona({ userid: 'eu-manager', clientid: 'eu@acme', permissions: EUROPE, roles: 'Sales', extra: { orgId: 'acme-eu' } }))
    expect(body).toEqual({
      userid: 'eu-manager',
      appid: '59VShVtjM',
      clientid: 'eu@acme',
      expiresIn: '1h',
      version: '2',
      permissions: EUROPE,
      roles: 'Sales',
      dashboardId: 'overview',
      orgId: 'acme-eu'
    })
    expect(Object.keys(body)).toEqual(['userid', 'appid', 'clientid', 'expiresIn', 'version', 'permissions', 'roles', 'dashboardId', 'orgId'])
    // What the token form's own validation accepts: the body is sendable as it is.
    expect(tokenBodySchema.safeParse(body).success).toBe(true)
  })

  it("a persona without permissions gets a token without permissions, not the setup's (and no version)", () => {
    const body = tokenForPersona(setup(), persona({ userid: 'nobody' }))
    expect(body).not.toHaveProperty('permissions')
    expect(body).not.toHaveProperty('version')
    // Neither the setup's asset_permissions nor roles (kept in its extra) leak into the persona's token.
    expect(body).not.toHaveProperty('asset_permissions')
    expect(body).not.toHaveProperty('roles')
    expect(body.dashboardId).toBe('overview')
  })

  it("an empty persona userid / clientid falls back to the setup's", () => {
    const body = tokenForPersona(setup(), persona({ userid: '  ', permissions: [] }))
    expect(body.userid).toBe('setup-user')
    expect(body.clientid).toBe('setup-client')
    // An empty permissions list is still permissions: version 2, and the token grants nothing.
    expect(body.version).toBe('2')
    expect(body.permissions).toEqual([])
  })

  it('asset_permissions come from the persona only', () => {
    const assets = { pages: { page_ids: ['products'] } }
    const body = tokenForPersona(setup(), persona({ userid: 'x', asset_permissions: assets }))
    expect(body.asset_permissions).toEqual(assets)
  })

  it('no clientid and no expiresIn anywhere: left out', () => {
    const body = tokenForPersona(setup({ clientid: undefined, expiresIn: undefined, extra: undefined, permissions: undefined }), persona({ userid: 'u' }))
    expect(body).toEqual({ userid: 'u', appid: '59VShVtjM' })
  })

  it('works over any base body (the token form as it stands)', () => {
    const body = personaTokenBody({ userid: 'form', appid: 'app', version: '2', permissions: EUROPE, assetPermissions: {}, qrveyid: 'q1' }, persona({ userid: 'p' }).token)
    expect(body).toEqual({ userid: 'p', appid: 'app', qrveyid: 'q1' })
  })

  it('a "__proto__" extra key stays data', () => {
    const token = persona({ userid: 'p' }).token
    const extra = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>
    const body = personaTokenBody({ userid: 'a', appid: 'b' }, { ...token, extra })
    expect(Object.hasOwn(body, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('findPersonaByName', () => {
  it('matches like setup names: case, width and spaces do not matter', () => {
    const list = [{ name: 'All regions' }, { name: 'Europe only' }]
    expect(findPersonaByName(list, '  europe   ONLY ')).toBe(list[1])
    expect(findPersonaByName(list, 'Asia')).toBeUndefined()
  })
})
