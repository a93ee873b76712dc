/**
 * The workspace, history and settings parts of the fake WorkbenchApi: an
 * in-memory folder of setups (parsed and serialized with the shared code,
 * so names, secrets and key order behave as in main), a history list and
 * the settings. Every method is a vi.fn, so tests can inspect calls or make
 * one fail with mockResolvedValueOnce.
 */
import { vi } from 'vitest'
import { WORKSPACE_STATE_ROWS, type WorkspaceState } from '@shared/ipc-contract'
import type { HistoryEntry } from '@shared/history'
import type { Result } from '@shared/result'
import { buildExport, parseImportText, serializeExport, type ParsedImport } from '@shared/export-format'
import { decodeShareText, encodeShareText, isShareText } from '@shared/share-text'
import { parseSetupValue, serializeSetup, setupNameKey, type Setup, type SetupInput } from '@shared/setup'
import { DEFAULT_SETTINGS, type Settings, type SettingsReport } from '@shared/settings'
import type { ImportConflictPolicy, ImportPreviewItem, SetupSummary, StagedImportPreview } from '@shared/workspace'

export const WORKSPACE_PATH = '/home/test/workbench/workspace'

const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value: structuredClone(value) })
const fail = (code: 'NOT_FOUND' | 'CONFLICT' | 'INVALID_INPUT' | 'UNSUPPORTED', message: string, extra: { field?: string; detail?: string } = {}) =>
  Promise.resolve({ ok: false as const, error: { code, message, ...extra } })

interface FileEntry {
  id: string
  setup?: Setup
  error?: string
  modifiedAt: string
}

function stem(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'setup'
  )
}

export function createFakeWorkspace() {
  const files = new Map<string, FileEntry>()
  const undo = new Map<string, FileEntry[]>()
  const staged = new Map<string, ParsedImport>()
  let history: HistoryEntry[] = []
  let settings: Settings = structuredClone(DEFAULT_SETTINGS)
  let report: SettingsReport = { resetFields: [] }
  let clock = Date.parse('2024-03-01T10:00:00.000Z')
  let counter = 0
  const now = () => new Date((clock += 1000)).toISOString()

  function summaryOf(entry: FileEntry): SetupSummary {
    if (!entry.setup) {
      return {
        id: entry.id,
        file: `setups/${entry.id}.json`,
        name: `${entry.id}.json`,
        environment: '',
        widget: '',
        userid: '',
        appid: '',
        modifiedAt: entry.modifiedAt,
        revision: `rev-${entry.modifiedAt}`,
        error: entry.error,
        issues: [{ path: '', message: entry.error ?? '' }]
      }
    }
    const s = entry.setup
    const same = [...files.values()].filter((e) => e.setup && setupNameKey(e.setup.name) === setupNameKey(s.name)).length
    return {
      id: entry.id,
      file: `setups/${entry.id}.json`,
      name: s.name,
      environment: s.environment,
      widget: s.widget,
      userid: s.token.userid,
      appid: s.token.appid,
      ...(s.token.clientid ? { clientid: s.token.clientid } : {}),
      modifiedAt: entry.modifiedAt,
      revision: `rev-${entry.modifiedAt}`,
      ...(same > 1 ? { duplicateName: true } : {})
    }
  }

  function list(): SetupSummary[] {
    return [...files.values()].map(summaryOf).sort((a, b) => a.name.localeCompare(b.name))
  }

  function state(): WorkspaceState {
    // As main does: the first rows only, with the counts; the rest through page().
    const all = list()
    return { path: WORKSPACE_PATH, setups: all.slice(0, WORKSPACE_STATE_ROWS), total: all.length, unreadable: all.filter((s) => s.error).length }
  }

  function hits(query: string): SetupSummary[] {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean)
    return list().filter((s) => words.every((w) => [s.name, s.environment, s.widget, s.userid, s.appid].join(' ').toLowerCase().includes(w)))
  }

  function freeId(name: string): string {
    const base = stem(name)
    let id = base
    for (let n = 2; files.has(id); n++) id = `${base}-${n}`
    return id
  }

  function taken(name: string, except?: string): FileEntry | undefined {
    return [...files.values()].find((e) => e.id !== except && e.setup && setupNameKey(e.setup.name) === setupNameKey(name))
  }

  function write(id: string | undefined, input: SetupInput, baseRevision?: string) {
    const parsed = parseSetupValue({ ...input, formatVersion: input.formatVersion ?? 1 })
    if (!parsed.ok) return fail('INVALID_INPUT', parsed.message, { field: parsed.issues[0]?.path })
    if (id !== undefined && !files.has(id)) return fail('NOT_FOUND', 'That setup no longer exists.')
    // As main does: a save made from an older revision is refused (another window or process saved meanwhile).
    const current = id === undefined ? undefined : files.get(id)
    if (current && baseRevision !== undefined && baseRevision !== `rev-${current.modifiedAt}`) {
      return fail('CONFLICT', `"${parsed.setup.name}" was changed on disk since you opened it; your version was not saved.`, { field: 'baseRevision' })
    }
    const clash = taken(parsed.setup.name, id)
    if (clash) return fail('CONFLICT', `A setup named "${parsed.setup.name}" already exists (setups/${clash.id}.json); choose another name.`, { field: 'name' })
    const target = id ?? freeId(parsed.setup.name)
    const entry = { id: target, setup: parsed.setup, modifiedAt: now() }
    files.set(target, entry)
    return ok({ summary: summaryOf(entry), dropped: parsed.dropped })
  }

  function previewOf(parsed: ParsedImport, onConflict: ImportConflictPolicy = 'replace'): Omit<StagedImportPreview, 'importId'> {
    const items: ImportPreviewItem[] = parsed.document.setups.map((setup) => {
      const base = { name: setup.name, environment: setup.environment, widget: setup.widget }
      const existing = taken(setup.name)
      if (!existing?.setup) return { ...base, action: 'add' }
      if (serializeSetup(existing.setup) === serializeSetup(setup)) return { ...base, action: 'unchanged', existingId: existing.id }
      if (onConflict === 'skip') return { ...base, action: 'skip', existingId: existing.id }
      if (onConflict === 'keep-both') return { ...base, action: 'rename', savedAs: `${setup.name} (imported)`, existingId: existing.id }
      return { ...base, action: 'replace', existingId: existing.id }
    })
    const counts = { add: 0, replace: 0, unchanged: 0, skip: 0, rename: 0 }
    for (const item of items) counts[item.action]++
    const known = new Set(['offline sandbox'])
    const missingEnvironments = parsed.document.environments
      .filter((e) => !known.has(setupNameKey(e.name)))
      .map((e) => ({ name: e.name, domain: e.domain, usedBy: parsed.document.setups.filter((s) => s.environment === e.name).map((s) => s.name) }))
    return { items, counts, missingEnvironments, notices: parsed.notices, source: parsed.source }
  }

  const workspace = {
    info: vi.fn(() => ok(state())),
    reload: vi.fn(() => ok(state())),
    chooseFolder: vi.fn((_request?: unknown) => fail('UNSUPPORTED', 'Choosing a workspace folder needs the desktop app.')),
    openFolder: vi.fn((_request?: unknown) => fail('UNSUPPORTED', 'The desktop app opens a workspace folder through its folder dialog.')),
    search: vi.fn((request: { query: string; limit?: number }) => {
      const found = hits(request.query)
      return ok(found.slice(0, request.limit ?? found.length))
    }),
    page: vi.fn((request: { query?: string; offset: number; limit: number }) => {
      const found = hits(request.query ?? '')
      return ok({ query: request.query ?? '', offset: request.offset, total: found.length, items: found.slice(request.offset, request.offset + request.limit) })
    }),
    summaries: vi.fn((request: { ids: string[] }) => ok(request.ids.map((id) => (files.has(id) ? summaryOf(files.get(id) as FileEntry) : null)))),
    get: vi.fn((request: { id: string }) => {
      const entry = files.get(request.id)
      if (!entry) return fail('NOT_FOUND', 'That setup no longer exists.')
      if (!entry.setup) return fail('INVALID_INPUT', `setups/${entry.id}.json cannot be read: ${entry.error}`)
      return ok({ summary: summaryOf(entry), setup: entry.setup })
    }),
    save: vi.fn((request: { id?: string; setup: Record<string, unknown>; baseRevision?: string }) => write(request.id, request.setup as SetupInput, request.baseRevision)),
    rename: vi.fn((request: { id: string; name: string }) => {
      const entry = files.get(request.id)
      if (!entry?.setup) return fail('NOT_FOUND', 'That setup no longer exists.')
      const clash = taken(request.name, request.id)
      if (clash) return fail('CONFLICT', `A setup named "${request.name}" already exists; choose another name.`, { field: 'name' })
      files.delete(request.id)
      const id = freeId(request.name)
      const next = { id, setup: { ...entry.setup, name: request.name.trim() }, modifiedAt: now() }
      files.set(id, next)
      return ok({ summary: summaryOf(next), dropped: [], ...(id !== request.id ? { previousId: request.id } : {}) })
    }),
    duplicate: vi.fn((request: { id: string; name?: string }) => {
      const entry = files.get(request.id)
      if (!entry?.setup) return fail('NOT_FOUND', 'That setup no longer exists.')
      let name = request.name ?? `${entry.setup.name} (copy)`
      for (let n = 2; taken(name); n++) name = `${entry.setup.name} (copy ${n})`
      return write(undefined, { ...entry.setup, name })
    }),
    remove: vi.fn((request: { ids: string[] }) => {
      const gone = request.ids.map((id) => files.get(id)).filter((e): e is FileEntry => !!e)
      if (gone.length !== request.ids.length) return fail('NOT_FOUND', 'That setup no longer exists.')
      for (const e of gone) files.delete(e.id)
      const undoToken = `undo-${++counter}`
      undo.set(undoToken, gone)
      return ok({ undoToken, deleted: request.ids })
    }),
    restore: vi.fn((request: { undoToken: string }) => {
      const items = undo.get(request.undoToken)
      if (!items) return fail('NOT_FOUND', 'There is nothing to undo.')
      undo.delete(request.undoToken)
      for (const e of items) files.set(e.id, e)
      return ok(items.map(summaryOf))
    }),
    exportSetups: vi.fn((request: { ids: string[] | 'all' }) => {
      const ids = request.ids === 'all' ? [...files.keys()] : request.ids
      const setups = ids.map((id) => files.get(id)?.setup).filter((s): s is Setup => !!s)
      const { document, dropped } = buildExport({ setups, environments: [], exportedAt: new Date(clock), includeAllEnvironments: request.ids === 'all' })
      const fileName = setups.length === 1 && request.ids !== 'all' ? `${stem(setups[0].name)}.export.json` : 'workbench-export-2024-03-01.json'
      return ok({ text: serializeExport(document), fileName, dropped, skipped: [] })
    }),
    shareText: vi.fn((request: { id: string }) => {
      const setup = files.get(request.id)?.setup
      if (!setup) return fail('NOT_FOUND', 'That setup no longer exists.')
      return ok({ text: encodeShareText(buildExport({ setups: [setup], environments: [], exportedAt: new Date(clock) }).document) })
    }),
    previewImport: vi.fn((request: { text: string; onConflict?: ImportConflictPolicy }) => {
      const parsed = isShareText(request.text) ? decodeShareText(request.text) : parseImportText(request.text)
      if (!parsed.ok) {
        return fail('INVALID_INPUT', parsed.message, { field: parsed.field || undefined, detail: parsed.issues.map((i) => `${i.path || '(file)'}: ${i.message}`).join('\n') })
      }
      const importId = `import-${++counter}`
      staged.set(importId, parsed)
      return ok({ ...previewOf(parsed, request.onConflict), importId })
    }),
    applyImport: vi.fn((request: { importId: string; onConflict?: ImportConflictPolicy }) => {
      const parsed = staged.get(request.importId)
      if (!parsed) return fail('NOT_FOUND', 'That import is no longer staged.')
      const preview = previewOf(parsed, request.onConflict)
      const written: string[] = []
      preview.items.forEach((item, i) => {
        const setup = parsed.document.setups[i]
        if (item.action === 'add') {
          const id = freeId(setup.name)
          files.set(id, { id, setup, modifiedAt: now() })
          written.push(id)
        } else if (item.action === 'replace' && item.existingId) {
          files.set(item.existingId, { id: item.existingId, setup, modifiedAt: now() })
          written.push(item.existingId)
        } else if (item.action === 'rename' && item.savedAs) {
          const id = freeId(item.savedAs)
          files.set(id, { id, setup: { ...setup, name: item.savedAs }, modifiedAt: now() })
          written.push(id)
        }
      })
      staged.delete(request.importId)
      return ok({ items: preview.items, counts: preview.counts, missingEnvironments: preview.missingEnvironments, notices: preview.notices, written })
    })
  }

  const historyApi = {
    list: vi.fn((query: { text?: string; kind?: 'token' | 'preview'; status?: 'success' | 'failure'; limit?: number }) => {
      const words = (query.text ?? '').toLowerCase().split(/\s+/).filter(Boolean)
      const hits = history.filter(
        (e) =>
          (!query.kind || e.kind === query.kind) &&
          (!query.status || e.status === query.status) &&
          words.every((w) => JSON.stringify([e.setupName, e.environmentName, e.widget, e.status, e.errorCode, e.error, e.httpStatus]).toLowerCase().includes(w))
      )
      return ok(hits.slice(0, query.limit ?? hits.length))
    }),
    clear: vi.fn(() => {
      history = []
      return ok({ cleared: true as const })
    }),
    recordPreview: vi.fn(
      (input: { environmentId: string; widgetId: string; setupName?: string; status: 'success' | 'failure'; timings: Record<string, number>; error?: string }) => {
        const entry: HistoryEntry = {
          id: `h-${++counter}`,
          time: now(),
          kind: 'preview',
          status: input.status,
          widget: input.widgetId,
          timings: input.timings,
          ...(input.setupName ? { setupName: input.setupName } : {}),
          ...(input.error ? { error: input.error } : {})
        }
        history = [entry, ...history]
        return ok(entry)
      }
    )
  }

  const settingsApi = {
    get: vi.fn(() => ok({ settings, report })),
    update: vi.fn((patch: { lastSetupId?: string | null; ui?: Partial<Settings['ui']> }) => {
      if (patch.ui) settings = { ...settings, ui: { ...settings.ui, ...patch.ui } }
      if (patch.lastSetupId === null) {
        settings = { ...settings }
        delete settings.lastSetupId
      } else if (patch.lastSetupId !== undefined) {
        settings = { ...settings, lastSetupId: patch.lastSetupId }
      }
      return ok(settings)
    })
  }

  return {
    api: { workspace, history: historyApi, settings: settingsApi },
    /** Puts a setup file into the folder (as if written on disk); returns its id. */
    seed(input: Partial<SetupInput> & { name: string }, id?: string): string {
      const parsed = parseSetupValue({ ...input, formatVersion: 1 })
      if (!parsed.ok) throw new Error(parsed.message)
      const target = id ?? freeId(input.name)
      files.set(target, { id: target, setup: parsed.setup, modifiedAt: now() })
      return target
    },
    /** A file that cannot be read. */
    seedBroken(id: string, error: string): void {
      files.set(id, { id, error, modifiedAt: now() })
    },
    /** The file's setup, as main would read it. */
    setupOf(id: string): Setup | undefined {
      return files.get(id)?.setup
    },
    ids(): string[] {
      return [...files.keys()]
    },
    state,
    addHistory(entry: HistoryEntry): void {
      history = [entry, ...history]
    },
    setSettings(next: Partial<Settings>, nextReport?: SettingsReport): void {
      settings = { ...settings, ...next }
      if (nextReport) report = nextReport
    }
  }
}

export type FakeWorkspace = ReturnType<typeof createFakeWorkspace>
