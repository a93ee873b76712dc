/**
 * The personas part of the fake WorkbenchApi (issue 12): an in-memory
 * personas/ folder, parsed and serialized with the shared persona code, so
 * names, secrets and key order behave as in main. Every method is a vi.fn.
 */
import { vi } from 'vitest'
import type { Result } from '@shared/result'
import { buildExport, serializeExport } from '@shared/export-format'
import { encodeShareText } from '@shared/share-text'
import { parsePersonaValue, serializePersona, type Persona } from '@shared/personas/persona'
import type { PersonaSummary } from '@shared/personas/persona-workspace'
import { setupNameKey } from '@shared/setup'
import type { DemoPersonaView } from '@shared/personas/persona-workspace'

/** Two demo personas shaped as the sandbox ships them (src/sandbox/data/demo-personas.ts). */
const regionRule = (values: string[]) => [{ dataset_id: 'sales-orders', operator: 'AND' as const, record_permissions: [{ security_name: 'region', validation_type: 'EQUAL' as const, values }] }]
export const FAKE_DEMO_PERSONAS: DemoPersonaView[] = [
  { id: 'europe-only', description: 'Only Europe.', persona: { formatVersion: 1, name: 'Europe only', token: { userid: 'europe-manager', permissions: regionRule(['Europe']) } } },
  { id: 'no-permissions', description: 'Nothing granted.', persona: { formatVersion: 1, name: 'No permissions', token: { userid: 'new-user' } } }
]
const demoPersonas = () => structuredClone(FAKE_DEMO_PERSONAS)

const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value: structuredClone(value) })
const fail = (code: 'NOT_FOUND' | 'CONFLICT' | 'INVALID_INPUT', message: string, field?: string) =>
  Promise.resolve({ ok: false as const, error: { code, message, ...(field ? { field } : {}) } })

export function createFakePersonas() {
  const files = new Map<string, Persona>()
  const deleted = new Map<string, Array<[string, Persona]>>()
  let undoCounter = 0
  const stem = (name: string) => name.replace(/[<>:"/\\|?*]/g, '-').trim()
  const summary = (id: string): PersonaSummary => {
    const p = files.get(id) as Persona
    const datasets = [...new Set((p.token.permissions ?? []).flatMap((d) => (typeof d.dataset_id === 'string' ? [d.dataset_id] : d.dataset_id)))]
    return { id, file: `personas/${id}.json`, name: p.name, userid: p.token.userid, datasets, modifiedAt: '2024-01-02T00:00:00.000Z', revision: serializePersona(p).length.toString(16), ...(p.description ? { description: p.description } : {}) }
  }
  const list = () => [...files.keys()].sort((a, b) => a.localeCompare(b)).map(summary)
  const taken = (name: string, except?: string) => [...files.entries()].some(([id, p]) => id !== except && setupNameKey(p.name) === setupNameKey(name))
  const write = (id: string | undefined, raw: Record<string, unknown>) => {
    const parsed = parsePersonaValue({ formatVersion: 1, ...raw })
    if (!parsed.ok) return fail('INVALID_INPUT', parsed.message, parsed.issues[0]?.path)
    if (id !== undefined && !files.has(id)) return fail('NOT_FOUND', 'That persona no longer exists.')
    if (taken(parsed.persona.name, id)) return fail('CONFLICT', `A persona named "${parsed.persona.name}" already exists; choose another name.`, 'name')
    const target = stem(parsed.persona.name)
    if (id !== undefined && id !== target) files.delete(id)
    files.set(target, parsed.persona)
    return ok({ summary: summary(target), dropped: parsed.dropped, ...(id !== undefined && id !== target ? { previousId: id } : {}) })
  }
  const api = {
    list: vi.fn(() => ok(list())),
    get: vi.fn(({ id }: { id: string }) => (files.has(id) ? ok({ summary: summary(id), persona: files.get(id) as Persona }) : fail('NOT_FOUND', 'That persona no longer exists.'))),
    save: vi.fn(({ id, persona }: { id?: string; persona: Record<string, unknown> }) => write(id, persona)),
    rename: vi.fn(({ id, name }: { id: string; name: string }) => (files.has(id) ? write(id, { ...(files.get(id) as Persona), name }) : fail('NOT_FOUND', 'That persona no longer exists.'))),
    duplicate: vi.fn(({ id }: { id: string }) => {
      const p = files.get(id)
      if (!p) return fail('NOT_FOUND', 'That persona no longer exists.')
      let name = `Copy of ${p.name}`
      for (let n = 2; taken(name); n++) name = `Copy of ${p.name} (${n})`
      return write(undefined, { ...p, name })
    }),
    remove: vi.fn(({ ids }: { ids: string[] }) => {
      if (ids.some((id) => !files.has(id))) return fail('NOT_FOUND', 'That persona no longer exists.')
      const token = `undo-${++undoCounter}`
      deleted.set(token, ids.map((id) => [id, files.get(id) as Persona]))
      for (const id of ids) files.delete(id)
      return ok({ undoToken: token, deleted: ids })
    }),
    restore: vi.fn(({ undoToken }: { undoToken: string }) => {
      const items = deleted.get(undoToken)
      if (!items) return fail('NOT_FOUND', 'There is nothing to undo.')
      for (const [id, p] of items) files.set(id, p)
      deleted.delete(undoToken)
      return ok(items.map(([id]) => summary(id)))
    }),
    exportPersonas: vi.fn(({ ids }: { ids: string[] | 'all' }) => {
      const chosen = ids === 'all' ? [...files.values()] : ids.map((id) => files.get(id)).filter((p): p is Persona => !!p)
      const { document, dropped } = buildExport({ setups: [], personas: chosen, environments: [], exportedAt: new Date('2024-01-02T00:00:00Z') })
      return ok({ text: serializeExport(document), fileName: 'workbench-personas-2024-01-02.json', dropped, skipped: [] })
    }),
    shareText: vi.fn(({ id }: { id: string }) => {
      const p = files.get(id)
      if (!p) return fail('NOT_FOUND', 'That persona no longer exists.')
      return ok({ text: encodeShareText(buildExport({ setups: [], personas: [p], environments: [], exportedAt: new Date() }).document) })
    }),
    demos: vi.fn(() => ok(demoPersonas())),
    addDemos: vi.fn(async () => {
      const added: PersonaSummary[] = []
      const kept: string[] = []
      for (const d of demoPersonas()) {
        if (taken(d.persona.name)) kept.push(d.persona.name)
        else {
          const r = await write(undefined, { ...d.persona })
          if (r.ok) added.push(r.value.summary)
        }
      }
      return ok({ added, kept })
    })
  }
  return {
    api,
    files,
    /** Test helper: a persona file as if it were on disk. */
    seed(persona: Persona): string {
      const id = stem(persona.name)
      files.set(id, persona)
      return id
    }
  }
}
