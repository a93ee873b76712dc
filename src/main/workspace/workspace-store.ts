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
 *
 * The parts live beside it: setup-entry.ts (one file in the index),
 * setup-index.ts (list and search), folder-reader.ts (reading the folder),
 * folder-watcher.ts (changes on disk), setup-save.ts (saving with
 * revisions), setup-undo.ts (delete and undo), setup-import.ts and
 * setup-export.ts.
 */
import { mkdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ExportDocument, ExportedEnvironment, ParsedImport } from '../../shared/export-format'
import { fail, ok, type Result } from '../../shared/result'
import type { SetupInput } from '../../shared/setup'
import type { DeleteResult, ImportPreview, ImportReport, SaveSetupResult, SetupPage, SetupRecord, SetupSummary, WorkspaceChange } from '../../shared/workspace'
import { reconcile, rescan } from './folder-reader'
import { FolderWatcher, type PendingChanges } from './folder-watcher'
import { environmentsFileKeyOrder, JsonFileStore } from './json-file-store'
import { environmentsFileProblem } from '../environments/environments-file'
import { createSecretGuard, type SecretGuard } from './secret-guard'
import { SETUPS_FOLDER } from './setup-entry'
import { exportSetups, shareText, type ExportedSetups, type PersonasFor } from './setup-export'
import { applyImport, previewImport, type ImportOptions } from './setup-import'
import { SetupIndex } from './setup-index'
import { saveSetup } from './setup-save'
import { notFound, unreadable, type StoreContext } from './store-context'
import { DeletionUndo } from './setup-undo'

export { MAX_SETUP_FILE_BYTES, revisionOf, SETUPS_FOLDER, sortKeyOf } from './setup-entry'
export { exportableEnvironments } from './setup-export'

export const ENVIRONMENTS_FILE = 'environments.json'

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

type ChangeListener = (change: WorkspaceChange) => void

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

export class WorkspaceStore {
  readonly dir: string
  readonly setupsDir: string
  readonly environmentsPath: string

  private readonly clock: () => Date
  private readonly guard: SecretGuard
  private readonly sliceMs: number
  private readonly index = new SetupIndex()
  private readonly ctx: StoreContext
  private queue: Promise<unknown> = Promise.resolve()
  private readonly deletions: DeletionUndo
  private readonly listeners = new Set<ChangeListener>()
  private readonly envStore: JsonFileStore
  /** environments.json as last seen by the watcher or written by the app. */
  private envSeenText: string | undefined
  private readonly watcher: FolderWatcher
  private closed = false
  /** The first full read of the folder (see start()); resolved at once for a store that was never loaded. */
  private indexed: Promise<unknown> = Promise.resolve()

  constructor(options: WorkspaceStoreOptions) {
    this.dir = options.dir
    this.setupsDir = join(options.dir, SETUPS_FOLDER)
    this.environmentsPath = join(options.dir, ENVIRONMENTS_FILE)
    this.clock = options.clock ?? (() => new Date())
    this.guard = options.guard ?? createSecretGuard()
    this.sliceMs = options.loadSliceMs ?? 8
    mkdirSync(this.setupsDir, { recursive: true })
    this.ctx = { index: this.index, setupsDir: this.setupsDir, guard: this.guard, clock: this.clock, slicer: () => this.slicer() }
    this.deletions = new DeletionUndo(this.ctx, options.undoLimit ?? 20)
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
    this.watcher = new FolderWatcher({
      dir: this.dir,
      setupsDir: this.setupsDir,
      setupsFolderName: SETUPS_FOLDER,
      environmentsFileName: ENVIRONMENTS_FILE,
      debounceMs: options.watchDebounceMs ?? 150,
      flush: (pending) => void this.applyDiskChanges(pending)
    })
  }

  /** Creates the folder if needed and indexes every setup in it. */
  static async open(options: WorkspaceStoreOptions): Promise<WorkspaceStore> {
    const store = new WorkspaceStore(options)
    await store.load()
    return store
  }

  /**
   * Creates the folder if needed and starts indexing it without waiting:
   * a folder of 20,000 setups takes seconds to read, and the app's window
   * should not. Readers that need the whole list wait for whenIndexed();
   * writes queue behind the index anyway (one queue).
   */
  static start(options: WorkspaceStoreOptions, gate: Promise<unknown> = Promise.resolve()): { store: WorkspaceStore; indexed: Promise<LoadReport> } {
    const store = new WorkspaceStore(options)
    // `gate`: the reading starts once it resolves (the app's own start-up first); queued now, so
    // a write asked for meanwhile still waits for the index.
    const indexed = store.load(gate)
    store.indexed = indexed.catch(() => {})
    return { store, indexed }
  }

  /** Resolves once the first read of the folder is complete (at once for open()). */
  whenIndexed(): Promise<void> {
    return this.indexed.then(() => {})
  }

  // ---------------------------------------------------------------- reading

  /** Re-reads the whole folder (also what the watcher does when it cannot tell which file changed). */
  load(gate?: Promise<unknown>): Promise<LoadReport> {
    return this.serial(async () => {
      await gate
      await rescan(this.ctx, this.slicer())
      let unreadable = 0
      for (const entry of this.index.values()) if (!entry.parsed.ok) unreadable++
      return { setups: this.index.size, unreadable }
    })
  }

  /** Every setup file, sorted by name; unreadable files included, with `error`. */
  list(): SetupSummary[] {
    return this.index.list()
  }

  /**
   * Setups whose name, environment, widget (id or name), userid, appid,
   * clientid or file name contain every word of `query` (case-insensitive).
   * Setups whose name contains the whole query come first.
   */
  search(query: string, limit = Infinity): SetupSummary[] {
    return this.index.search(query, limit)
  }

  /** A window of the list, or of the hits of `query` (see SetupIndex.page). */
  page(query: string, offset: number, limit: number): SetupPage {
    return this.index.page(query, offset, limit)
  }

  /** The rows of these setups; null for one that is not in the folder. */
  summaries(ids: readonly string[]): Array<SetupSummary | null> {
    return this.index.summaries(ids)
  }

  /** How many setup files there are, and how many of them cannot be read. */
  counts(): { total: number; unreadable: number } {
    return { total: this.index.size, unreadable: this.index.unreadable() }
  }

  get(id: string): Result<SetupRecord> {
    const entry = this.index.get(id)
    if (!entry) return notFound()
    if (!entry.parsed.ok) {
      return fail('INVALID_INPUT', `${SETUPS_FOLDER}/${id}.json cannot be read: ${entry.parsed.message}`, {
        field: entry.parsed.issues[0]?.path || undefined,
        detail: entry.parsed.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('\n')
      })
    }
    return ok({ summary: this.index.summary(id), setup: structuredClone(entry.parsed.setup) })
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
    return this.serial(() => saveSetup(this.ctx, input.id, input.setup, input.baseRevision))
  }

  rename(id: string, name: string): Promise<Result<SaveSetupResult>> {
    return this.serial(async () => {
      const entry = this.index.get(id)
      if (!entry) return notFound()
      if (!entry.parsed.ok) return unreadable(entry)
      return saveSetup(this.ctx, id, { ...entry.parsed.setup, name })
    })
  }

  /** A copy under `name`, by default "Copy of <name>" (then "Copy of <name> (2)", ...). */
  duplicate(id: string, name?: string): Promise<Result<SaveSetupResult>> {
    return this.serial(async () => {
      const entry = this.index.get(id)
      if (!entry) return notFound()
      if (!entry.parsed.ok) return unreadable(entry)
      const copyName = name ?? this.index.freeName(`Copy of ${entry.parsed.setup.name}`)
      return saveSetup(this.ctx, undefined, { ...entry.parsed.setup, name: copyName })
    })
  }

  /** Deletes the files; their exact content is kept in memory so `restore(undoToken)` can put them back (setup-undo.ts). */
  delete(ids: string | readonly string[]): Promise<Result<DeleteResult>> {
    const list = typeof ids === 'string' ? [ids] : [...ids]
    return this.serial(() => this.deletions.delete(list))
  }

  /** Puts deleted setups back, byte for byte, under a free file name and name if theirs were taken since. */
  restore(undoToken: string): Promise<Result<SetupSummary[]>> {
    return this.serial(() => this.deletions.restore(undoToken))
  }

  // ---------------------------------------------------------------- import / export (setup-import.ts, setup-export.ts)

  previewImport(parsed: ParsedImport | ExportDocument, options: ImportOptions): Promise<ImportPreview> {
    return previewImport(this.ctx, parsed, options)
  }

  applyImport(parsed: ParsedImport | ExportDocument, options: ImportOptions): Promise<Result<ImportReport>> {
    return this.serial(() => applyImport(this.ctx, parsed, options))
  }

  exportSetups(ids: readonly string[] | 'all', environments: readonly ExportedEnvironment[], personasFor?: PersonasFor): Result<ExportedSetups> {
    return exportSetups(this.ctx, ids, environments, personasFor)
  }

  shareText(id: string, environments: readonly ExportedEnvironment[], personasFor?: PersonasFor): Result<string> {
    return shareText(this.ctx, id, environments, personasFor)
  }

  // ---------------------------------------------------------------- watching (folder-watcher.ts)

  /** Starts noticing changes made on disk; report them with on('changed'). Idempotent. */
  watch(): void {
    if (!this.closed) this.watcher.start()
  }

  on(event: 'changed', listener: ChangeListener): () => void {
    if (event !== 'changed') throw new TypeError(`Unknown event ${String(event)}`)
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Stops watching and waits for writes in progress. */
  async close(): Promise<void> {
    this.closed = true
    this.watcher.close()
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

  /** Brings the index in line with what the watcher saw on disk, and tells the listeners. */
  private applyDiskChanges(pending: PendingChanges): Promise<void> {
    return this.serial(async () => {
      if (this.closed) return
      const change: WorkspaceChange = { setups: { added: [], changed: [], removed: [] }, environments: false, rescanned: false }
      if (pending.rescan) {
        change.setups = await rescan(this.ctx, this.slicer())
        change.rescanned = true
        this.watcher.restart()
      } else {
        // A slice at a time: an import of thousands of setups comes back as thousands of events.
        const pause = this.slicer()
        for (const id of pending.ids) {
          const what = reconcile(this.ctx, id)
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
