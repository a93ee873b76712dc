/**
 * Personas through the real composition's IPC (issue 12): export, share
 * text, import preview/apply, and the setups' secret rules on every path:
 * an apiKey or a full token (JWE) in a persona is dropped on the way in and
 * out, and the user is told. Real files in a temp data folder.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createMainApp, type MainApp } from '../../../../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../../../../src/main/app/node-options'
import { decodeShareText } from '../../../../src/shared/share-text'
import { makeTempDir, readAllFiles } from '../../../support/temp-dir'

const ORIGIN = 'app://workbench'
const SENDER = { url: `${ORIGIN}/index.html`, isMainFrame: true }
const SENTINEL = 'SENTINEL-persona-import-Zk31'
/** A compact JWE as Qrvey issues them (5 parts, JOSE header with alg). */
const JWE = 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIiwia2lkIjoiazEifQ..aXZpdml2aXZpdg.Y2lwaGVydGV4dGNpcGhlcg.dGFndGFndGFndGFn'

const europe = {
  formatVersion: 1,
  name: 'Europe only',
  token: { userid: 'europe-manager', permissions: [{ dataset_id: 'sales-orders', record_permissions: [{ security_name: 'region', values: ['Europe'] }] }] }
}

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function start(): Promise<{ app: MainApp; dir: string; call: <T = Record<string, unknown>>(channel: string, payload?: unknown) => Promise<T> }> {
  const temp = makeTempDir('qwb-persona-io-')
  const app = await createMainApp(nodeMainAppOptions(temp.dir, { rendererOrigin: ORIGIN, sandboxPort: 0 }))
  cleanups.push(() => temp.cleanup(), () => app.close())
  const call = async <T,>(channel: string, payload?: unknown): Promise<T> => {
    const result = (await app.registry.invoke(channel, payload, SENDER)) as { ok: boolean; value?: T; error?: { message: string } }
    if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`)
    return result.value as T
  }
  return { app, dir: temp.dir, call }
}

describe('persona export and import', () => {
  it('exports personas, imports them into a fresh workspace, and the persona comes back', async () => {
    const a = await start()
    await a.call('personas:save', { persona: europe })
    const exported = await a.call<{ text: string; fileName: string }>('personas:export', { ids: 'all' })
    expect(JSON.parse(exported.text)).toMatchObject({ format: 'qrvey-embed-workbench', setups: [], personas: [{ name: 'Europe only' }] })

    const b = await start()
    const preview = await b.call<{ importId: string; personas: { counts: { add: number } } }>('workspace:import-preview', { text: exported.text })
    expect(preview.personas.counts.add).toBe(1)
    const report = await b.call<{ writtenPersonas: string[] }>('workspace:import-apply', { importId: preview.importId })
    expect(report.writtenPersonas).toEqual(['Europe only'])
    const got = await b.call<{ persona: unknown }>('personas:get', { id: 'Europe only' })
    expect(got.persona).toEqual(europe)
  })

  it('drops an apiKey and a JWE found in an imported persona, says so, and writes neither', async () => {
    const { call, dir } = await start()
    const hostile = {
      format: 'qrvey-embed-workbench',
      formatVersion: 1,
      setups: [],
      personas: [{ ...europe, token: { ...europe.token, extra: { apiKey: SENTINEL, orgId: 'acme', sessionNote: JWE } } }]
    }
    const preview = await call<{ importId: string; notices: string[] }>('workspace:import-preview', { text: JSON.stringify(hostile) })
    expect(preview.notices).toEqual([
      'Dropped apiKey at personas[0].token.extra: secrets are never saved, imported or exported; keys live only in the key store.',
      'Dropped a token found in personas[0].token.extra.sessionNote: tokens are credentials and are never saved or shared.'
    ])
    await call('workspace:import-apply', { importId: preview.importId })
    const text = readFileSync(join(dir, 'workspace', 'personas', 'Europe only.json'), 'utf8')
    expect(JSON.parse(text).token.extra).toEqual({ orgId: 'acme' })
    for (const file of readAllFiles(dir)) {
      if (file.path.includes(`${join(dir, 'logs')}`)) continue
      expect(file.text, file.path).not.toContain(SENTINEL)
      expect(file.text, file.path).not.toContain(JWE)
    }
  })

  it('imports a single persona file (as found in a teammate\'s personas/ folder)', async () => {
    const { call } = await start()
    const preview = await call<{ importId: string; source: string; items: unknown[]; personas: { items: Array<{ name: string; action: string }> } }>('workspace:import-preview', { text: JSON.stringify(europe) })
    expect(preview.source).toBe('persona-file')
    expect(preview.items).toEqual([])
    expect(preview.personas.items).toEqual([{ name: 'Europe only', action: 'add' }])
  })

  it('a whole-workspace export carries every persona; a setup export carries the personas it names; share text too', async () => {
    const { call } = await start()
    await call('personas:save', { persona: europe })
    await call('personas:save', { persona: { formatVersion: 1, name: 'Unused', token: { userid: 'x' } } })
    const setup = await call<{ summary: { id: string } }>('workspace:save', {
      setup: { formatVersion: 1, name: 'Compare', environment: 'Offline sandbox', widget: 'page-view', personas: [{ persona: 'europe ONLY', expect: [{ kind: 'no-rows' }] }] }
    })
    const all = JSON.parse((await call<{ text: string }>('workspace:export', { ids: 'all' })).text)
    expect(all.personas.map((p: { name: string }) => p.name)).toEqual(['Europe only', 'Unused'])
    const one = JSON.parse((await call<{ text: string }>('workspace:export', { ids: [setup.summary.id] })).text)
    expect(one.personas.map((p: { name: string }) => p.name)).toEqual(['Europe only'])
    const share = await call<{ text: string }>('workspace:share-text', { id: setup.summary.id })
    const decoded = decodeShareText(share.text)
    expect(decoded.ok && decoded.document.personas?.map((p) => p.name)).toEqual(['Europe only'])
    const personaShare = decodeShareText((await call<{ text: string }>('personas:share-text', { id: 'Unused' })).text)
    expect(personaShare.ok && personaShare.document.personas?.map((p) => p.name)).toEqual(['Unused'])
  })

  it('replace / skip / keep-both work for personas as for setups; "unchanged" when identical', async () => {
    const { call } = await start()
    await call('personas:save', { persona: europe })
    const text = JSON.stringify({ format: 'qrvey-embed-workbench', formatVersion: 1, setups: [], personas: [{ ...europe, description: 'changed' }, europe] })
    await expect(call('workspace:import-preview', { text })).rejects.toThrow(/appears twice in this file/)
    const changed = JSON.stringify({ format: 'qrvey-embed-workbench', formatVersion: 1, setups: [], personas: [{ ...europe, description: 'changed' }] })
    const same = JSON.stringify({ format: 'qrvey-embed-workbench', formatVersion: 1, setups: [], personas: [europe] })
    expect((await call<{ personas: { items: unknown[] } }>('workspace:import-preview', { text: same })).personas.items).toEqual([{ name: 'Europe only', action: 'unchanged', existingId: 'Europe only' }])
    expect((await call<{ personas: { items: unknown[] } }>('workspace:import-preview', { text: changed, onConflict: 'skip' })).personas.items).toEqual([{ name: 'Europe only', action: 'skip', existingId: 'Europe only' }])
    const keep = await call<{ importId: string }>('workspace:import-preview', { text: changed, onConflict: 'keep-both' })
    await call('workspace:import-apply', { importId: keep.importId, onConflict: 'keep-both' })
    const names = (await call<Array<{ name: string }>>('personas:list')).map((p) => p.name)
    expect(names).toEqual(['Europe only', 'Europe only (imported)'])
  })

  it('a refused import changes no file (a persona from a newer workbench)', async () => {
    const { call, dir } = await start()
    const before = readdirSync(join(dir, 'workspace'))
    const text = JSON.stringify({ format: 'qrvey-embed-workbench', formatVersion: 1, setups: [], personas: [{ ...europe, formatVersion: 2 }] })
    await expect(call('workspace:import-preview', { text })).rejects.toThrow(/personas\[0\]\.formatVersion: formatVersion 2 was written by a newer version/)
    expect(readdirSync(join(dir, 'workspace'))).toEqual(before)
  })

  it('adds the demo personas once, keeping those already there', async () => {
    const { call } = await start()
    const first = await call<{ added: Array<{ name: string }>; kept: string[] }>('personas:add-demos')
    expect(first.added.map((a) => a.name)).toEqual(['All regions', 'Europe only', 'No permissions', 'Software line (Finance)'])
    const again = await call<{ added: unknown[]; kept: string[] }>('personas:add-demos')
    expect(again).toEqual({ added: [], kept: ['All regions', 'Europe only', 'No permissions', 'Software line (Finance)'] })
  })
})

describe('start-up with a damaged persona file', () => {
  it('starts, lists the file with its error, says so in the notices, and leaves the file as it was', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs')
    const temp = makeTempDir('qwb-persona-start-')
    cleanups.push(() => temp.cleanup())
    mkdirSync(join(temp.dir, 'workspace', 'personas'), { recursive: true })
    const path = join(temp.dir, 'workspace', 'personas', 'broken.json')
    writeFileSync(path, '{"formatVersion": 1, "name": "Half')
    const app = await createMainApp(nodeMainAppOptions(temp.dir, { rendererOrigin: ORIGIN, sandboxPort: 0 }))
    cleanups.push(() => app.close())
    expect(app.notices().some((n) => /1 persona file\(s\) in .* cannot be read \(personas\/broken\.json\)/.test(n))).toBe(true)
    const list = (await app.registry.invoke('personas:list', undefined, SENDER)) as { ok: true; value: Array<{ id: string; error?: string }> }
    expect(list.value).toEqual([expect.objectContaining({ id: 'broken', error: expect.stringMatching(/cut off/) })])
    expect(readFileSync(path, 'utf8')).toBe('{"formatVersion": 1, "name": "Half')
  })
})
