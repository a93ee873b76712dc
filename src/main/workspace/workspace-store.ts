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
 * The setups folder is a DocumentFolder (../json-folder/, shared with the
 * personas): index, reading, watching, saving with revisions, delete and
 * undo. What is the workspace's own lives here and beside it: setup-kind.ts
 * (what a setup file is), environments.json (json-file-store.ts),
 * setup-import.ts and setup-export.ts.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ExportDocument, ExportedEnvironment, ParsedImport } from '../../shared/export-format'
import type { Result } from '../../shared/result'
import type { SetupInput } from '../../shared/setup'
import type { DeleteResult, ImportPreview, ImportReport, SaveSetupResult, SetupPage, SetupRecord, SetupSummary, WorkspaceChange } from '../../shared/workspace'
import { DocumentFolder, type FolderChange } from '../json-folder/document-folder'
import { environmentsFileKeyOrder, JsonFileStore } from './json-file-store'
import { environmentsFileProblem } from '../environments/environments-file'
import { createSecretGuard, type SecretGuard } from './secret-guard'
import { setupKind, type SetupFolder } from './setup-kind'
import { exportSetups, shareText, type ExportedSetups, type PersonasFor } from './setup-export'
import { applyImport, previewImport, type ImportOptions } from './setup-import'

export { MAX_SETUP_FILE_BYTES, SETUPS_FOLDER } from './setup-kind'
export { revisionOf, sortKeyOf } from '../json-folder/document-entry'
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

export class WorkspaceStore {
  readonly dir: string
  readonly setupsDir: string
  readonly environmentsPath: string

  private readonly setups: SetupFolder
  private readonly listeners = new Set<ChangeListener>()
  private readonly envStore: JsonFileStore
  /** environments.json as last seen by the watcher or written by the app. */
  private envSeenText: string | undefined
  /** The first full read of the folder (see start()); resolved at once for a store that was never loaded. */
  private indexed: Promise<unknown> = Promise.resolve()

  constructor(options: WorkspaceStoreOptions) {
    this.dir = options.dir
    this.environmentsPath = join(options.dir, ENVIRONMENTS_FILE)
    const guard = options.guard ?? createSecretGuard()
    this.setups = new DocumentFolder(setupKind, {
      root: options.dir,
      guard,
      clock: options.clock,
      undoLimit: options.undoLimit,
      sliceMs: options.loadSliceMs,
      watchDebounceMs: options.watchDebounceMs,
      createFolder: true,
      rootFiles: [ENVIRONMENTS_FILE]
    })
    this.setupsDir = this.setups.dir
    this.envStore = new JsonFileStore(this.environmentsPath, {
      keyOrder: environmentsFileKeyOrder,
      guard,
      check: environmentsFileProblem,
      onWrite: (text) => {
        this.envSeenText = text
      }
    })
    this.envStore.problem()
    this.envSeenText = this.envStore.knownText()
    this.setups.on('changed', (change) => this.onDiskChange(change))
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
  async load(gate?: Promise<unknown>): Promise<LoadReport> {
    const { total, unreadable } = await this.setups.load(gate)
    return { setups: total, unreadable }
  }

  /** Every setup file, sorted by name; unreadable files included, with `error`. */
  list(): SetupSummary[] {
    return this.setups.index.list()
  }

  /**
   * Setups whose name, environment, widget (id or name), userid, appid,
   * clientid or file name contain every word of `query` (case-insensitive).
   * Setups whose name contains the whole query come first.
   */
  search(query: string, limit = Infinity): SetupSummary[] {
    return this.setups.index.search(query, limit)
  }

  /** A window of the list, or of the hits of `query` (see DocumentIndex.page). */
  page(query: string, offset: number, limit: number): SetupPage {
    return this.setups.index.page(query, offset, limit)
  }

  /** The rows of these setups; null for one that is not in the folder. */
  summaries(ids: readonly string[]): Array<SetupSummary | null> {
    return this.setups.index.summaries(ids)
  }

  /** How many setup files there are, and how many of them cannot be read. */
  counts(): { total: number; unreadable: number } {
    return { total: this.setups.index.size, unreadable: this.setups.index.unreadable() }
  }

  get(id: string): Result<SetupRecord> {
    const got = this.setups.get(id)
    return got.ok ? { ok: true, value: { summary: got.value.summary, setup: got.value.value } } : got
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
    return this.setups.save(input.id, input.setup, input.baseRevision)
  }

  rename(id: string, name: string): Promise<Result<SaveSetupResult>> {
    return this.setups.rename(id, name)
  }

  /** A copy under `name`, by default "Copy of <name>" (then "Copy of <name> (2)", ...). */
  duplicate(id: string, name?: string): Promise<Result<SaveSetupResult>> {
    return this.setups.duplicate(id, name)
  }

  /** Deletes the files; their exact content is kept in memory so `restore(undoToken)` can put them back. */
  delete(ids: string | readonly string[]): Promise<Result<DeleteResult>> {
    return this.setups.delete(typeof ids === 'string' ? [ids] : [...ids])
  }

  /** Puts deleted setups back, byte for byte, under a free file name and name if theirs were taken since. */
  restore(undoToken: string): Promise<Result<SetupSummary[]>> {
    return this.setups.restore(undoToken)
  }

  // ---------------------------------------------------------------- import / export (setup-import.ts, setup-export.ts)

  previewImport(parsed: ParsedImport | ExportDocument, options: ImportOptions): Promise<ImportPreview> {
    return previewImport(this.setups.ctx, parsed, options)
  }

  applyImport(parsed: ParsedImport | ExportDocument, options: ImportOptions): Promise<Result<ImportReport>> {
    return this.setups.serial(() => applyImport(this.setups.ctx, parsed, options))
  }

  exportSetups(ids: readonly string[] | 'all', environments: readonly ExportedEnvironment[], personasFor?: PersonasFor): Result<ExportedSetups> {
    return exportSetups(this.setups, ids, environments, personasFor)
  }

  shareText(id: string, environments: readonly ExportedEnvironment[], personasFor?: PersonasFor): Result<string> {
    return shareText(this.setups, id, environments, personasFor)
  }

  // ---------------------------------------------------------------- watching

  /** Starts noticing changes made on disk; report them with on('changed'). Idempotent. */
  watch(): void {
    this.setups.watch()
  }

  on(event: 'changed', listener: ChangeListener): () => void {
    if (event !== 'changed') throw new TypeError(`Unknown event ${String(event)}`)
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Stops watching and waits for writes in progress. */
  close(): Promise<void> {
    return this.setups.close()
  }

  /** What the watcher saw, with whether environments.json really changed (the app's own writes are known by content). */
  private onDiskChange(folder: FolderChange): void {
    let environments = false
    if (folder.rootFiles.includes(ENVIRONMENTS_FILE) || folder.rescanned) {
      const text = readEnvironmentsText(this.environmentsPath)
      if (text !== this.envSeenText) {
        this.envSeenText = text
        environments = true
      }
    }
    const setups = { added: folder.added, changed: folder.changed, removed: folder.removed }
    if (!setups.added.length && !setups.changed.length && !setups.removed.length && !environments) return
    const change: WorkspaceChange = { setups, environments, rescanned: folder.rescanned }
    for (const listener of this.listeners) {
      try {
        listener(change)
      } catch {
        // A listener's failure is its own; the others still hear of the change.
      }
    }
  }
}

function readEnvironmentsText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}
