/**
 * Issue 7, point 2: a key is bound to the origin it was saved for. Through
 * the real composition (handler registry, vault on disk, workspace files)
 * and real loopback servers: after the domain moves, the key is not sent
 * to the new origin, however the move happened (the renderer's
 * environments:update, or environments.json edited in a shared workspace).
 * Link-local and cloud metadata addresses are refused; *.localhost is
 * answered with loopback without DNS.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createMainApp, type MainApp } from '../../../../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../../../../src/main/app/node-options'
import { respond, startServer, type RunningServer } from '../../../support/failure-servers'
import { makeTempDir } from '../../../support/temp-dir'

const ORIGIN = 'app://workbench'
const SENDER = { url: `${ORIGIN}/`, isMainFrame: true }
const KEY_A = 'key-for-server-A-0001'
const KEY_B = 'key-for-server-B-0002'
const FAKE_JWE = 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..aXY.Y2lwaGVy.dGFn'
const body = { userid: 'u1', appid: '59VShVtjM' }

interface EnvState {
  activeId: string
  environments: Array<{ id: string; domain: string; key: unknown }>
}
type Reply = { ok: boolean; value: EnvState; error?: { code: string; message: string; field?: string } }

let temp: ReturnType<typeof makeTempDir>
let app: MainApp
let a: RunningServer
let b: RunningServer
const invoke = (channel: string, payload?: unknown) => app.registry.invoke(channel, payload, SENDER) as Promise<Reply>

beforeEach(async () => {
  temp = makeTempDir('qwb-origin-')
  app = await createMainApp(nodeMainAppOptions(temp.dir, { rendererOrigin: ORIGIN }))
  a = await startServer(respond(200, JSON.stringify({ token: FAKE_JWE })))
  b = await startServer(respond(200, JSON.stringify({ token: FAKE_JWE })))
})
afterEach(async () => {
  await Promise.all([app.close(), a.close(), b.close()])
  temp.cleanup()
})

async function createAtA(): Promise<string> {
  const created = await invoke('environments:create', { name: 'Staging', domain: a.url, apiKey: KEY_A })
  expect(created.ok).toBe(true)
  return created.value.activeId
}

const keyOf = (state: Reply, id: string) => state.value.environments.find((e) => e.id === id)?.key

describe('a key is bound to the origin it was saved for', () => {
  it('environments:update to another origin drops the key: nothing is sent to the new server', async () => {
    const id = await createAtA()
    expect((await invoke('tokens:generate', { environmentId: id, body })).ok).toBe(true)
    expect(a.requests[0].headers['x-api-key']).toBe(KEY_A)

    // Another port is another origin, even on the same host.
    const moved = await invoke('environments:update', { id, domain: b.url })
    expect(moved.ok).toBe(true)
    expect(keyOf(moved, id)).toEqual({ set: false })
    const result = await invoke('tokens:generate', { environmentId: id, body })
    expect(result).toMatchObject({ ok: false, error: { code: 'NO_API_KEY' } })
    expect(b.requests, 'the old key never reached the new origin').toHaveLength(0)
    // And moving back does not bring it back: it was dropped, not hidden.
    const back = await invoke('environments:update', { id, domain: a.url })
    expect(keyOf(back, id)).toEqual({ set: false })
  })

  it('environments:update with the new key sends that key, and only it, to the new origin', async () => {
    const id = await createAtA()
    const moved = await invoke('environments:update', { id, domain: b.url, apiKey: KEY_B })
    expect(keyOf(moved, id)).toEqual({ set: true, last4: '0002' })
    expect((await invoke('tokens:generate', { environmentId: id, body })).ok).toBe(true)
    expect(b.requests.map((r) => r.headers['x-api-key'])).toEqual([KEY_B])
    expect(a.requests).toHaveLength(0)
  })

  it('keeps the key when only the name, the timeout or the spelling of the same origin changes', async () => {
    const id = await createAtA()
    const same = await invoke('environments:update', { id, name: 'Renamed', timeoutMs: 5000, domain: `${a.url}/` })
    expect(keyOf(same, id)).toEqual({ set: true, last4: '0001' })
    expect((await invoke('tokens:generate', { environmentId: id, body })).ok).toBe(true)
    expect(a.requests[0].headers['x-api-key']).toBe(KEY_A)
  })

  it('a domain changed in environments.json (a shared workspace) does not take the key along', async () => {
    const id = await createAtA()
    const file = join(temp.dir, 'workspace', 'environments.json')
    const text = readFileSync(file, 'utf8')
    expect(text).toContain(a.url)
    writeFileSync(file, text.split(a.url).join(b.url))
    await invoke('workspace:reload')

    const listed = await invoke('environments:list')
    const env = listed.value.environments.find((e) => e.id === id)
    expect(env?.domain).toBe(b.url)
    expect(env?.key).toEqual({ set: false, savedFor: a.url })
    const result = await invoke('tokens:generate', { environmentId: id, body })
    expect(result).toMatchObject({ ok: false, error: { code: 'KEY_ORIGIN_MISMATCH', field: 'domain' } })
    expect(result.error?.message).toContain(`saved for ${a.url}`)
    expect(b.requests, 'the key never reached the origin the file pointed at').toHaveLength(0)

    // Setting the key for the new domain is the way forward.
    await invoke('environments:set-key', { id, apiKey: KEY_B })
    expect((await invoke('tokens:generate', { environmentId: id, body })).ok).toBe(true)
    expect(b.requests.map((r) => r.headers['x-api-key'])).toEqual([KEY_B])
  })

  it('binds a key saved before keys were bound to the domain it is first used with', async () => {
    const id = await createAtA()
    app.environments.setKey(id, KEY_A) // re-saved bound; now overwrite as an old-format entry:
    ;(app.environments as unknown as { vault: { set(id: string, key: string): void } }).vault.set(id, KEY_A)
    expect((await invoke('tokens:generate', { environmentId: id, body })).ok).toBe(true)
    const file = join(temp.dir, 'workspace', 'environments.json')
    writeFileSync(file, readFileSync(file, 'utf8').split(a.url).join(b.url))
    await invoke('workspace:reload')
    expect(await invoke('tokens:generate', { environmentId: id, body })).toMatchObject({ ok: false, error: { code: 'KEY_ORIGIN_MISMATCH' } })
    expect(b.requests).toHaveLength(0)
  })
})

describe('addresses a key is never sent to', () => {
  it.each([
    ['https://169.254.169.254', 'link-local'],
    ['https://169.254.10.1:8443', 'link-local'],
    ['https://2852039166', 'link-local'],
    ['https://[fe80::1]', 'link-local'],
    ['https://[::ffff:169.254.169.254]', 'link-local'],
    ['https://[fd00:ec2::254]', 'metadata'],
    ['https://metadata.google.internal', 'metadata'],
    ['https://metadata.google.internal.', 'metadata'],
    ['https://100.100.100.200', 'metadata'],
    ['http://169.254.169.254', 'link-local'],
    ['https://0.0.0.0', 'not a routable']
  ])('refuses %s on create and on update, with a clear message', async (domain, words) => {
    const created = await invoke('environments:create', { name: 'Metadata', domain, apiKey: KEY_A })
    expect(created).toMatchObject({ ok: false, error: { code: 'INVALID_URL', field: 'domain' } })
    expect(created.error?.message).toContain(words)
    expect(created.error?.message).toContain('the API key is never sent there')
    const id = await createAtA()
    expect(await invoke('environments:update', { id, domain })).toMatchObject({ ok: false, error: { code: 'INVALID_URL' } })
  })

  it('answers *.localhost with loopback without DNS (the sandbox reached as http://qrvey.localhost:PORT)', async () => {
    const port = new URL(app.sandbox.url).port
    const created = await invoke('environments:create', { name: 'Sandbox by name', domain: `http://qrvey.localhost:${port}`, apiKey: app.sandbox.apiKey })
    expect(created.ok).toBe(true)
    const result = await invoke('tokens:generate', { environmentId: created.value.activeId, body })
    expect(result.ok, JSON.stringify(result.error)).toBe(true)
  })
})
