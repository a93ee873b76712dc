/**
 * Issue 7, point 6: a refused call changes nothing, and every failure is a
 * typed Result. Each refusal below runs through the real registry on a real
 * data folder; before and after, every file (but the log, which records the
 * refusal by design) is compared byte for byte.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MainApp } from '../../../../src/main/app/create-main-app'
import { makeTempDir } from '../../../support/temp-dir'
import { alphaSetup, call, listFiles, seedDataDir, startApp, trusted } from '../startup/seeded-app'

let temp: { dir: string; cleanup(): void }
let app: MainApp
let acmeId: string
let alpha: { id: string; revision: string }

beforeEach(async () => {
  temp = makeTempDir('qwb-refused-')
  await seedDataDir(temp.dir)
  app = await startApp(temp.dir)
  acmeId = (await call<{ environments: Array<{ id: string; name: string }> }>(app, 'environments:list')).environments.find((e) => e.name === 'Acme')!.id
  const summary = (await call<{ setups: Array<{ id: string; revision: string }> }>(app, 'workspace:info')).setups[0]
  alpha = { id: summary.id, revision: summary.revision }
}, 60_000)
afterEach(async () => {
  await app.close()
  temp.cleanup()
})

/** Every file of the data folder (workspace included) but the log, with a hash of its bytes. */
function snapshot(): Record<string, string> {
  return Object.fromEntries(
    listFiles(temp.dir)
      .filter((f) => !f.startsWith('logs/'))
      .map((f) => [f, createHash('sha256').update(readFileSync(join(temp.dir, f))).digest('hex')])
  )
}

function nested(depth: number): unknown {
  let value: unknown = { security_name: 'region', validation_type: 'EQUAL', values: ['North'] }
  for (let i = 0; i < depth; i++) value = { operator: 'AND', filters: [value] }
  return value
}

/** A compact JWS (header {"alg":"HS256"}): what the secret guard refuses to write anywhere. */
const JWS = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXZhbHVl'

const REFUSALS: Array<{ what: string; channel: string; payload: () => unknown; code: string; sender?: { url: string; isMainFrame: boolean } }> = [
  { what: 'create with a name already taken (and a key)', channel: 'environments:create', payload: () => ({ name: 'acme', domain: 'https://other.example.com', apiKey: 'orphan-key-0000-1111' }), code: 'CONFLICT' },
  { what: 'create whose name is a token (refused by the secret guard after validation)', channel: 'environments:create', payload: () => ({ name: JWS, domain: 'https://other.example.com', apiKey: 'orphan-key-2222-3333' }), code: 'INVALID_INPUT' },
  { what: 'update of an unknown environment', channel: 'environments:update', payload: () => ({ id: 'nope', name: 'X' }), code: 'NOT_FOUND' },
  { what: 'rename to a token', channel: 'environments:update', payload: () => ({ id: acmeId, name: JWS }), code: 'INVALID_INPUT' },
  { what: 'delete the sandbox', channel: 'environments:delete', payload: () => ({ id: 'sandbox' }), code: 'INVALID_INPUT' },
  { what: 'key for an unknown environment', channel: 'environments:set-key', payload: () => ({ id: 'nope', apiKey: 'orphan-key-4444-5555' }), code: 'NOT_FOUND' },
  { what: 'token request to an unknown environment', channel: 'tokens:generate', payload: () => ({ environmentId: 'nope', body: { userid: 'u', appid: 'a' } }), code: 'NOT_FOUND' },
  { what: 'preview run of an unknown environment', channel: 'history:record-preview', payload: () => ({ environmentId: 'nope', widgetId: 'page-view', status: 'success', timings: {} }), code: 'NOT_FOUND' },
  { what: 'permissions nested 1,000 deep (token request)', channel: 'tokens:generate', payload: () => ({ environmentId: 'sandbox', body: { userid: 'u', appid: 'a', permissions: [nested(1000)] } }), code: 'INVALID_INPUT' },
  { what: 'permissions nested 1,000 deep (setup save)', channel: 'workspace:save', payload: () => ({ setup: { ...alphaSetup, name: 'Deep', token: { userid: 'u', appid: 'a', permissions: [nested(1000)] } } }), code: 'INVALID_INPUT' },
  { what: 'setup that is not valid', channel: 'workspace:save', payload: () => ({ setup: { ...alphaSetup, name: 'Bad', widget: 5 } }), code: 'INVALID_INPUT' },
  { what: 'new setup with a name taken', channel: 'workspace:save', payload: () => ({ setup: { ...alphaSetup, token: { userid: 'other', appid: 'a' } } }), code: 'CONFLICT' },
  { what: 'save from a stale revision', channel: 'workspace:save', payload: () => ({ id: alpha.id, baseRevision: '0000000000000000', setup: { ...alphaSetup, token: { userid: 'lost?', appid: 'a' } } }), code: 'CONFLICT' },
  { what: 'rename of an unknown setup', channel: 'workspace:rename', payload: () => ({ id: 'nope', name: 'X' }), code: 'NOT_FOUND' },
  { what: 'delete of an unknown setup', channel: 'workspace:delete', payload: () => ({ ids: [alpha.id, 'nope'] }), code: 'NOT_FOUND' },
  { what: 'settings: the workspace path (only the folder dialog may change it)', channel: 'settings:update', payload: () => ({ workspace: { path: '/etc' } }), code: 'INVALID_INPUT' },
  { what: 'settings: a setup id of 10,000 characters', channel: 'settings:update', payload: () => ({ lastSetupId: 'x'.repeat(10_000) }), code: 'INVALID_INPUT' },
  { what: 'an unknown channel', channel: 'fs:write', payload: () => ({ path: '/tmp/x' }), code: 'UNKNOWN_CHANNEL' },
  { what: 'a sender that is not the workbench', channel: 'environments:delete', payload: () => ({ id: acmeId }), code: 'FORBIDDEN_SENDER', sender: { url: 'http://127.0.0.1:1/evil', isMainFrame: false } }
]

describe('refused calls change nothing', () => {
  it.each(REFUSALS)('$what: a typed $code Result, every file byte-identical', async ({ channel, payload, code, sender }) => {
    const before = snapshot()
    const historyBefore = app.history.size
    const result = await app.registry.invoke(channel, payload(), sender ?? trusted)
    expect(result).toMatchObject({ ok: false, error: { code, message: expect.any(String) } })
    expect(snapshot()).toEqual(before)
    expect(app.history.size).toBe(historyBefore)
    // Nothing changed in memory either: the same environments, keys and setups.
    const state = await call<{ environments: Array<{ name: string; key: { set: boolean } }> }>(app, 'environments:list')
    expect(state.environments.map((e) => [e.name, e.key.set])).toEqual([
      ['Offline sandbox', true],
      ['Acme', true]
    ])
    expect((await call<{ setups: Array<{ revision: string }> }>(app, 'workspace:info')).setups.map((s) => s.revision)).toEqual([alpha.revision])
  })

  it('a deeply nested payload is refused with a message that says so (not a RangeError)', async () => {
    const result = await app.registry.invoke('tokens:generate', { environmentId: 'sandbox', body: { userid: 'u', appid: 'a', permissions: [nested(1000)] } }, trusted)
    expect(result).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/nested more than 64 levels/) } })
  })
})
