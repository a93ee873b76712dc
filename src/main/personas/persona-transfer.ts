/**
 * Personas in and out of the workspace (issue 12), with the setups' rules
 * (workspace-store.ts): an export is the workbench's export format carrying
 * `personas` (export-format.ts), secrets are removed on the way out and on
 * the way in (and said so), and the guard refuses any text that still holds
 * a known key or a full token. An import says per persona what it will do
 * (add, replace the one with the same name, unchanged, skip, save under
 * another name) and applies all of it or nothing.
 */
import { buildExport, serializeExport, type ExportDocument } from '../../shared/export-format'
import { fail, ok, type Result } from '../../shared/result'
import { sanitizeSecrets, type DroppedSecret } from '../../shared/secret-fields'
import { serializePersona, type Persona } from '../../shared/personas/persona'
import { setupNameKey } from '../../shared/setup'
import { encodeShareText } from '../../shared/share-text'
import type { ImportConflictPolicy, ImportCounts, PersonaImportItem } from '../../shared/workspace'
import type { AddDemoPersonasResult, PersonaSummary } from '../../shared/personas/persona-workspace'
import { allocateId } from '../json-folder/folder-context'
import { putBack, writeAllOrNothing, type PlannedWrite } from '../json-folder/write-plan'
import { fileStemFor, stemKey } from '../workspace/file-names'
import type { PersonaStore } from './persona-store'

export interface ExportedPersonas {
  text: string
  document: ExportDocument
  fileName: string
  dropped: DroppedSecret[]
  skipped: string[]
}

/** An export file holding these personas (no setups, no environments). */
export function exportPersonas(store: PersonaStore, ids: readonly string[] | 'all', now: Date): Result<ExportedPersonas> {
  const chosen = store.readable(ids)
  if (!chosen.ok) return chosen
  const { personas, skipped } = chosen.value
  if (personas.length === 0) return fail('NOT_FOUND', 'There are no personas to export: create one first (Personas > New).')
  const { document, dropped } = buildExport({ setups: [], personas, environments: [], exportedAt: now })
  const text = serializeExport(document)
  const leak = store.folder.ctx.guard.check(text)
  if (leak) return fail('INVALID_INPUT', `The export was not made: ${leak}.`)
  const fileName = ids !== 'all' && personas.length === 1 ? `${fileStemFor(personas[0].name)}.persona-export.json` : `workbench-personas-${now.toISOString().slice(0, 10)}.json`
  return ok({ text, document, fileName, dropped, skipped })
}

/** "Copy as shareable text" for one persona (qwb1.… as for setups, see share-text.ts). */
export function personaShareText(store: PersonaStore, id: string, now: Date): Result<string> {
  const exported = exportPersonas(store, [id], now)
  if (!exported.ok) return exported
  const text = encodeShareText(exported.value.document)
  const leak = store.folder.ctx.guard.check(text)
  return leak ? fail('INVALID_INPUT', `The share text was not made: ${leak}.`) : ok(text)
}

/** The personas setups name (`personas[].persona`), that exist in the store: what a setup export carries along. */
export function personasNamedBy(store: PersonaStore, names: readonly string[]): Persona[] {
  const seen = new Set<string>()
  const out: Persona[] = []
  for (const name of names) {
    const key = setupNameKey(name)
    if (seen.has(key)) continue
    seen.add(key)
    const found = store.entryNamed(name)
    if (found) out.push(found.persona)
  }
  return out
}

function countsOf(items: readonly PersonaImportItem[]): ImportCounts {
  const counts = { add: 0, replace: 0, unchanged: 0, skip: 0, rename: 0 }
  for (const item of items) counts[item.action]++
  return counts
}

/** What importing these personas would do, per `onConflict` (default replace, as for setups). */
export function previewPersonaImport(store: PersonaStore, personas: readonly Persona[], onConflict: ImportConflictPolicy = 'replace'): { items: PersonaImportItem[]; counts: ImportCounts } {
  const reserved = new Set<string>()
  const items = personas.map((persona): PersonaImportItem => {
    const existing = store.entryNamed(persona.name)
    if (!existing) return { name: persona.name, action: 'add' }
    if (serializePersona(existing.persona) === serializePersona(persona)) return { name: persona.name, action: 'unchanged', existingId: existing.id }
    if (onConflict === 'skip') return { name: persona.name, action: 'skip', existingId: existing.id }
    if (onConflict === 'keep-both') {
      const savedAs = store.folder.index.freeName(`${persona.name} (imported)`, (key) => reserved.has(key))
      reserved.add(setupNameKey(savedAs))
      return { name: persona.name, action: 'rename', savedAs, existingId: existing.id }
    }
    return { name: persona.name, action: 'replace', existingId: existing.id }
  })
  return { items, counts: countsOf(items) }
}

export interface AppliedPersonas {
  items: PersonaImportItem[]
  counts: ImportCounts
  written: string[]
  /** Puts every file back as it was before (when the setups of the same import fail). */
  undo(): Promise<void>
}

/**
 * Writes what previewPersonaImport (computed again now) says: temp files
 * first, then renamed into place; on any failure the files already replaced
 * are put back and nothing changed.
 */
export function applyPersonaImport(store: PersonaStore, personas: readonly Persona[], onConflict?: ImportConflictPolicy): Promise<Result<AppliedPersonas>> {
  const { folder } = store
  return folder.serial(async () => {
    const preview = previewPersonaImport(store, personas, onConflict)
    const plan: PlannedWrite[] = []
    const taken = new Set<string>()
    for (const [i, item] of preview.items.entries()) {
      if (item.action === 'unchanged' || item.action === 'skip') continue
      const clean = sanitizeSecrets(personas[i]).value
      const persona: Persona = item.action === 'rename' ? { ...clean, name: item.savedAs as string } : clean
      const text = serializePersona(persona)
      const leak = folder.ctx.guard.check(text)
      if (leak) return fail('INVALID_INPUT', `personas[${i}] was not imported: ${leak}.`, { field: `personas[${i}]` })
      if (item.action === 'replace') {
        plan.push({ id: item.existingId as string, text, previous: store.entryNamed(personas[i].name)?.raw })
      } else {
        const id = allocateId(folder.ctx, fileStemFor(persona.name), (key) => taken.has(key))
        taken.add(stemKey(id))
        plan.push({ id, text })
      }
    }
    const written = await writeAllOrNothing(folder.ctx, plan)
    if (!written.ok) return written
    const now = folder.ctx.clock().toISOString()
    for (const step of plan) folder.index.put(step.id, step.text, now)
    return ok({
      ...preview,
      written: plan.map((s) => s.id),
      undo: () =>
        folder.serial(async () => {
          await putBack(folder.ctx, plan)
          for (const step of plan) {
            if (step.previous !== undefined) folder.index.put(step.id, step.previous, folder.ctx.clock().toISOString())
            else folder.index.delete(step.id)
          }
        })
    })
  })
}

/** Saves the sandbox's demo personas whose names are free; the others are left as they are. */
export async function addDemoPersonas(store: PersonaStore, demos: readonly Persona[]): Promise<Result<AddDemoPersonasResult>> {
  const added: PersonaSummary[] = []
  const kept: string[] = []
  for (const persona of demos) {
    if (store.entryNamed(persona.name)) {
      kept.push(persona.name)
      continue
    }
    const saved = await store.save({ persona: { ...persona } })
    if (!saved.ok) return saved
    added.push(saved.value.summary)
  }
  return ok({ added, kept })
}
