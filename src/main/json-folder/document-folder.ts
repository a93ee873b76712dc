/**
 * A folder of JSON documents, one pretty-printed file each, that a team keeps
 * in git: `<workspace>/setups/` and `<workspace>/personas/`. The stores of
 * both (workspace-store.ts, persona-store.ts) are this plus what their kind
 * adds (environments.json and import/export; persona lookups by name).
 *
 * The rules: files are indexed in memory and listed and searched from there;
 * a file that cannot be read is listed with its error and never
 * overwritten; a secret in a file is ignored when read and dropped when
 * written; every write is atomic and goes through one queue (and, between
 * processes, the folder's write lock); a save names the revision it was made
 * from, so a save over a version changed on disk is refused; the file name
 * follows the name (file-names.ts); deletions can be undone byte for byte.
 * With `watch()`, changes made on disk (git pull, an editor) are read and
 * reported; the store's own writes are recognised by content.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { ok, type Result } from '../../shared/result'
import { createSecretGuard, type SecretGuard } from '../workspace/secret-guard'
import type { DocumentKind, DocumentSummary } from './document-kind'
import { DocumentIndex } from './document-index'
import { DeletionUndo, type Deleted } from './deletion-undo'
import { cannotRead, notFound, pathOf, unreadable, type FolderContext } from './folder-context'
import { anyChange, reconcile, rescan, rescanNow, type FolderChanges } from './folder-reader'
import { FolderWatcher, type PendingChanges } from './folder-watcher'
import { saveDocument, type SavedDocument } from './save-document'

export interface DocumentFolderOptions {
  /** The workspace folder; the documents are in its `kind.folder` folder. */
  root: string
  guard?: SecretGuard
  clock?: () => Date
  /** Deletions that can still be undone (default 20, oldest forgotten first). */
  undoLimit?: number
  /** Longest a read of the folder works before letting the event loop run (default 8 ms). */
  sliceMs?: number
  /** Quiet time after the last change on disk before it is read (default 150 ms). */
  watchDebounceMs?: number
  /** Make the folder when it is missing (setups/); otherwise it appears with the first write (personas/). */
  createFolder: boolean
  /** Files of the workspace folder whose changes on disk are reported too (environments.json). */
  rootFiles?: readonly string[]
}

/** What the watcher saw on disk, once the index is in line with it. */
export interface FolderChange extends FolderChanges {
  /** The whole folder was read again (it was replaced, or the platform did not name the file). */
  rescanned: boolean
  /** Files of `rootFiles` that were touched (their content may be unchanged). */
  rootFiles: string[]
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

export class DocumentFolder<T extends { name: string }, S extends DocumentSummary> {
  /** The folder of files. */
  readonly dir: string
  readonly index: DocumentIndex<T, S>
  readonly ctx: FolderContext<T, S>
  private readonly sliceMs: number
  private readonly createFolder: boolean
  private readonly deletions: DeletionUndo<T, S>
  private readonly watcher: FolderWatcher
  private readonly listeners = new Set<(change: FolderChange) => void>()
  private queue: Promise<unknown> = Promise.resolve()
  private closed = false

  constructor(
    readonly kind: DocumentKind<T, S>,
    options: DocumentFolderOptions
  ) {
    this.dir = join(options.root, kind.folder)
    this.index = new DocumentIndex(kind)
    this.sliceMs = options.sliceMs ?? 8
    this.createFolder = options.createFolder
    if (this.createFolder) mkdirSync(this.dir, { recursive: true })
    this.ctx = { kind, index: this.index, dir: this.dir, guard: options.guard ?? createSecretGuard(), clock: options.clock ?? (() => new Date()), slicer: () => this.slicer() }
    this.deletions = new DeletionUndo(this.ctx, options.undoLimit ?? 20)
    this.watcher = new FolderWatcher({
      dir: options.root,
      folder: this.dir,
      folderName: kind.folder,
      rootFiles: options.rootFiles ?? [],
      optionalFolder: !this.createFolder,
      debounceMs: options.watchDebounceMs ?? 150,
      flush: (pending) => void this.applyDiskChanges(pending)
    })
  }

  // ---------------------------------------------------------------- reading

  /** Reads the whole folder, a time slice at a time, after `gate`; says how many files there are and how many cannot be read. */
  load(gate?: Promise<unknown>): Promise<{ total: number; unreadable: number }> {
    return this.serial(async () => {
      await gate
      await rescan(this.ctx, this.createFolder, this.slicer())
      return { total: this.index.size, unreadable: this.index.unreadable() }
    })
  }

  /** Reads the whole folder at once: for folders of tens of files, read when opened. Reports whether anything changed. */
  loadNow(): boolean {
    return anyChange(rescanNow(this.ctx, this.createFolder))
  }

  pathOf(id: string): string {
    return pathOf(this.ctx, id)
  }

  /** The document `id`, or why it cannot be read. */
  get(id: string): Result<{ summary: S; value: T }> {
    const entry = this.index.get(id)
    if (!entry) return notFound(this.kind)
    if (!entry.parsed.ok) return cannotRead(this.kind, entry)
    return ok({ summary: this.index.summary(id), value: structuredClone(entry.parsed.value) })
  }

  /** The readable documents among `ids` (all of them: every readable one, the others listed in `skipped`). */
  readable(ids: readonly string[] | 'all'): Result<{ values: T[]; skipped: string[] }> {
    const all = ids === 'all'
    const chosen = all ? this.index.sortedList().map((s) => s.id) : ids
    const values: T[] = []
    const skipped: string[] = []
    for (const id of chosen) {
      const entry = this.index.get(id)
      if (!entry) return notFound(this.kind)
      if (entry.parsed.ok) values.push(entry.parsed.value)
      else if (all) skipped.push(id)
      else return unreadable(this.kind, entry)
    }
    return ok({ values, skipped })
  }

  // ---------------------------------------------------------------- writing

  /** Creates (no `id`) or updates (`id`) a document; see save-document.ts. */
  save(id: string | undefined, input: Record<string, unknown>, baseRevision?: string): Promise<Result<SavedDocument<S>>> {
    return this.serial(() => saveDocument(this.ctx, id, input, baseRevision))
  }

  rename(id: string, name: string): Promise<Result<SavedDocument<S>>> {
    return this.serial(async () => {
      const entry = this.index.get(id)
      if (!entry) return notFound(this.kind)
      if (!entry.parsed.ok) return unreadable(this.kind, entry)
      return saveDocument(this.ctx, id, { ...entry.parsed.value, name })
    })
  }

  /** A copy under `name`, by default "Copy of <name>" (then "Copy of <name> (2)", ...). */
  duplicate(id: string, name?: string): Promise<Result<SavedDocument<S>>> {
    return this.serial(async () => {
      const entry = this.index.get(id)
      if (!entry) return notFound(this.kind)
      if (!entry.parsed.ok) return unreadable(this.kind, entry)
      const copyName = name ?? this.index.freeName(`Copy of ${entry.parsed.value.name}`)
      return saveDocument(this.ctx, undefined, { ...entry.parsed.value, name: copyName })
    })
  }

  /** Deletes the files; their exact content is kept in memory so `restore(undoToken)` can put them back (deletion-undo.ts). */
  delete(ids: readonly string[]): Promise<Result<Deleted>> {
    return this.serial(() => this.deletions.delete(ids))
  }

  /** Puts deleted documents back, byte for byte, under a free file name and name if theirs were taken since. */
  restore(undoToken: string): Promise<Result<S[]>> {
    return this.serial(() => this.deletions.restore(undoToken))
  }

  /** Runs `task` in the folder's write queue: two writes never interleave. */
  serial<R>(task: () => Promise<R>): Promise<R> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => {})
    return run
  }

  // ---------------------------------------------------------------- watching (folder-watcher.ts)

  /** Starts noticing changes made on disk; report them with on('changed'). Idempotent. */
  watch(): void {
    if (!this.closed) this.watcher.start()
  }

  /** Told after a batch of changes on disk was read (only when files changed, rootFiles were touched, or the folder was read again). */
  on(event: 'changed', listener: (change: FolderChange) => void): () => void {
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

  /** A pause that lets the event loop run once `sliceMs` of work has passed since the last one. */
  slicer(): () => Promise<void> {
    let sliceStart = performance.now()
    return async () => {
      if (performance.now() - sliceStart <= this.sliceMs) return
      await yieldToEventLoop()
      sliceStart = performance.now()
    }
  }

  /** Brings the index in line with what the watcher saw on disk, and tells the listeners. */
  private applyDiskChanges(pending: PendingChanges): Promise<void> {
    return this.serial(async () => {
      if (this.closed) return
      let changes: FolderChanges = { added: [], changed: [], removed: [] }
      if (pending.rescan) {
        changes = await rescan(this.ctx, this.createFolder, this.slicer())
        // The folders may have been replaced, or the documents folder created: watch them anew.
        this.watcher.restart()
      } else {
        // A slice at a time: an import of thousands of files comes back as thousands of events.
        const pause = this.slicer()
        for (const id of pending.ids) {
          const what = reconcile(this.ctx, id)
          if (what) changes[what].push(id)
          await pause()
        }
      }
      const change: FolderChange = { ...changes, rescanned: pending.rescan, rootFiles: [...pending.rootFiles] }
      if (!anyChange(change) && !change.rescanned && change.rootFiles.length === 0) return
      for (const listener of this.listeners) {
        try {
          listener(change)
        } catch {
          // A listener's failure is its own; the others still hear of the change.
        }
      }
    })
  }
}
