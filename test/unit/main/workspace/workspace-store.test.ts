import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { WorkspaceStore } from '../../../../src/main/workspace/workspace-store'
import { createSecretGuard } from '../../../../src/main/workspace/secret-guard'
import { serializeSetup, setupSchema } from '../../../../src/shared/setup'
import { openWorkspace, setupInput, snapshot, tempDir, value } from './helpers'

const SENTINEL = 'SENTINEL-workspace-5e1d-3390'

describe('WorkspaceStore on real files', () => {
  it('saves one pretty-printed file per setup and reads it back after a restart', async () => {
    const dir = tempDir()
    const store = await openWorkspace({ dir })
    const saved = value(await store.save({ setup: setupInput('Acme staging - page view') }))
    expect(saved.summary).toMatchObject({ id: 'Acme staging - page view', file: 'setups/Acme staging - page view.json', name: 'Acme staging - page view', environment: 'Acme staging', widget: 'page-view', userid: 'izfZIkc' })
    const text = readFileSync(join(dir, 'setups', 'Acme staging - page view.json'), 'utf8')
    expect(text).toBe(serializeSetup(setupSchema.parse(setupInput('Acme staging - page view'))))
    expect(text).toMatch(/^\{\n {2}"formatVersion": 1,\n {2}"name": /)

    const again = await WorkspaceStore.open({ dir })
    expect(again.list().map((s) => s.name)).toEqual(['Acme staging - page view'])
    expect(value(again.get(saved.summary.id)).setup).toEqual(setupSchema.parse(setupInput('Acme staging - page view')))
    await again.close()
  })

  it('writes byte-identical files when the same setup is saved twice, and changes one line for one field', async () => {
    const dir = tempDir()
    const store = await openWorkspace({ dir })
    const { id } = value(await store.save({ setup: setupInput('Stable') })).summary
    const path = join(dir, 'setups', `${id}.json`)
    const first = readFileSync(path, 'utf8')
    value(await store.save({ id, setup: setupInput('Stable') }))
    expect(readFileSync(path, 'utf8')).toBe(first)
    value(await store.save({ id, setup: setupInput('Stable', { widgetFields: { dashboardId: 'dash-2' } }) }))
    const second = readFileSync(path, 'utf8').split('\n')
    const changed = first.split('\n').filter((line, i) => line !== second[i])
    expect(changed).toEqual(['    "dashboardId": "dash-1"'])
    expect(second).toHaveLength(first.split('\n').length)
  })

  it('refuses a second setup with the same name, ignoring case, and keeps the first', async () => {
    const dir = tempDir()
    const store = await openWorkspace({ dir })
    value(await store.save({ setup: setupInput('Acme') }))
    const before = snapshot(dir)
    const clash = await store.save({ setup: setupInput('  ACME ', { environment: 'Other' }) })
    expect(clash).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'name', message: expect.stringContaining('A setup named "ACME" already exists') } })
    expect(snapshot(dir)).toEqual(before)
  })

  it('lists and flags two files that carry the same name (edited outside the app)', async () => {
    const dir = tempDir()
    const text = serializeSetup(setupSchema.parse(setupInput('Twin')))
    writeFileSync(join(dir, 'one.json'), '')
    await openWorkspace({ dir }).then((s) => s.close())
    writeFileSync(join(dir, 'setups', 'Twin.json'), text)
    writeFileSync(join(dir, 'setups', 'Twin copy.json'), text)
    const store = await openWorkspace({ dir })
    const list = store.list()
    expect(list.map((s) => [s.id, s.name, s.duplicateName])).toEqual([
      ['Twin', 'Twin', true],
      ['Twin copy', 'Twin', true]
    ])
    // Both stay usable by id; saving either under the shared name is refused until one is renamed.
    expect(await store.save({ id: 'Twin copy', setup: setupInput('Twin') })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    value(await store.rename('Twin copy', 'Twin B'))
    expect(store.list().map((s) => [s.id, s.duplicateName])).toEqual([
      ['Twin', undefined],
      ['Twin B', undefined]
    ])
  })

  it('stores names that are not valid file names, and gets them back intact', async () => {
    const dir = tempDir()
    const store = await openWorkspace({ dir })
    const names = ['a/b', 'a:b', 'CON', 'nul', '..', '.', 'emoji 🚀', 'x'.repeat(300), 'tab\tand\nnewline', 'what?*<>|"\\', 'trailing. ']
    const ids: string[] = []
    for (const name of names) ids.push(value(await store.save({ setup: setupInput(name) })).summary.id)
    expect(ids).toEqual(['a-b', 'a-b (2)', 'CON_', 'nul_', 'setup', expect.any(String), 'emoji 🚀', 'x'.repeat(120), 'tab and newline', 'what-------', 'trailing'])
    expect(ids[5]).toBe('setup (2)')
    const files = readdirSync(join(dir, 'setups')).sort()
    expect(files).toHaveLength(names.length)
    for (const file of files) {
      expect(file).not.toMatch(/[<>:"/\\|?*\u0000-\u001f]/)
      expect(file).not.toMatch(/^\.|[. ]\.json$/)
      expect(Buffer.byteLength(file)).toBeLessThan(255)
    }
    const reopened = await openWorkspace({ dir })
    expect(reopened.list().map((s) => s.name).sort()).toEqual(names.map((n) => n.trim()).sort())
  })

  it('gives two names that map to the same file name two files', async () => {
    const dir = tempDir()
    const store = await openWorkspace({ dir })
    const a = value(await store.save({ setup: setupInput('Acme: prod') })).summary
    const b = value(await store.save({ setup: setupInput('Acme/ prod') })).summary
    expect([a.id, b.id]).toEqual(['Acme- prod', 'Acme- prod (2)'])
    expect(value(store.get(a.id)).setup.name).toBe('Acme: prod')
    expect(value(store.get(b.id)).setup.name).toBe('Acme/ prod')
  })

  it('lists a malformed file with its parse error, leaves it untouched and never overwrites it', async () => {
    const dir = tempDir()
    const first = await openWorkspace({ dir })
    value(await first.save({ setup: setupInput('Good') }))
    const broken = '{\n  "formatVersion": 1,\n  "name": "Broken",\n  "token": {"userid": '
    writeFileSync(join(dir, 'setups', 'Broken.json'), broken)
    writeFileSync(join(dir, 'setups', 'Wrong type.json'), JSON.stringify({ formatVersion: 1, name: 'Wrong type', qrvey86OrNewer: 'yes' }))
    const store = await openWorkspace({ dir })
    const list = store.list()
    expect(list.map((s) => s.name)).toEqual(['Broken', 'Good', 'Wrong type'])
    expect(list[0].error).toMatch(/^Not valid JSON: .*truncated/)
    expect(list[2]).toMatchObject({ error: 'qrvey86OrNewer: qrvey86OrNewer must be true or false', issues: [{ path: 'qrvey86OrNewer' }] })
    expect(store.get('Broken')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })

    // Saving a setup named like the broken file goes to another file.
    const saved = value(await store.save({ setup: setupInput('Broken') })).summary
    expect(saved.id).toBe('Broken (2)')
    expect(await store.save({ id: 'Broken', setup: setupInput('Other') })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await store.rename('Broken', 'Fixed')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(readFileSync(join(dir, 'setups', 'Broken.json'), 'utf8')).toBe(broken)
  })

  it('renames (the file follows the name), duplicates, and searches', async () => {
    const store = await openWorkspace()
    const a = value(await store.save({ setup: setupInput('Acme prod', { environment: 'Acme prod', token: { userid: 'alice', appid: 'app-1' } }) })).summary
    value(await store.save({ setup: setupInput('Globex staging', { environment: 'Globex', widget: 'analytic-suite', token: { userid: 'bob', appid: 'app-2', clientid: 'bob@globex.example' } }) }))
    const renamed = value(await store.rename(a.id, 'Acme production'))
    expect(renamed).toMatchObject({ previousId: 'Acme prod', summary: { id: 'Acme production', name: 'Acme production' } })
    expect(store.get('Acme prod')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })

    const copy = value(await store.duplicate('Acme production')).summary
    expect(copy).toMatchObject({ id: 'Copy of Acme production', name: 'Copy of Acme production', userid: 'alice' })
    expect(value(await store.duplicate('Acme production')).summary.name).toBe('Copy of Acme production (2)')

    expect(store.search('acme').map((s) => s.name)).toEqual(['Acme production', 'Copy of Acme production', 'Copy of Acme production (2)'])
    expect(store.search('globex.example').map((s) => s.name)).toEqual(['Globex staging'])
    expect(store.search('analytic').map((s) => s.name)).toEqual(['Globex staging'])
    expect(store.search('BOB app-2').map((s) => s.name)).toEqual(['Globex staging'])
    expect(store.search('alice globex')).toEqual([])
    expect(store.search('copy', 1)).toHaveLength(1)
  })

  it('deletes with undo: the file comes back byte for byte', async () => {
    const dir = tempDir()
    const store = await openWorkspace({ dir })
    const { id } = value(await store.save({ setup: setupInput('Doomed') })).summary
    value(await store.save({ setup: setupInput('Kept') }))
    const before = snapshot(dir)
    const deleted = value(await store.delete(id))
    expect(deleted.deleted).toEqual([id])
    expect(existsSync(join(dir, 'setups', `${id}.json`))).toBe(false)
    expect(store.list().map((s) => s.name)).toEqual(['Kept'])
    const restored = value(await store.restore(deleted.undoToken))
    expect(restored.map((s) => s.name)).toEqual(['Doomed'])
    expect(snapshot(dir)).toEqual(before)
    expect(await store.restore(deleted.undoToken)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('restores under another name when the name was reused meanwhile, and deletes several at once', async () => {
    const store = await openWorkspace()
    value(await store.save({ setup: setupInput('A') }))
    value(await store.save({ setup: setupInput('B') }))
    const token = value(await store.delete(['A', 'B'])).undoToken
    value(await store.save({ setup: setupInput('A', { environment: 'New' }) }))
    const restored = value(await store.restore(token))
    expect(restored.map((s) => [s.id, s.name])).toEqual([
      ['A (2)', 'A (restored)'],
      ['B', 'B']
    ])
    expect(value(store.get('A')).setup.environment).toBe('New')
  })

  it('drops secrets before writing and refuses a known key anywhere in the setup', async () => {
    const dir = tempDir()
    const store = await openWorkspace({ dir, guard: createSecretGuard(() => [SENTINEL]) })
    const saved = value(await store.save({ setup: setupInput('With key', { token: { userid: 'u', appid: 'a', extra: { apiKey: SENTINEL, orgId: 'o' } } }) }))
    expect(saved.dropped).toEqual([{ path: 'token.extra.apiKey', reason: 'secret-field' }])
    const refused = await store.save({ setup: setupInput('In notes', { notes: `key is ${SENTINEL}` }) })
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('API key (ending in 3390)') } })
    expect(JSON.stringify(refused)).not.toContain(SENTINEL)
    for (const text of Object.values(snapshot(dir))) expect(text).not.toContain(SENTINEL)
  })

  it('reads a hand-edited file that carries an apiKey without it, flags it, and does not rewrite it', async () => {
    const dir = tempDir()
    await openWorkspace({ dir })
    const raw = JSON.stringify({ formatVersion: 1, name: 'Leaky', token: { userid: 'u', appid: 'a', extra: { api_key: SENTINEL } } }, null, 2)
    writeFileSync(join(dir, 'setups', 'Leaky.json'), raw)
    const store = await openWorkspace({ dir })
    expect(store.list()[0]).toMatchObject({ name: 'Leaky', ignoredSecrets: ['token.extra.api_key'] })
    expect(JSON.stringify(value(store.get('Leaky')))).not.toContain(SENTINEL)
    expect(readFileSync(join(dir, 'setups', 'Leaky.json'), 'utf8')).toBe(raw)
  })

  it('refuses a setup with a field of the wrong type, naming it', async () => {
    const store = await openWorkspace()
    const result = await store.save({ setup: { ...setupInput('Bad'), timeoutMs: 'soon' as never } })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'timeoutMs' } })
  })

  it('does not overwrite a file changed on disk since it was read', async () => {
    const dir = tempDir()
    const store = await openWorkspace({ dir })
    const { id } = value(await store.save({ setup: setupInput('Raced') })).summary
    const path = join(dir, 'setups', `${id}.json`)
    const external = serializeSetup(setupSchema.parse(setupInput('Raced', { environment: 'From git' })))
    writeFileSync(path, external)
    const result = await store.save({ id, setup: setupInput('Raced', { environment: 'From the app' }) })
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('changed on disk') } })
    expect(readFileSync(path, 'utf8')).toBe(external)
    expect(value(store.get(id)).setup.environment).toBe('From git')
    value(await store.save({ id, setup: setupInput('Raced', { environment: 'From the app' }) }))
  })

  it('serialises concurrent saves: two saves of one new name give one file and one conflict', async () => {
    const dir = tempDir()
    const store = await openWorkspace({ dir })
    const results = await Promise.all([store.save({ setup: setupInput('Same') }), store.save({ setup: setupInput('same') })])
    expect(results.map((r) => r.ok)).toEqual([true, false])
    expect(readdirSync(join(dir, 'setups'))).toEqual(['Same.json'])
  })
})
