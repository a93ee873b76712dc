/**
 * The persona store (issue 12): one file per persona in <workspace>/personas/,
 * with the setups' rules (workspace-store.ts): secrets dropped, unreadable
 * files listed and never overwritten, atomic renames, conflicts on stale saves,
 * delete with undo.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PersonaStore } from '../../../../src/main/personas/persona-store'
import { createSecretGuard } from '../../../../src/main/workspace/secret-guard'
import { makeTempDir } from '../../../support/temp-dir'

const SENTINEL = 'SENTINEL-persona-key-7Qx9'
const JWE = 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..aXZpdml2aXZpdg.Y2lwaGVydGV4dA.dGFndGFndGFn'
const europe = {
  formatVersion: 1,
  name: 'Europe only',
  description: 'Regional manager',
  token: { userid: 'europe-manager', permissions: [{ dataset_id: 'sales-orders', record_permissions: [{ security_name: 'region', validation_type: 'EQUAL', values: ['Europe'] }] }] }
}

const temps: Array<{ cleanup(): void }> = []
let stores: PersonaStore[] = []
function open(dir?: string, guardKeys: string[] = []): PersonaStore {
  const root = dir ?? (() => {
    const t = makeTempDir('qwb-personas-')
    temps.push(t)
    return t.dir
  })()
  const store = new PersonaStore({ dir: root, guard: createSecretGuard(() => guardKeys) })
  stores.push(store)
  return store
}
afterEach(async () => {
  await Promise.all(stores.map((s) => s.close()))
  stores = []
  for (const t of temps.splice(0)) t.cleanup()
})

describe('PersonaStore', () => {
  it('creates personas/ only on the first save, one pretty file per persona in canonical key order', async () => {
    const store = open()
    expect(existsSync(store.personasDir)).toBe(false)
    expect(store.list()).toEqual([])
    const saved = await store.save({ persona: europe })
    expect(saved.ok).toBe(true)
    if (!saved.ok) return
    expect(saved.value.summary).toMatchObject({ id: 'Europe only', file: 'personas/Europe only.json', name: 'Europe only', userid: 'europe-manager', datasets: ['sales-orders'] })
    const text = readFileSync(join(store.personasDir, 'Europe only.json'), 'utf8')
    expect(Object.keys(JSON.parse(text))).toEqual(['formatVersion', 'name', 'description', 'token'])
    expect(text.endsWith('}\n')).toBe(true)
    const got = store.get('Europe only')
    expect(got.ok && got.value.persona.token.permissions?.[0].record_permissions).toHaveLength(1)
  })

  it('drops an apiKey and a token value on save, and says so', async () => {
    const store = open()
    const saved = await store.save({ persona: { ...europe, token: { ...europe.token, extra: { apiKey: SENTINEL, orgId: 'acme', qvToken: JWE } } } })
    expect(saved.ok).toBe(true)
    if (!saved.ok) return
    expect(saved.value.dropped.map((d) => d.path).sort()).toEqual(['token.extra.apiKey', 'token.extra.qvToken'])
    const text = readFileSync(join(store.personasDir, 'Europe only.json'), 'utf8')
    expect(text).not.toContain(SENTINEL)
    expect(text).not.toContain(JWE)
    expect(JSON.parse(text).token.extra).toEqual({ orgId: 'acme' })
  })

  it('refuses to write a known key hidden where no field name gives it away', async () => {
    const store = open(undefined, [SENTINEL])
    const saved = await store.save({ persona: { ...europe, description: `ask ops: ${SENTINEL}` } })
    expect(saved).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/not saved: it contains an API key/) } })
    expect(existsSync(join(store.personasDir, 'Europe only.json'))).toBe(false)
  })

  it('reads a hand-edited file with a secret without it, lists the ignored field, and never rewrites it', () => {
    const t = makeTempDir('qwb-personas-')
    temps.push(t)
    mkdirSync(join(t.dir, 'personas'))
    const raw = JSON.stringify({ ...europe, token: { ...europe.token, extra: { api_key: SENTINEL } } }, null, 2)
    writeFileSync(join(t.dir, 'personas', 'hand.json'), raw)
    writeFileSync(join(t.dir, 'personas', 'broken.json'), '{ "formatVersion": 1, "name": ')
    const store = open(t.dir)
    const list = store.list()
    expect(list.find((p) => p.id === 'hand')).toMatchObject({ name: 'Europe only', ignoredSecrets: ['token.extra.api_key'] })
    expect(list.find((p) => p.id === 'broken')).toMatchObject({ name: 'broken', error: expect.stringMatching(/cut off|JSON/) })
    const got = store.get('hand')
    expect(got.ok && JSON.stringify(got.value.persona)).not.toContain(SENTINEL)
    expect(readFileSync(join(t.dir, 'personas', 'hand.json'), 'utf8')).toBe(raw)
  })

  it('refuses to overwrite an unreadable file and a name another persona has', async () => {
    const t = makeTempDir('qwb-personas-')
    temps.push(t)
    mkdirSync(join(t.dir, 'personas'))
    writeFileSync(join(t.dir, 'personas', 'broken.json'), 'not json')
    const store = open(t.dir)
    expect(await store.rename('broken', 'x')).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/never overwritten/) } })
    await store.save({ persona: europe })
    expect(await store.save({ persona: { ...europe, name: 'EUROPE  only' } })).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'name' } })
    expect(readFileSync(join(t.dir, 'personas', 'broken.json'), 'utf8')).toBe('not json')
  })

  it('renames the file with the name, duplicates, deletes and restores byte for byte', async () => {
    const store = open()
    await store.save({ persona: europe })
    const renamed = await store.rename('Europe only', 'EMEA: Europe')
    expect(renamed).toMatchObject({ ok: true, value: { previousId: 'Europe only', summary: { id: 'EMEA- Europe', name: 'EMEA: Europe' } } })
    expect(readdirSync(store.personasDir).filter((n) => n.endsWith('.json'))).toEqual(['EMEA- Europe.json'])
    const copy = await store.duplicate('EMEA- Europe')
    expect(copy.ok && copy.value.summary.name).toBe('Copy of EMEA: Europe')
    const before = readFileSync(join(store.personasDir, 'EMEA- Europe.json'), 'utf8')
    const deleted = await store.delete(['EMEA- Europe'])
    expect(deleted.ok).toBe(true)
    expect(existsSync(join(store.personasDir, 'EMEA- Europe.json'))).toBe(false)
    if (!deleted.ok) return
    const restored = await store.restore(deleted.value.undoToken)
    expect(restored.ok && restored.value.map((s) => s.name)).toEqual(['EMEA: Europe'])
    expect(readFileSync(join(store.personasDir, 'EMEA- Europe.json'), 'utf8')).toBe(before)
  })

  it('refuses a save made from an older revision than the file on disk (another workbench, git)', async () => {
    const store = open()
    const saved = await store.save({ persona: europe })
    if (!saved.ok) throw new Error(saved.error.message)
    const path = join(store.personasDir, 'Europe only.json')
    writeFileSync(path, readFileSync(path, 'utf8').replace('Regional manager', 'Edited in git'))
    const mine = await store.save({ id: 'Europe only', baseRevision: saved.value.summary.revision, persona: { ...europe, description: 'Mine' } })
    expect(mine).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(readFileSync(path, 'utf8')).toContain('Edited in git')
  })

  it('notices a persona added on disk and tells its listeners', async () => {
    const t = makeTempDir('qwb-personas-')
    temps.push(t)
    const store = new PersonaStore({ dir: t.dir, watchDebounceMs: 20 })
    stores.push(store)
    store.watch()
    const changed = new Promise<void>((resolve) => store.on('changed', resolve))
    mkdirSync(join(t.dir, 'personas'))
    writeFileSync(join(t.dir, 'personas', 'git.json'), JSON.stringify(europe))
    await changed
    // The folder appeared after watching began: the store watches it now too.
    await new Promise((r) => setTimeout(r, 50))
    expect(store.list().map((p) => p.name)).toContain('Europe only')
  })
  it('keeps watching a personas/ folder made after watching began: a later edit on disk is read too', async () => {
    const t = makeTempDir('qwb-personas-')
    temps.push(t)
    const store = new PersonaStore({ dir: t.dir, watchDebounceMs: 20 })
    stores.push(store)
    store.watch()
    const first = new Promise<void>((resolve) => {
      const stop = store.on('changed', () => (stop(), resolve()))
    })
    mkdirSync(join(t.dir, 'personas'))
    writeFileSync(join(t.dir, 'personas', 'git.json'), JSON.stringify(europe))
    await first
    await new Promise((r) => setTimeout(r, 50))
    const second = new Promise<void>((resolve) => store.on('changed', resolve))
    writeFileSync(join(t.dir, 'personas', 'git.json'), JSON.stringify({ ...europe, description: 'Edited in git' }))
    await second
    expect(store.list().find((p) => p.id === 'git')?.description).toBe('Edited in git')
  })

  it('lists a file larger than a persona may be with the reason, without reading it', () => {
    const t = makeTempDir('qwb-personas-')
    temps.push(t)
    mkdirSync(join(t.dir, 'personas'))
    writeFileSync(join(t.dir, 'personas', 'huge.json'), ' '.repeat(1024 * 1024 + 1))
    const store = open(t.dir)
    expect(store.list()).toMatchObject([{ id: 'huge', name: 'huge', error: expect.stringMatching(/a persona is at most 1 MB/) }])
  })
})
