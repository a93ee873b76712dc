/**
 * The workspace: a folder of plain files a team can keep in git.
 *
 *   <workspace>/environments.json      environment records, no keys (JsonFileStore)
 *   <workspace>/setups/<name>.json     one setup per file, canonical key order
 *
 * Setups are indexed in memory when the folder is opened (in time slices of
 * a few milliseconds, so 5,000 setups do not block the main process), and
 * listed and searched from memory. Every write is atomic (temp file +
 * rename) and goes through one queue, so two saves never interleave. A file
 * that cannot be read as a setup is listed with its error and never
 * overwritten. With `watch()`, changes made on disk (git pull, an editor)
 * are picked up and reported through `on('changed')`; the store's own
 * writes are recognised by content and not reported.
 *
 * The file name is the setup's identity (`id`, the name without `.json`);
 * the display name is inside the file. See file-names.ts for the mapping.
 */
import { createHash, randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, type FSWatcher, watch as watchFs } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { EnvironmentRecord } from '../../shared/environment'
import {
  buildExport,
  serializeExport,
  type ExportDocument,
  type ExportedEnvironment,
  type ParsedImport
} from '../../shared/export-format'
import { fail, ok, type Result } from '../../shared/result'
import { sanitizeSecrets, type DroppedSecret } from '../../shared/secret-fields'
import {
  parseSetupText,
  serializeSetup,
  SETUP_FORMAT_VERSION,
  setupNameKey,
  setupSchema,
  type ParsedSetup,
  type Setup,
  type SetupInput
} from '../../shared/setup'
import { encodeShareText } from '../../shared/share-text'
import type { Persona } from '../../shared/personas/persona'
import { issueMessages, placedIssues, formatIssuePath } from '../../shared/validation-messages'
import { findWidget } from '../../shared/widget-catalog'
import type {
  DeleteResult,
  ImportConflictPolicy,
  ImportPreview,
  ImportPreviewItem,
  ImportReport,
  MissingEnvironment,
  SaveSetupResult,
  SetupRecord,
  SetupSummary,
  WorkspaceChange
} from '../../shared/workspace'
import { commitTemp, isTempName, writeFileAtomic, writeTemp } from './atomic-write'
import { FolderBusyError, withFolderLock } from './folder-lock'
import { fileStemFor, stemFitsName, stemKey, uniqueStem } from './file-names'
import { environmentsFileKeyOrder, JsonFileStore } from './json-file-store'
import { environmentsFileProblem } from '../environments/environments-file'
import { createSecretGuard, type SecretGuard } from './secret-guard'

export const SETUPS_FOLDER = 'setups'
export const ENVIRONMENTS_FILE = 'environments.json'
/** The lock file of a write in setups/ (a dot file: listings and the watcher skip it). */
const WRITE_LOCK_NAME = '.write.lock'

export interface WorkspaceStoreOptions {
  /** The workspace folder; created if missing. */
  dir: string
  clock?: () => Date
  /** Quiet time after the last change on disk before it is read (default 150 ms). */
  watchDebounceMs?: number
  /** Refuses writes that contain a known secret or a full token (default: tokens only). */
  guard?: SecretGuard
  /** Deletions that can still be undone (default 20, oldest forgotten first). */
  undoLimit?: number
  /** Longest the loader reads and parses before letting the event loop run (default 8 ms). */
  loadSliceMs?: number
}

export interface LoadReport {
  setups: number
  /** Files listed with an error. */
  unreadable: number
}

interface Entry {
  id: string
  /** The file's text as last read or written: how the watcher tells our own writes from others'. */
  raw: string
  modifiedAt: string
  parsed: ParsedSetup
  nameKey?: string
  /** Precomputed so sorting 5,000 names is plain string comparison (see sortKeyOf). */
  sortKey: string
  haystack: string
  /** The list row, without the duplicate-name flag (which depends on the other files). Frozen. */
  summary: SetupSummary
}

interface DeletedItem {
  id: string
  text: string
}

type ChangeListener = (change: WorkspaceChange) => void
type Failure = ReturnType<typeof fail>

/**
 * Name -> key whose plain string order is the order a person expects:
 * case and accents ignored, numbers by value ("#9" before "#10"). Computed
 * once per file instead of calling Intl.Collator 60,000 times per sort.
 */
export function sortKeyOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, '').padStart(16, '0'))
}

/** A setup is a few kilobytes; a file this large is listed with an error instead of being parsed. */
export const MAX_SETUP_FILE_BYTES = 2 * 1024 * 1024

/** parseSetupText, with any failure of the parser itself (a stack overflow on hostile input) turned into a listed error. */
function parseSafely(raw: string): ParsedSetup {
  if (raw.length > MAX_SETUP_FILE_BYTES) {
    const message = `The file is ${(raw.length / 1024 / 1024).toFixed(1)} MB; a setup is at most ${MAX_SETUP_FILE_BYTES / 1024 / 1024} MB. It is not read and never overwritten.`
    return { ok: false, message, issues: [{ path: '', message }], dropped: [] }
  }
  try {
    return parseSetupText(raw)
  } catch (error) {
    const message = `The file could not be read as a setup (${error instanceof Error ? error.message : String(error)}).`
    return { ok: false, message, issues: [{ path: '', message }], dropped: [] }
  }
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

/** The list row of a file (the duplicate-name flag is added by list(), which sees all files). */
/** A setup file's revision: what the renderer sends back with a save, so a save over a newer version is refused. */
export function revisionOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16)
}

function summaryOf(entry: Pick<Entry, 'id' | 'modifiedAt' | 'parsed'> & { raw?: string }): SetupSummary {
  const file = `${SETUPS_FOLDER}/${entry.id}.json`
  const base = { id: entry.id, file, modifiedAt: entry.modifiedAt, revision: revisionOf(entry.raw ?? '') }
  const p = entry.parsed
  if (!p.ok) {
    return { ...base, name: entry.id, environment: '', widget: '', userid: '', appid: '', error: p.message, issues: p.issues }
  }
  const s = p.setup
  const summary: SetupSummary = { ...base, name: s.name, environment: s.environment, widget: s.widget, userid: s.token.userid, appid: s.token.appid }
  if (s.token.clientid !== undefined) summary.clientid = s.token.clientid
  if (p.dropped.length) summary.ignoredSecrets = p.dropped.map((d) => d.path)
  return summary
}

function haystackOf(id: string, parsed: ParsedSetup): string {
  if (!parsed.ok) return id.toLowerCase()
  const s = parsed.setup
  const widget = findWidget(s.widget)
  return [s.name, s.environment, s.widget, widget?.name, widget?.currentName, s.token.userid, s.token.appid, s.token.clientid, id]
    .filter(Boolean)
    .join('\n')
    .toLowerCase()
}

function errorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException
  return e?.code ? `${e.code}: ${e.message}` : error instanceof Error ? error.message : String(error)
}

/** The environments an export may carry: name, domain, timeout; never the sandbox (every workbench has its own). */
export function exportableEnvironments(records: readonly EnvironmentRecord[]): ExportedEnvironment[] {
  return records.filter((r) => r.kind === 'remote').map((r) => ({ name: r.name, domain: r.domain, timeoutMs: r.timeoutMs }))
}

export class WorkspaceStore {
  readonly dir: string
  readonly setupsDir: string
  readonly environmentsPath: string

  private readonly clock: () => Date
  private readonly guard: SecretGuard
  private readonly debounceMs: number
  private readonly undoLimit: number
  private readonly sliceMs: number
  private readonly entries = new Map<string, Entry>()
  private sorted: SetupSummary[] | undefined
  private queue: Promise<unknown> = Promise.resolve()
  private readonly undo = new Map<string, DeletedItem[]>()
  private readonly listeners = new Set<ChangeListener>()
  private readonly envStore: JsonFileStore
  /** environments.json as last seen by the watcher or written by the app. */
  private envSeenText: string | undefined
  private watchers: FSWatcher[] = []
  private pending = { ids: new Set<string>(), environments: false, rescan: false }
  private timer: NodeJS.Timeout | undefined
  private firstPendingAt = 0
  private closed = false

  constructor(options: WorkspaceStoreOptions) {
    this.dir = options.dir
    this.setupsDir = join(options.dir, SETUPS_FOLDER)
    this.environmentsPath = join(options.dir, ENVIRONMENTS_FILE)
    this.clock = options.clock ?? (() => new Date())
    this.guard = options.guard ?? createSecretGuard()
    this.debounceMs = options.watchDebounceMs ?? 150
    this.undoLimit = options.undoLimit ?? 20
    this.sliceMs = options.loadSliceMs ?? 8
    mkdirSync(this.setupsDir, { recursive: true })
    this.envStore = new JsonFileStore(this.environmentsPath, {
      keyOrder: environmentsFileKeyOrder,
      guard: this.guard,
      check: environmentsFileProblem,
      onWrite: (text) => {
        this.envSeenText = text
      }
    })
    this.envStore.problem()
    this.envSeenText = this.envStore.knownText()
  }

  /** Creates the folder if needed and indexes every setup in it. */
  static async open(options: WorkspaceStoreOptions): Promise<WorkspaceStore> {
    const store = new WorkspaceStore(options)
    await store.load()
    return store
  }

  // ---------------------------------------------------------------- reading

  /** Re-reads the whole folder (also what the watcher does when it cannot tell which file changed). */
  load(): Promise<LoadReport> {
    return this.serial(async () => {
      await this.rescan()
      let unreadable = 0
      for (const entry of this.entries.values()) if (!entry.parsed.ok) unreadable++
      return { setups: this.entries.size, unreadable }
    })
  }

  /** Every setup file, sorted by name; unreadable files included, with `error`. */
  list(): SetupSummary[] {
    if (!this.sorted) {
      const counts = new Map<string, number>()
      for (const e of this.entries.values()) if (e.nameKey) counts.set(e.nameKey, (counts.get(e.nameKey) ?? 0) + 1)
      this.sorted = [...this.entries.values()]
        .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((e) => (e.nameKey && (counts.get(e.nameKey) ?? 0) > 1 ? Object.freeze({ ...e.summary, duplicateName: true }) : e.summary))
    }
    return this.sorted.slice()
  }

  /**
   * Setups whose name, environment, widget (id or name), userid, appid,
   * clientid or file name contain every word of `query` (case-insensitive).
   * Setups whose name contains the whole query come first.
   */
  search(query: string, limit = Infinity): SetupSummary[] {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean)
    if (words.length === 0) return this.list().slice(0, limit)
    const whole = words.join(' ')
    const first: SetupSummary[] = []
    const rest: SetupSummary[] = []
    for (const summary of this.list()) {
      const entry = this.entries.get(summary.id) as Entry
      if (!words.every((w) => entry.haystack.includes(w))) continue
      ;(summary.name.toLowerCase().includes(whole) ? first : rest).push(summary)
    }
    return [...first, ...rest].slice(0, limit)
  }

  get(id: string): Result<SetupRecord> {
    const entry = this.entries.get(id)
    if (!entry) return fail('NOT_FOUND', 'That setup no longer exists; it may have been deleted or renamed on disk.')
    if (!entry.parsed.ok) {
      return fail('INVALID_INPUT', `${SETUPS_FOLDER}/${id}.json cannot be read: ${entry.parsed.message}`, {
        field: entry.parsed.issues[0]?.path || undefined,
        detail: entry.parsed.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('\n')
      })
    }
    return ok({ summary: this.summary(id), setup: structuredClone(entry.parsed.setup) })
  }

  /** The store EnvironmentService can use for `<workspace>/environments.json` (see routed-store.ts for activeId). */
  environmentsStore(): JsonFileStore {
    return this.envStore
  }

  /** Why environments.json cannot be read (it is then never overwritten), or undefined. */
  environmentsProblem(): string | undefined {
    return this.envStore.problem()
  }

  // ---------------------------------------------------------------- writing

  /**
   * Creates (no `id`) or updates (`id`) a setup. A name another setup already
   * has (ignoring case) is refused. Changing the name renames the file, so
   * file names keep matching names; the result says the previous id.
   */
  save(input: { id?: string; setup: SetupInput; baseRevision?: string }): Promise<Result<SaveSetupResult>> {
    return this.serial(() => this.saveNow(input.id, input.setup, input.baseRevision))
  }

  rename(id: string, name: string): Promise<Result<SaveSetupResult>> {
    return this.serial(async () => {
      const entry = this.entries.get(id)
      if (!entry) return this.notFound()
      if (!entry.parsed.ok) return this.unreadable(entry)
      return this.saveNow(id, { ...entry.parsed.setup, name })
    })
  }

  /** A copy under `name`, by default "Copy of <name>" (then "Copy of <name> (2)", ...). */
  duplicate(id: string, name?: string): Promise<Result<SaveSetupResult>> {
    return this.serial(async () => {
      const entry = this.entries.get(id)
      if (!entry) return this.notFound()
      if (!entry.parsed.ok) return this.unreadable(entry)
      const copyName = name ?? this.freeName(`Copy of ${entry.parsed.setup.name}`)
      return this.saveNow(undefined, { ...entry.parsed.setup, name: copyName })
    })
  }

  /** Deletes the files; their exact content is kept in memory so `restore(undoToken)` can put them back. */
  delete(ids: string | readonly string[]): Promise<Result<DeleteResult>> {
    const list = typeof ids === 'string' ? [ids] : [...ids]
    return this.serial(async () => {
      const missing = list.find((id) => !this.entries.has(id))
      if (missing !== undefined) return this.notFound()
      const items: DeletedItem[] = []
      for (const id of list) {
        const path = this.pathOf(id)
        // Keep what is on disk now, even if it changed since it was read.
        const text = await readFile(path, 'utf8').catch(() => (this.entries.get(id) as Entry).raw)
        try {
          await rm(path, { force: true })
        } catch (error) {
          if (items.length) this.remember(items)
          return fail('INTERNAL', `${SETUPS_FOLDER}/${id}.json could not be deleted: ${errorText(error)}`)
        }
        this.entries.delete(id)
        items.push({ id, text })
      }
      this.sorted = undefined
      return ok({ undoToken: this.remember(items), deleted: list })
    })
  }

  /**
   * Puts deleted setups back, byte for byte. If their file name has been
   * taken since, they get a free one; if their name has, " (restored)" is
   * added to it.
   */
  restore(undoToken: string): Promise<Result<SetupSummary[]>> {
    return this.serial(async () => {
      const items = this.undo.get(undoToken)
      if (!items) return fail('NOT_FOUND', 'There is nothing to undo: the deletion is too old or was already undone.')
      const restored: string[] = []
      for (const item of items) {
        let text = item.text
        const parsed = parseSetupText(text)
        if (parsed.ok && this.nameTaken(parsed.setup.name)) {
          const setup = { ...parsed.setup, name: this.freeName(`${parsed.setup.name} (restored)`) }
          text = serializeSetup(setup)
        }
        const id = this.entries.has(item.id) || existsSync(this.pathOf(item.id)) ? this.allocateId(item.id) : item.id
        try {
          await writeFileAtomic(this.pathOf(id), text)
        } catch (error) {
          return fail('INTERNAL', `${SETUPS_FOLDER}/${id}.json could not be written: ${errorText(error)}`)
        }
        this.put(id, text, this.clock().toISOString())
        restored.push(id)
      }
      this.undo.delete(undoToken)
      return ok(restored.map((id) => this.summary(id)))
    })
  }

  // ---------------------------------------------------------------- import / export

  /**
   * What importing `document` would do: each setup added, replacing the one
   * with the same name, unchanged (identical), skipped or saved under
   * another name (per `onConflict`), and the environments it names that
   * `existingEnvironments` (names; include the sandbox's) lacks.
   */
  async previewImport(
    parsed: ParsedImport | ExportDocument,
    options: { existingEnvironments: readonly string[]; onConflict?: ImportConflictPolicy }
  ): Promise<ImportPreview> {
    const pause = this.slicer()
    const document = 'document' in parsed ? parsed.document : parsed
    const notices = 'document' in parsed ? parsed.notices : []
    const onConflict = options.onConflict ?? 'replace'
    const byName = new Map<string, Entry>()
    for (const entry of [...this.entries.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      if (entry.nameKey && !byName.has(entry.nameKey)) byName.set(entry.nameKey, entry)
    }
    const reserved = new Set<string>()
    const itemOf = (setup: Setup): ImportPreviewItem => {
      const base = { name: setup.name, environment: setup.environment, widget: setup.widget }
      const existing = byName.get(setupNameKey(setup.name))
      if (!existing || !existing.parsed.ok) return { ...base, action: 'add' as const }
      if (serializeSetup(existing.parsed.setup) === serializeSetup(setup)) return { ...base, action: 'unchanged' as const, existingId: existing.id }
      if (onConflict === 'skip') return { ...base, action: 'skip' as const, existingId: existing.id }
      if (onConflict === 'keep-both') {
        const savedAs = this.freeName(`${setup.name} (imported)`, (key) => reserved.has(key), byName)
        reserved.add(setupNameKey(savedAs))
        return { ...base, action: 'rename' as const, savedAs, existingId: existing.id }
      }
      return { ...base, action: 'replace' as const, existingId: existing.id }
    }
    // A slice at a time: comparing thousands of setups must not stall the event loop (issue 7).
    const items: ImportPreviewItem[] = []
    for (const setup of document.setups) {
      items.push(itemOf(setup))
      await pause()
    }
    const counts = { add: 0, replace: 0, unchanged: 0, skip: 0, rename: 0 }
    for (const item of items) counts[item.action]++
    return { items, counts, missingEnvironments: this.missingEnvironments(document, options.existingEnvironments), notices }
  }

  /**
   * Writes what `previewImport` (computed again now, with the same options)
   * says. All files are written to temp files first, then renamed into
   * place; if anything fails, files already replaced are put back. The
   * caller creates the missing environments (asking for their keys).
   */
  applyImport(
    parsed: ParsedImport | ExportDocument,
    options: { existingEnvironments: readonly string[]; onConflict?: ImportConflictPolicy }
  ): Promise<Result<ImportReport>> {
    return this.serial(async () => {
      const preview = await this.previewImport(parsed, options)
      const document = 'document' in parsed ? parsed.document : parsed
      const pause = this.slicer()
      const plan: Array<{ id: string; text: string; previous?: string }> = []
      const taken = new Set<string>()
      const stems = this.stemKeys()
      for (const [i, item] of preview.items.entries()) {
        if (item.action === 'unchanged' || item.action === 'skip') continue
        const clean = sanitizeSecrets(document.setups[i]).value
        const setup: Setup = item.action === 'rename' ? { ...clean, name: item.savedAs as string } : clean
        const text = serializeSetup(setup)
        const leak = this.guard.check(text)
        if (leak) return fail('INVALID_INPUT', `setups[${i}] was not imported: ${leak}.`, { field: `setups[${i}]` })
        await pause()
        if (item.action === 'replace') {
          plan.push({ id: item.existingId as string, text, previous: (this.entries.get(item.existingId as string) as Entry).raw })
        } else {
          const id = this.allocateId(fileStemFor(setup.name), (key) => taken.has(key), stems)
          taken.add(stemKey(id))
          plan.push({ id, text })
        }
      }
      const temps: string[] = []
      try {
        for (const step of plan) temps.push(await writeTemp(this.pathOf(step.id), step.text))
      } catch (error) {
        await Promise.all(temps.map((t) => rm(t, { force: true })))
        return fail('INTERNAL', `The import was not applied (nothing changed): ${errorText(error)}`)
      }
      let committed = 0
      try {
        for (; committed < plan.length; committed++) await commitTemp(temps[committed], this.pathOf(plan[committed].id))
      } catch (error) {
        await Promise.all(temps.slice(committed + 1).map((t) => rm(t, { force: true })))
        for (const step of plan.slice(0, committed)) {
          if (step.previous !== undefined) await writeFileAtomic(this.pathOf(step.id), step.previous).catch(() => {})
          else await rm(this.pathOf(step.id), { force: true })
        }
        return fail('INTERNAL', `The import was not applied (nothing changed): ${errorText(error)}`)
      }
      const now = this.clock().toISOString()
      for (const step of plan) {
        this.put(step.id, step.text, now)
        await pause()
      }
      return ok({ ...preview, written: plan.map((s) => s.id) })
    })
  }

  /**
   * An export file's text for these setups (or every readable one), with the
   * environments they use (all remote environments for a whole workspace).
   * `environments`: see exportableEnvironments().
   */
  exportSetups(
    ids: readonly string[] | 'all',
    environments: readonly ExportedEnvironment[],
    /** The personas to carry along, given the setups exported (issue 12); none by default. */
    personasFor: (setups: readonly Setup[]) => readonly Persona[] = () => []
  ): Result<{ text: string; document: ExportDocument; fileName: string; dropped: DroppedSecret[]; skipped: string[] }> {
    const all = ids === 'all'
    const chosen = all ? this.list().map((s) => s.id) : [...ids]
    const setups: Setup[] = []
    const skipped: string[] = []
    for (const id of chosen) {
      const entry = this.entries.get(id)
      if (!entry) return this.notFound()
      if (entry.parsed.ok) setups.push(entry.parsed.setup)
      else if (all) skipped.push(id)
      else return this.unreadable(entry)
    }
    const { document, dropped } = buildExport({ setups, personas: personasFor(setups), environments, exportedAt: this.clock(), includeAllEnvironments: all })
    const text = serializeExport(document)
    const leak = this.guard.check(text)
    if (leak) return fail('INVALID_INPUT', `The export was not made: ${leak}.`)
    const date = this.clock().toISOString().slice(0, 10)
    const fileName = !all && setups.length === 1 ? `${fileStemFor(setups[0].name)}.export.json` : `workbench-export-${date}.json`
    return ok({ text, document, fileName, dropped, skipped })
  }

  /** "Copy as shareable text" for one setup (and its environment, without key). */
  shareText(id: string, environments: readonly ExportedEnvironment[], personasFor?: (setups: readonly Setup[]) => readonly Persona[]): Result<string> {
    const exported = this.exportSetups([id], environments, personasFor)
    if (!exported.ok) return exported
    const text = encodeShareText(exported.value.document)
    const leak = this.guard.check(text)
    return leak ? fail('INVALID_INPUT', `The share text was not made: ${leak}.`) : ok(text)
  }

  // ---------------------------------------------------------------- watching

  /** Starts noticing changes made on disk; report them with on('changed'). Idempotent. */
  watch(): void {
    if (this.watchers.length || this.closed) return
    this.watchFolder(this.dir, 'root')
    this.watchFolder(this.setupsDir, 'setups')
  }

  on(event: 'changed', listener: ChangeListener): () => void {
    if (event !== 'changed') throw new TypeError(`Unknown event ${String(event)}`)
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Stops watching and waits for writes in progress. */
  async close(): Promise<void> {
    this.closed = true
    this.stopWatching()
    if (this.timer) clearTimeout(this.timer)
    await this.queue.catch(() => {})
  }

  // ---------------------------------------------------------------- internals

  /** A pause that lets the event loop run once `loadSliceMs` of work has passed since the last one. */
  private slicer(): () => Promise<void> {
    let sliceStart = performance.now()
    return async () => {
      if (performance.now() - sliceStart <= this.sliceMs) return
      await yieldToEventLoop()
      sliceStart = performance.now()
    }
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => {})
    return run
  }

  private pathOf(id: string): string {
    return join(this.setupsDir, `${id}.json`)
  }

  private notFound(): Failure {
    return fail('NOT_FOUND', 'That setup no longer exists; it may have been deleted or renamed on disk.')
  }

  private unreadable(entry: Entry): Failure {
    const message = entry.parsed.ok ? '' : entry.parsed.message
    return fail('CONFLICT', `${SETUPS_FOLDER}/${entry.id}.json cannot be read (${message}); fix or delete the file. It is never overwritten.`)
  }

  private summary(id: string): SetupSummary {
    const entry = this.entries.get(id) as Entry
    let same = 0
    if (entry.nameKey) for (const e of this.entries.values()) if (e.nameKey === entry.nameKey) same++
    return same > 1 ? { ...entry.summary, duplicateName: true } : { ...entry.summary }
  }

  private nameTaken(name: string, exceptId?: string): Entry | undefined {
    const key = setupNameKey(name)
    for (const entry of this.entries.values()) if (entry.id !== exceptId && entry.nameKey === key) return entry
    return undefined
  }

  /** `names`: the name keys in use, when the caller has them (a bulk import would otherwise scan every entry per setup). */
  private freeName(name: string, alsoTaken: (key: string) => boolean = () => false, names?: ReadonlyMap<string, unknown>): string {
    const free = (n: string) => {
      const key = setupNameKey(n)
      return !(names ? names.has(key) : this.nameTaken(n)) && !alsoTaken(key)
    }
    if (free(name)) return name
    for (let n = 2; ; n++) if (free(`${name} (${n})`)) return `${name} (${n})`
  }

  /**
   * A file stem no entry and no file on disk uses. Compared case-insensitively,
   * because on macOS and Windows Acme.json and acme.json are the same file.
   */
  private allocateId(stem: string, alsoTaken: (key: string) => boolean = () => false, keys: ReadonlySet<string> = this.stemKeys()): string {
    return uniqueStem(stem, (candidate) => keys.has(stemKey(candidate)) || alsoTaken(stemKey(candidate)) || existsSync(this.pathOf(candidate)))
  }

  private stemKeys(): Set<string> {
    return new Set([...this.entries.keys()].map(stemKey))
  }

  private put(id: string, raw: string, modifiedAt: string): Entry {
    const parsed = parseSafely(raw)
    const entry: Entry = {
      id,
      raw,
      modifiedAt,
      parsed,
      sortKey: sortKeyOf(parsed.ok ? parsed.setup.name : id),
      haystack: haystackOf(id, parsed),
      summary: Object.freeze(summaryOf({ id, modifiedAt, parsed, raw }))
    }
    if (parsed.ok) entry.nameKey = setupNameKey(parsed.setup.name)
    this.entries.set(id, entry)
    this.sorted = undefined
    return entry
  }

  private remember(items: DeletedItem[]): string {
    const token = randomUUID()
    this.undo.set(token, items)
    while (this.undo.size > this.undoLimit) this.undo.delete(this.undo.keys().next().value as string)
    return token
  }

  private async saveNow(id: string | undefined, input: SetupInput, baseRevision?: string): Promise<Result<SaveSetupResult>> {
    const { value, dropped } = sanitizeSecrets({ ...input, formatVersion: input.formatVersion ?? SETUP_FORMAT_VERSION })
    const parsed = setupSchema.safeParse(value)
    if (!parsed.success) {
      const first = placedIssues(parsed.error)[0]
      return fail('INVALID_INPUT', issueMessages(parsed.error)[0], {
        field: formatIssuePath(first.path) || undefined,
        detail: issueMessages(parsed.error).join('\n')
      })
    }
    const setup = parsed.data
    const existing = id === undefined ? undefined : this.entries.get(id)
    if (id !== undefined && !existing) return this.notFound()
    if (existing && !existing.parsed.ok) return this.unreadable(existing)

    const clash = this.nameTaken(setup.name, id)
    if (clash) {
      return fail('CONFLICT', `A setup named "${setup.name}" already exists (${SETUPS_FOLDER}/${clash.id}.json); choose another name.`, { field: 'name' })
    }

    const text = serializeSetup(setup)
    const leak = this.guard.check(text)
    if (leak) return fail('INVALID_INPUT', `The setup was not saved: ${leak}. Remove it from the setup's fields.`)

    // From here to the rename, no other process sharing the folder writes (folder-lock.ts): the check
    // "is the file still the version the user edited?" and the write are one step.
    try {
      return await withFolderLock(join(this.setupsDir, WRITE_LOCK_NAME), () => this.writeChecked(id, existing, setup, text, dropped, baseRevision))
    } catch (error) {
      return fail(error instanceof FolderBusyError ? 'CONFLICT' : 'INTERNAL', error instanceof FolderBusyError ? error.message : `The setup could not be saved: ${errorText(error)}`)
    }
  }

  private async writeChecked(
    id: string | undefined,
    existing: Entry | undefined,
    setup: Setup,
    text: string,
    dropped: DroppedSecret[],
    baseRevision: string | undefined
  ): Promise<Result<SaveSetupResult>> {
    if (existing) {
      const onDisk = await readFile(this.pathOf(existing.id), 'utf8').catch(() => undefined)
      const changedOnDisk = onDisk !== undefined && onDisk !== existing.raw
      // Optimistic concurrency: the save names the revision it was made from; any other version now
      // (another window's save, another workbench, git, an editor) refuses it, and nothing is written.
      const stale = baseRevision !== undefined ? revisionOf(onDisk ?? existing.raw) !== baseRevision : changedOnDisk
      if (stale) {
        if (changedOnDisk) this.put(existing.id, onDisk, this.clock().toISOString())
        // Both saves wrote the same thing (a double click, two windows with one edit): nothing is lost, nothing to refuse.
        if ((onDisk ?? existing.raw) === text && stemFitsName(existing.id, setup.name)) return ok({ summary: this.summary(existing.id), dropped })
        return fail(
          'CONFLICT',
          `"${setup.name}" was changed on disk since you opened it (by another save, another workbench, git or an editor); your version was not saved. Load the other version, overwrite it with yours, or save yours as a copy.`,
          { field: 'baseRevision', detail: `${SETUPS_FOLDER}/${existing.id}.json is now at revision ${this.summary(existing.id).revision}; the save was made from ${baseRevision ?? 'the version read earlier'}.` }
        )
      }
    }

    // A new file never takes a name another process created meanwhile (existsSync is checked under the lock).
    const target = id !== undefined && stemFitsName(id, setup.name) ? id : this.allocateId(fileStemFor(setup.name))
    const result = (summary: SetupSummary): Result<SaveSetupResult> =>
      ok({ summary, dropped, ...(id !== undefined && target !== id ? { previousId: id } : {}) })
    if (existing && target === id && existing.raw === text) return result(this.summary(id))
    try {
      await writeFileAtomic(this.pathOf(target), text)
      if (id !== undefined && target !== id) await rm(this.pathOf(id), { force: true })
    } catch (error) {
      return fail('INTERNAL', `The setup could not be written to ${SETUPS_FOLDER}/${target}.json: ${errorText(error)}`)
    }
    if (id !== undefined && target !== id) this.entries.delete(id)
    this.put(target, text, this.clock().toISOString())
    return result(this.summary(target))
  }

  private missingEnvironments(document: ExportDocument, existing: readonly string[]): MissingEnvironment[] {
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

  /**
   * Reads one setup file and brings the index in line; says what changed.
   * Synchronous on purpose: for thousands of small local files, sync reads
   * in time slices (see rescan) load 5x faster than fs/promises with a
   * thread-pool round trip per call, and block the event loop for less time
   * (bench/workspace-scale.ts).
   */
  private reconcile(id: string): 'added' | 'changed' | 'removed' | undefined {
    const path = this.pathOf(id)
    let text: string
    let modifiedAt: string
    try {
      const stat = statSync(path)
      modifiedAt = stat.mtime.toISOString()
      if (stat.isFile() && stat.size > MAX_SETUP_FILE_BYTES) {
        // Not read at all: a 1 GB file must not take the memory. Listed with the reason, never written to.
        const known = this.entries.get(id)
        const message = `The file is ${(stat.size / 1024 / 1024).toFixed(1)} MB; a setup is at most ${MAX_SETUP_FILE_BYTES / 1024 / 1024} MB. It is not read and never overwritten.`
        if (known && !known.parsed.ok && known.parsed.message === message && known.modifiedAt === modifiedAt) return undefined
        const parsed: ParsedSetup = { ok: false, message, issues: [{ path: '', message }], dropped: [] }
        this.entries.set(id, { id, raw: '', modifiedAt, parsed, sortKey: sortKeyOf(id), haystack: id.toLowerCase(), summary: Object.freeze(summaryOf({ id, modifiedAt, parsed })) })
        this.sorted = undefined
        return known ? 'changed' : 'added'
      }
      text = readFileSync(path, 'utf8')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'ENOENT' && code !== 'EISDIR') {
        // Listed with the reason (permissions, a lock), like a malformed file; never written to.
        const known = this.entries.get(id)
        const message = `The file cannot be read (${errorText(error)}).`
        const parsed: ParsedSetup = { ok: false, message, issues: [{ path: '', message }], dropped: [] }
        const at = known?.modifiedAt ?? this.clock().toISOString()
        this.entries.set(id, { id, raw: '', modifiedAt: at, parsed, sortKey: sortKeyOf(id), haystack: id.toLowerCase(), summary: Object.freeze(summaryOf({ id, modifiedAt: at, parsed })) })
        this.sorted = undefined
        return known ? 'changed' : 'added'
      }
      if (!this.entries.has(id)) return undefined
      this.entries.delete(id)
      this.sorted = undefined
      return 'removed'
    }
    const known = this.entries.get(id)
    if (known && known.raw === text) return undefined
    this.put(id, text, modifiedAt)
    return known ? 'changed' : 'added'
  }

  /** Re-reads the folder, a time slice at a time, so the event loop keeps running during a big load. */
  private async rescan(): Promise<WorkspaceChange['setups']> {
    mkdirSync(this.setupsDir, { recursive: true })
    const names = readdirSync(this.setupsDir)
    const ids = names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).map((n) => n.slice(0, -'.json'.length))
    const present = new Set(ids)
    const change: WorkspaceChange['setups'] = { added: [], changed: [], removed: [] }
    for (const id of [...this.entries.keys()]) {
      if (!present.has(id)) {
        this.entries.delete(id)
        change.removed.push(id)
      }
    }
    this.sorted = undefined
    let sliceStart = performance.now()
    for (const id of ids) {
      const what = this.reconcile(id)
      if (what) change[what].push(id)
      if (performance.now() - sliceStart > this.sliceMs) {
        await yieldToEventLoop()
        sliceStart = performance.now()
      }
    }
    return change
  }

  private watchFolder(path: string, which: 'root' | 'setups'): void {
    try {
      const watcher = watchFs(path, { persistent: false }, (_event, filename) => this.onFsEvent(which, filename?.toString()))
      watcher.on('error', () => {
        // The folder went away (e.g. `git checkout` replaced it): watch again after a rescan.
        this.pending.rescan = true
        this.schedule()
      })
      this.watchers.push(watcher)
    } catch {
      this.pending.rescan = true
      this.schedule()
    }
  }

  private stopWatching(): void {
    for (const watcher of this.watchers) watcher.close()
    this.watchers = []
  }

  private onFsEvent(which: 'root' | 'setups', name: string | undefined): void {
    if (this.closed) return
    if (name === undefined) this.pending.rescan = true
    else if (which === 'root') {
      if (name === ENVIRONMENTS_FILE) this.pending.environments = true
      else if (name === SETUPS_FOLDER) this.pending.rescan = true
    } else if (name.endsWith('.json') && !name.startsWith('.') && !isTempName(name)) {
      this.pending.ids.add(name.slice(0, -'.json'.length))
    } else return
    this.schedule()
  }

  /** Trailing debounce, flushed at the latest 10 debounce periods after the first event of a burst. */
  private schedule(): void {
    const now = Date.now()
    if (!this.timer) this.firstPendingAt = now
    else clearTimeout(this.timer)
    const wait = now - this.firstPendingAt > this.debounceMs * 10 ? 0 : this.debounceMs
    this.timer = setTimeout(() => {
      this.timer = undefined
      void this.flush()
    }, wait)
  }

  private flush(): Promise<void> {
    const pending = this.pending
    this.pending = { ids: new Set(), environments: false, rescan: false }
    return this.serial(async () => {
      if (this.closed) return
      const change: WorkspaceChange = { setups: { added: [], changed: [], removed: [] }, environments: false, rescanned: false }
      if (pending.rescan) {
        change.setups = await this.rescan()
        change.rescanned = true
        this.stopWatching()
        this.watch()
      } else {
        // A slice at a time: an import of thousands of setups comes back as thousands of events.
        const pause = this.slicer()
        for (const id of pending.ids) {
          const what = this.reconcile(id)
          if (what) change.setups[what].push(id)
          await pause()
        }
      }
      if (pending.environments || pending.rescan) {
        const text = await readFile(this.environmentsPath, 'utf8').catch(() => undefined)
        if (text !== this.envSeenText) {
          this.envSeenText = text
          change.environments = true
        }
      }
      const s = change.setups
      if (s.added.length || s.changed.length || s.removed.length || change.environments) this.emit(change)
    })
  }

  private emit(change: WorkspaceChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change)
      } catch {
        // A listener's failure is its own; the others still hear of the change.
      }
    }
  }
}
