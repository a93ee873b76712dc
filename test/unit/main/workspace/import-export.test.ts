import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseImportInput } from '../../../../src/main/workspace/import-file'
import { PendingImports } from '../../../../src/main/workspace/pending-imports'
import { importApplyRequestSchema, importPreviewRequestSchema, saveSetupRequestSchema } from '../../../../src/shared/workspace'
import { exportableEnvironments } from '../../../../src/main/workspace/workspace-store'
import { createSecretGuard } from '../../../../src/main/workspace/secret-guard'
import type { EnvironmentRecord } from '../../../../src/shared/environment'
import type { ImportRefusal, ParsedImport } from '../../../../src/shared/export-format'
import { openWorkspace, setupInput, snapshot, tempDir, value } from './helpers'

const SENTINEL = 'SENTINEL-import-8b3e-1204'
const records: EnvironmentRecord[] = [
  { id: 'sandbox', name: 'Offline sandbox', kind: 'sandbox', domain: '', timeoutMs: 15000, createdAt: '2025-01-01T00:00:00.000Z' },
  { id: 'e1', name: 'Acme staging', kind: 'remote', domain: 'https://acme-staging.qrveyapp.com', timeoutMs: 20000, createdAt: '2025-01-01T00:00:00.000Z' }
]
const environments = exportableEnvironments(records)

function parsed(result: ParsedImport | ImportRefusal): ParsedImport {
  if (!result.ok) throw new Error(`refused: ${result.message}`)
  return result
}

async function exported(names: string[], overrides: Record<string, object> = {}) {
  const source = await openWorkspace()
  for (const name of names) value(await source.save({ setup: setupInput(name, overrides[name] ?? {}) }))
  return value(source.exportSetups('all', environments)).text
}

describe('export', () => {
  it('exports one setup with its environment (never the sandbox, never a key), or the whole workspace', async () => {
    const store = await openWorkspace({ guard: createSecretGuard(() => [SENTINEL]) })
    value(await store.save({ setup: setupInput('A') }))
    value(await store.save({ setup: setupInput('B', { environment: 'Offline sandbox' }) }))
    const one = value(store.exportSetups(['A'], environments))
    expect(one.fileName).toBe('A.export.json')
    expect(JSON.parse(one.text)).toMatchObject({ format: 'qrvey-embed-workbench', formatVersion: 1, exportedAt: '2025-02-03T04:05:06.000Z', setups: [{ name: 'A' }], environments: [{ name: 'Acme staging', domain: 'https://acme-staging.qrveyapp.com', timeoutMs: 20000 }] })
    const sandboxOnly = value(store.exportSetups(['B'], environments))
    expect(JSON.parse(sandboxOnly.text).environments).toEqual([])
    const all = value(store.exportSetups('all', environments))
    expect(all.fileName).toBe('workbench-export-2025-02-03.json')
    expect(JSON.parse(all.text).setups.map((s: { name: string }) => s.name)).toEqual(['A', 'B'])
    expect(all.text).not.toContain(SENTINEL)
  })

  it('skips unreadable files in a whole-workspace export and says which', async () => {
    const dir = tempDir()
    const store = await openWorkspace({ dir })
    value(await store.save({ setup: setupInput('Fine') }))
    writeFileSync(join(dir, 'setups', 'Broken.json'), '{')
    await store.load()
    const all = value(store.exportSetups('all', environments))
    expect(all.skipped).toEqual(['Broken'])
    expect(store.exportSetups(['Broken'], environments)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })
})

describe('import preview and apply', () => {
  it('previews added, replaced and unchanged setups and missing environments, then applies exactly that', async () => {
    const text = await exported(['Same', 'Changed', 'New one', 'Elsewhere'], { 'Changed': { environment: 'Acme staging', widgetFields: { dashboardId: 'NEW' } }, 'Elsewhere': { environment: 'Globex prod' } })
    const dir = tempDir()
    const store = await openWorkspace({ dir })
    value(await store.save({ setup: setupInput('Same') }))
    value(await store.save({ setup: setupInput('changed') }))
    const doc = parsed(parseImportInput(text))

    const preview = await store.previewImport(doc, { existingEnvironments: ['Offline sandbox'] })
    expect(preview.items.map((i) => [i.name, i.action, i.existingId])).toEqual([
      ['Changed', 'replace', 'changed'],
      ['Elsewhere', 'add', undefined],
      ['New one', 'add', undefined],
      ['Same', 'unchanged', 'Same']
    ])
    expect(preview.counts).toEqual({ add: 2, replace: 1, unchanged: 1, skip: 0, rename: 0 })
    expect(preview.missingEnvironments).toEqual([
      { name: 'Acme staging', domain: 'https://acme-staging.qrveyapp.com', timeoutMs: 20000, usedBy: ['Changed', 'New one', 'Same'] },
      { name: 'Globex prod', usedBy: ['Elsewhere'] }
    ])

    const sameBefore = snapshot(dir)['setups/Same.json']
    const report = value(await store.applyImport(doc, { existingEnvironments: ['Offline sandbox', 'Acme staging'] }))
    expect(report.written.sort()).toEqual(['Elsewhere', 'New one', 'changed'])
    expect(report.missingEnvironments.map((m) => m.name)).toEqual(['Globex prod'])
    expect(store.list().map((s) => s.name)).toEqual(['Changed', 'Elsewhere', 'New one', 'Same'])
    expect(value(store.get('changed')).setup.widgetFields).toEqual({ dashboardId: 'NEW' })
    expect(snapshot(dir)['setups/Same.json']).toBe(sameBefore)
  })

  it('skips or keeps both on conflict, as asked', async () => {
    const text = await exported(['Clash'], { Clash: { environment: 'Imported env' } })
    const store = await openWorkspace()
    value(await store.save({ setup: setupInput('Clash') }))
    const doc = parsed(parseImportInput(text))
    expect((await store.previewImport(doc, { existingEnvironments: [], onConflict: 'skip' })).items[0].action).toBe('skip')
    const report = value(await store.applyImport(doc, { existingEnvironments: [], onConflict: 'keep-both' }))
    expect(report.items[0]).toMatchObject({ action: 'rename', savedAs: 'Clash (imported)' })
    expect(store.list().map((s) => [s.name, s.environment])).toEqual([
      ['Clash', 'Acme staging'],
      ['Clash (imported)', 'Imported env']
    ])
  })

  it('stages a parsed import between preview and apply (the renderer only holds an id)', async () => {
    const text = await exported(['Staged'])
    const request = importPreviewRequestSchema.parse({ text, onConflict: 'skip' })
    const pending = new PendingImports(2)
    const id = pending.stage(parsed(parseImportInput(request.text)))
    const store = await openWorkspace()
    const apply = importApplyRequestSchema.parse({ importId: id })
    value(await store.applyImport(pending.get(apply.importId)!, { existingEnvironments: [] }))
    expect(store.list().map((s) => s.name)).toEqual(['Staged'])
    pending.forget(id)
    expect(pending.get(id)).toBeUndefined()
    const ids = [1, 2, 3].map(() => pending.stage(parsed(parseImportInput(text))))
    expect(ids.map((i) => !!pending.get(i))).toEqual([false, true, true])
    expect(saveSetupRequestSchema.safeParse({ setup: 'x' }).success).toBe(false)
  })

  it('imports share text the same way', async () => {
    const source = await openWorkspace()
    value(await source.save({ setup: setupInput('From ticket', { environment: 'Globex prod' }) }))
    const share = value(source.shareText('From ticket', [{ name: 'Globex prod', domain: 'https://globex.qrveyapp.com', timeoutMs: 15000 }]))
    expect(share).toMatch(/^qwb1\./)
    const target = await openWorkspace()
    const doc = parsed(parseImportInput(`Customer setup:\n${share}`.split(':\n')[1]))
    const preview = await target.previewImport(doc, { existingEnvironments: [] })
    expect(preview.missingEnvironments).toEqual([{ name: 'Globex prod', domain: 'https://globex.qrveyapp.com', timeoutMs: 15000, usedBy: ['From ticket'] }])
    value(await target.applyImport(doc, { existingEnvironments: [] }))
    expect(value(target.get('From ticket')).setup.environment).toBe('Globex prod')
  })
})

describe('refused imports change nothing', () => {
  async function workspaceWithContent() {
    const dir = tempDir()
    const store = await openWorkspace({ dir })
    value(await store.save({ setup: setupInput('Existing') }))
    store.environmentsStore().set('environments', records)
    return { dir, store, before: snapshot(dir) }
  }

  const importFile = async (text: string) => parseImportInput(text)

  it('refuses a file that is not JSON', async () => {
    const { dir, before } = await workspaceWithContent()
    expect(await importFile('PK\u0003\u0004 this is a zip')).toMatchObject({ ok: false, message: expect.stringMatching(/not a workbench export\. Not valid JSON/) })
    expect(snapshot(dir)).toEqual(before)
  })

  it('refuses a wrong format version, naming the field', async () => {
    const { dir, before } = await workspaceWithContent()
    const doc = JSON.parse(await exported(['X']))
    expect(await importFile(JSON.stringify({ ...doc, formatVersion: 99 }))).toMatchObject({ ok: false, field: 'formatVersion' })
    expect(snapshot(dir)).toEqual(before)
  })

  it('refuses a field of the wrong type, naming the field', async () => {
    const { dir, before } = await workspaceWithContent()
    const doc = JSON.parse(await exported(['X', 'Y']))
    doc.setups[1].qrvey86OrNewer = 'yes'
    expect(await importFile(JSON.stringify(doc))).toMatchObject({ ok: false, field: 'setups[1].qrvey86OrNewer', message: 'setups[1].qrvey86OrNewer: qrvey86OrNewer must be true or false' })
    expect(snapshot(dir)).toEqual(before)
  })

  it('drops an apiKey-like field and says so; the key reaches no file', async () => {
    const { dir, store } = await workspaceWithContent()
    const doc = JSON.parse(await exported(['Carrier']))
    doc.environments[0].apiKey = SENTINEL
    doc.setups[0].token.extra = { 'x-api-key': SENTINEL, orgId: 'acme' }
    const result = parsed(await importFile(JSON.stringify(doc)))
    expect(result.notices).toEqual([
      expect.stringMatching(/^Dropped x-api-key at setups\[0\]\.token\.extra/),
      expect.stringMatching(/^Dropped apiKey at environments\[0\]/)
    ])
    const preview = await store.previewImport(result, { existingEnvironments: ['Offline sandbox'] })
    expect(preview.notices).toHaveLength(2)
    value(await store.applyImport(result, { existingEnvironments: ['Offline sandbox'] }))
    for (const text of Object.values(snapshot(dir))) expect(text).not.toContain(SENTINEL)
  })
})
