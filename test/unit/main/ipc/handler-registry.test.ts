import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { createMainApp, type MainApp } from '../../../../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../../../../src/main/app/node-options'
import { HandlerRegistry } from '../../../../src/main/ipc/handler-registry'
import { allowOnlyOrigin } from '../../../../src/main/ipc/sender-policy'
import { IPC_REQUEST_SCHEMAS } from '../../../../src/shared/ipc-contract'
import { makeTempDir } from '../../../support/temp-dir'

const ORIGIN = 'app://workbench'
const trusted = { url: `${ORIGIN}/index.html`, isMainFrame: true }

let app: MainApp
const temp = makeTempDir()
beforeAll(async () => {
  app = await createMainApp(nodeMainAppOptions(temp.dir, { rendererOrigin: ORIGIN, version: '0.0.0-test' }))
})
afterAll(async () => {
  await app.close()
  temp.cleanup()
})

describe('HandlerRegistry', () => {
  it('registers a handler for every channel of the contract', () => {
    expect(app.registry.channels().sort()).toEqual(Object.keys(IPC_REQUEST_SCHEMAS).sort())
  })

  it.each([
    ['an iframe of the workbench', { url: `${ORIGIN}/index.html`, isMainFrame: false }],
    ['another origin', { url: 'http://127.0.0.1:5555/preview.html', isMainFrame: true }],
    ['a page with a look-alike origin', { url: 'app://workbench.evil/index.html', isMainFrame: true }],
    ['an unparseable URL', { url: 'not a url', isMainFrame: true }]
  ])('refuses calls from %s', async (_label, sender) => {
    const result = await app.registry.invoke('environments:list', undefined, sender)
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
  })

  it('refuses an unknown channel, including prototype names', async () => {
    for (const channel of ['shell:open', '__proto__', 'constructor', 42]) {
      expect(await app.registry.invoke(channel, {}, trusted)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
    }
  })

  it.each([
    ['a missing userid', { environmentId: 'sandbox', body: { appid: 'a' } }, 'body.userid', /userid is required/],
    ['a blank appid', { environmentId: 'sandbox', body: { userid: 'u', appid: '  ' } }, 'body.appid', /appid is required/],
    ['a bad expiresIn', { environmentId: 'sandbox', body: { userid: 'u', appid: 'a', expiresIn: '10 minutes' } }, 'body.expiresIn', /"10m"/],
    ['a bad permission operator', { environmentId: 'sandbox', body: { userid: 'u', appid: 'a', permissions: [{ dataset_id: '*', operator: 'XOR', record_permissions: [] }] } }, 'body.permissions.0.operator', /AND/],
    ['an unexpected top-level field', { environmentId: 'sandbox', body: { userid: 'u', appid: 'a' }, apiKey: 'x' }, undefined, /Unrecognized key/i],
    ['a too small timeout', { environmentId: 'sandbox', body: { userid: 'u', appid: 'a' }, timeoutMs: 5 }, 'timeoutMs', /at least 100 ms/],
    ['a string instead of an object', 'userid=u', undefined, /object/]
  ])('refuses a token request with %s, naming the field', async (_label, payload, field, message) => {
    const result = await app.registry.invoke('tokens:generate', payload, trusted)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('INVALID_INPUT')
    expect(result.error.message).toMatch(message)
    if (field) expect(result.error.field).toBe(field)
  })

  it('refuses an http:// domain for a non-loopback host with INVALID_URL, and saves nothing', async () => {
    const before = await app.registry.invoke('environments:list', undefined, trusted)
    const result = await app.registry.invoke('environments:create', { name: 'Plain', domain: 'http://acme.qrveyapp.com', apiKey: 'abcdefgh1234' }, trusted)
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_URL', field: 'domain' } })
    if (!result.ok) expect(result.error.message).toMatch(/https:\/\/acme.qrveyapp.com/)
    expect(await app.registry.invoke('environments:list', undefined, trusted)).toEqual(before)
  })

  it('turns a handler that throws into an INTERNAL result and logs it', async () => {
    const logged: string[] = []
    const registry = new HandlerRegistry(allowOnlyOrigin(ORIGIN), { log: (_l, event, fields) => logged.push(`${event} ${JSON.stringify(fields)}`) })
    registry.handle('app:info', () => {
      throw new Error('boom')
    })
    expect(await registry.invoke('app:info', undefined, trusted)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(logged.join('\n')).toContain('boom')
  })

  it('generates a sandbox token through the whole handler path, and logs without the key', async () => {
    const result = await app.registry.invoke('tokens:generate', { environmentId: 'sandbox', body: { userid: 'u1', appid: 'app1', expiresIn: '5m' } }, trusted)
    expect(result).toMatchObject({ ok: true, value: { status: 200 } })
    const log = readFileSync(app.logFile, 'utf8')
    expect(log).toContain('token.requested')
    expect(log).not.toContain(app.sandbox.apiKey)
  })

  it('reports a wrong domain in the token request as a network failure, not a crash', async () => {
    const created = await app.registry.invoke('environments:create', { name: 'Nowhere', domain: 'https://qrvey-workbench-test.invalid', apiKey: 'abcdefgh1234' }, trusted)
    expect(created.ok).toBe(true)
    if (!created.ok) return
    const id = (created.value as { activeId: string }).activeId
    const result = await app.registry.invoke('tokens:generate', { environmentId: id, body: { userid: 'u', appid: 'a' } }, trusted)
    expect(result).toMatchObject({ ok: false, error: { code: 'DNS_FAILURE' } })
  })
})

describe('HandlerRegistry validation messages', () => {
  it('names the exact field inside nested record permissions', async () => {
    const permissions = [{ dataset_id: '*', record_permissions: [{ security_name: 'region', validation_type: 'EQUALS', values: ['North'] }] }]
    const result = await app.registry.invoke('tokens:generate', { environmentId: 'sandbox', body: { userid: 'u', appid: 'a', permissions } }, trusted)
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'body.permissions.0.record_permissions.0.validation_type' } })
    if (!result.ok) expect(result.error.message).toMatch(/validation_type must be one of EQUAL/)
  })
})
