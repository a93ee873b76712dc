/**
 * Issue 11: an import that replaces a setup shows what changes, field by
 * field; an environment with the same name and another domain is not
 * silently ignored: the preview names it, and "import as <name> (2)"
 * makes the imported setups use the file's environment under that name.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseImportInput } from '../../../../src/main/workspace/import-file'
import type { ImportRefusal, ParsedImport } from '../../../../src/shared/export-format'
import { openWorkspace, setupInput, tempDir, value } from './helpers'

function parsed(result: ParsedImport | ImportRefusal): ParsedImport {
  if (!result.ok) throw new Error(`refused: ${result.message}`)
  return result
}

const fileText = (setups: object[], environments: object[]) => JSON.stringify({ format: 'qrvey-embed-workbench', formatVersion: 1, setups, environments })
const here = { existingEnvironments: ['Offline sandbox', 'Acme staging'], existingDomains: new Map([['Offline sandbox', ''], ['Acme staging', 'https://acme-staging.qrveyapp.com']]) }

describe('import diff', () => {
  it('lists each changed field, before and after, for a setup it replaces (and for skip / keep both)', async () => {
    const store = await openWorkspace()
    value(await store.save({ setup: setupInput('Ticket 42') }))
    const doc = parsed(parseImportInput(fileText([setupInput('Ticket 42', { widget: 'single-panel', token: { userid: 'other-user', appid: '59VShVtjM', clientid: 'sampleuser@example.com' }, widgetFields: { dashboardId: 'dash-1', chartId: 'c9' } })], [])))
    const preview = await store.previewImport(doc, here)
    expect(preview.items[0].action).toBe('replace')
    expect(preview.items[0].changes).toEqual([
      { field: 'widget', before: 'page-view', after: 'single-panel' },
      { field: 'token.userid', before: 'izfZIkc', after: 'other-user' },
      { field: 'token.expiresIn', before: '1h', after: '—' },
      { field: 'widgetFields.chartId', before: '—', after: 'c9' }
    ])
    expect((await store.previewImport(doc, { ...here, onConflict: 'skip' })).items[0].changes).toHaveLength(4)
    expect((await store.previewImport(doc, { ...here, onConflict: 'keep-both' })).items[0].changes).toHaveLength(4)
    // Identical: no diff.
    const same = parsed(parseImportInput(fileText([setupInput('Ticket 42')], [])))
    const unchanged = (await store.previewImport(same, here)).items[0]
    expect(unchanged.action).toBe('unchanged')
    expect(unchanged.changes).toBeUndefined()
  })
})

describe('environment with the same name and another domain', () => {
  const text = fileText([setupInput('From the field', { environment: 'Acme staging' })], [{ name: 'Acme staging', domain: 'https://acme-eu.qrveyapp.com', timeoutMs: 20000 }])

  it('is named in the preview with both domains and a free name to import it as', async () => {
    const store = await openWorkspace()
    const preview = await store.previewImport(parsed(parseImportInput(text)), here)
    expect(preview.environmentConflicts).toEqual([
      { name: 'Acme staging', domain: 'https://acme-eu.qrveyapp.com', existingDomain: 'https://acme-staging.qrveyapp.com', usedBy: ['From the field'], suggestedName: 'Acme staging (2)' }
    ])
    // Keep mine (the default): the setup keeps using the environment here.
    expect(preview.items[0].environment).toBe('Acme staging')
    expect(preview.missingEnvironments).toEqual([])
  })

  it('the same domain (other case or a trailing slash) is no conflict', async () => {
    const store = await openWorkspace()
    const same = fileText([setupInput('X')], [{ name: 'Acme staging', domain: 'https://ACME-staging.qrveyapp.com/' }])
    expect((await store.previewImport(parsed(parseImportInput(same)), here)).environmentConflicts).toBeUndefined()
  })

  it('"import as" renames it in the file: the setup uses the new name, which is offered to create with the file\'s domain', async () => {
    const dir = tempDir()
    const store = await openWorkspace({ dir })
    const doc = parsed(parseImportInput(text))
    const options = { ...here, renameEnvironments: { 'Acme staging': 'Acme staging (2)' } }
    const preview = await store.previewImport(doc, options)
    expect(preview.environmentConflicts?.[0].renamedTo).toBe('Acme staging (2)')
    expect(preview.items[0].environment).toBe('Acme staging (2)')
    expect(preview.missingEnvironments).toEqual([{ name: 'Acme staging (2)', domain: 'https://acme-eu.qrveyapp.com', timeoutMs: 20000, usedBy: ['From the field'] }])
    const report = value(await store.applyImport(doc, options))
    expect(report.written).toHaveLength(1)
    expect(JSON.parse(readFileSync(join(dir, 'setups', `${report.written[0]}.json`), 'utf8')).environment).toBe('Acme staging (2)')
  })
})
