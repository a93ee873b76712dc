/**
 * Setups into the workspace from an export: what importing would do
 * (preview), and doing it all or nothing (apply).
 */
import type { ExportDocument, ParsedImport } from '../../shared/export-format'
import { fail, ok, type Result } from '../../shared/result'
import { sanitizeSecrets } from '../../shared/secret-fields'
import { serializeSetup, setupNameKey, type Setup } from '../../shared/setup'
import { diffSetups } from '../../shared/setup-diff'
import type { ImportPreview, ImportPreviewItem, ImportReport, MissingEnvironment } from '../../shared/workspace'
import { fileStemFor, stemKey } from './file-names'
import { allocateId } from '../json-folder/folder-context'
import { writeAllOrNothing, type PlannedWrite } from '../json-folder/write-plan'
import type { SetupEntry, StoreContext } from './setup-kind'
import { findEnvironmentConflicts, withRenamedEnvironments, type ImportOptions } from './import-environments'

export type { ImportOptions } from './import-environments'

/**
 * What importing `document` would do: each setup added, replacing the one
 * with the same name, unchanged (identical), skipped or saved under
 * another name (per `onConflict`), and the environments it names that
 * `existingEnvironments` lacks.
 */
export async function previewImport(ctx: StoreContext, parsed: ParsedImport | ExportDocument, options: ImportOptions): Promise<ImportPreview> {
  const pause = ctx.slicer()
  const original = 'document' in parsed ? parsed.document : parsed
  const document = withRenamedEnvironments(original, options.renameEnvironments)
  const notices = 'document' in parsed ? parsed.notices : []
  const onConflict = options.onConflict ?? 'replace'
  const byName = new Map<string, SetupEntry>()
  for (const entry of [...ctx.index.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (entry.nameKey && !byName.has(entry.nameKey)) byName.set(entry.nameKey, entry)
  }
  const reserved = new Set<string>()
  const itemOf = (setup: Setup): ImportPreviewItem => {
    const base = { name: setup.name, environment: setup.environment, widget: setup.widget }
    const existing = byName.get(setupNameKey(setup.name))
    if (!existing || !existing.parsed.ok) return { ...base, action: 'add' as const }
    if (serializeSetup(existing.parsed.value) === serializeSetup(setup)) return { ...base, action: 'unchanged' as const, existingId: existing.id }
    // What replacing would change, field by field (issue 11), shown whatever the policy.
    const changes = diffSetups(existing.parsed.value, setup)
    if (onConflict === 'skip') return { ...base, action: 'skip' as const, existingId: existing.id, changes }
    if (onConflict === 'keep-both') {
      const savedAs = ctx.index.freeName(`${setup.name} (imported)`, (key) => reserved.has(key), byName)
      reserved.add(setupNameKey(savedAs))
      return { ...base, action: 'rename' as const, savedAs, existingId: existing.id, changes }
    }
    return { ...base, action: 'replace' as const, existingId: existing.id, changes }
  }
  // A slice at a time: comparing thousands of setups must not stall the event loop (issue 7).
  const items: ImportPreviewItem[] = []
  for (const setup of document.setups) {
    items.push(itemOf(setup))
    await pause()
  }
  const counts = { add: 0, replace: 0, unchanged: 0, skip: 0, rename: 0 }
  for (const item of items) counts[item.action]++
  const environmentConflicts = findEnvironmentConflicts(original, options)
  return {
    items,
    counts,
    missingEnvironments: missingEnvironments(document, options.existingEnvironments),
    ...(environmentConflicts.length > 0 ? { environmentConflicts } : {}),
    notices
  }
}

/**
 * Writes what `previewImport` (computed again now, with the same options)
 * says. All files are written to temp files first, then renamed into
 * place; if anything fails, files already replaced are put back. The
 * caller creates the missing environments (asking for their keys).
 */
export async function applyImport(ctx: StoreContext, parsed: ParsedImport | ExportDocument, options: ImportOptions): Promise<Result<ImportReport>> {
  const preview = await previewImport(ctx, parsed, options)
  const document = withRenamedEnvironments('document' in parsed ? parsed.document : parsed, options.renameEnvironments)
  const pause = ctx.slicer()
  const plan: PlannedWrite[] = []
  const taken = new Set<string>()
  const stems = ctx.index.stemKeys()
  for (const [i, item] of preview.items.entries()) {
    if (item.action === 'unchanged' || item.action === 'skip') continue
    const clean = sanitizeSecrets(document.setups[i]).value
    const setup: Setup = item.action === 'rename' ? { ...clean, name: item.savedAs as string } : clean
    const text = serializeSetup(setup)
    const leak = ctx.guard.check(text)
    if (leak) return fail('INVALID_INPUT', `setups[${i}] was not imported: ${leak}.`, { field: `setups[${i}]` })
    await pause()
    if (item.action === 'replace') {
      plan.push({ id: item.existingId as string, text, previous: (ctx.index.get(item.existingId as string) as SetupEntry).raw })
    } else {
      const id = allocateId(ctx, fileStemFor(setup.name), (key) => taken.has(key), stems)
      taken.add(stemKey(id))
      plan.push({ id, text })
    }
  }
  const written = await writeAllOrNothing(ctx, plan)
  if (!written.ok) return written
  const now = ctx.clock().toISOString()
  for (const step of plan) {
    ctx.index.put(step.id, step.text, now)
    await pause()
  }
  return ok({ ...preview, written: plan.map((s) => s.id) })
}

function missingEnvironments(document: ExportDocument, existing: readonly string[]): MissingEnvironment[] {
  const have = new Set(existing.map(setupNameKey))
  const missing = new Map<string, MissingEnvironment>()
  const carried = new Map(document.environments.map((e) => [setupNameKey(e.name), e]))
  const add = (name: string, usedBy?: string) => {
    const key = setupNameKey(name)
    if (!key || have.has(key)) return
    let item = missing.get(key)
    if (!item) {
      const env = carried.get(key)
      item = { name: env?.name ?? name, usedBy: [] }
      if (env) {
        item.domain = env.domain
        if (env.timeoutMs !== undefined) item.timeoutMs = env.timeoutMs
      }
      missing.set(key, item)
    }
    if (usedBy !== undefined) item.usedBy.push(usedBy)
  }
  for (const setup of document.setups) add(setup.environment, setup.name)
  for (const env of document.environments) add(env.name)
  return [...missing.values()]
}
