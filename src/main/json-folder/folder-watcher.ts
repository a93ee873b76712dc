/**
 * Notices changes made on disk (git pull, an editor, another workbench) in
 * the workspace folder and a documents folder inside it (`setups/`,
 * `personas/`), and hands them over in debounced batches: which documents,
 * which of the workspace's own files (`environments.json`), or "rescan" when
 * it cannot tell (the folder was replaced, the platform gave no file name).
 */
import { existsSync, type FSWatcher, watch as watchFs } from 'node:fs'
import { isTempName } from '../workspace/atomic-write'

export interface PendingChanges {
  ids: Set<string>
  /** Files of the workspace folder itself (one of `rootFiles`) that changed. */
  rootFiles: Set<string>
  rescan: boolean
}

export interface FolderWatcherOptions {
  /** The workspace folder. */
  dir: string
  /** The documents folder inside it, and its name. */
  folder: string
  folderName: string
  /** Files of the workspace folder to report (e.g. environments.json). */
  rootFiles: readonly string[]
  /** The documents folder may be missing (personas/ before the first one): the root watcher sees it appear. */
  optionalFolder: boolean
  /** Quiet time after the last change before a batch is handed over. */
  debounceMs: number
  /** Receives each batch. */
  flush: (pending: PendingChanges) => void
}

const nothingPending = (): PendingChanges => ({ ids: new Set(), rootFiles: new Set(), rescan: false })

export class FolderWatcher {
  private watchers: FSWatcher[] = []
  private pending = nothingPending()
  private timer: NodeJS.Timeout | undefined
  private firstPendingAt = 0
  private closed = false

  constructor(private readonly options: FolderWatcherOptions) {}

  /** Starts watching both folders. Idempotent. */
  start(): void {
    if (this.watchers.length || this.closed) return
    this.watchFolder(this.options.dir, 'root')
    if (this.options.optionalFolder && !existsSync(this.options.folder)) return
    this.watchFolder(this.options.folder, 'documents')
  }

  /** Watches again from scratch (after a rescan: the folders may have been replaced or created). */
  restart(): void {
    this.stop()
    this.start()
  }

  stop(): void {
    for (const watcher of this.watchers) watcher.close()
    this.watchers = []
  }

  close(): void {
    this.closed = true
    this.stop()
    if (this.timer) clearTimeout(this.timer)
  }

  private watchFolder(path: string, which: 'root' | 'documents'): void {
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

  private onFsEvent(which: 'root' | 'documents', name: string | undefined): void {
    if (this.closed) return
    if (name === undefined) this.pending.rescan = true
    else if (which === 'root') {
      if (this.options.rootFiles.includes(name)) this.pending.rootFiles.add(name)
      else if (name === this.options.folderName) this.pending.rescan = true
      else return
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
    const { debounceMs } = this.options
    const wait = now - this.firstPendingAt > debounceMs * 10 ? 0 : debounceMs
    this.timer = setTimeout(() => {
      this.timer = undefined
      const pending = this.pending
      this.pending = nothingPending()
      this.options.flush(pending)
    }, wait)
  }
}
