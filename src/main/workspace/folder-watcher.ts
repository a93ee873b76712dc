/**
 * Notices changes made on disk (git pull, an editor, another workbench) in
 * the workspace folder and its setups folder, and hands them over in
 * debounced batches: which setup files, whether environments.json changed,
 * or "rescan" when it cannot tell (the folder was replaced, the platform
 * gave no file name).
 */
import { type FSWatcher, watch as watchFs } from 'node:fs'
import { isTempName } from './atomic-write'

export interface PendingChanges {
  ids: Set<string>
  environments: boolean
  rescan: boolean
}

export interface FolderWatcherOptions {
  dir: string
  setupsDir: string
  setupsFolderName: string
  environmentsFileName: string
  /** Quiet time after the last change before a batch is handed over. */
  debounceMs: number
  /** Receives each batch. */
  flush: (pending: PendingChanges) => void
}

const nothingPending = (): PendingChanges => ({ ids: new Set(), environments: false, rescan: false })

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
    this.watchFolder(this.options.setupsDir, 'setups')
  }

  /** Watches again from scratch (after a rescan: the folders may have been replaced). */
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

  private onFsEvent(which: 'root' | 'setups', name: string | undefined): void {
    if (this.closed) return
    if (name === undefined) this.pending.rescan = true
    else if (which === 'root') {
      if (name === this.options.environmentsFileName) this.pending.environments = true
      else if (name === this.options.setupsFolderName) this.pending.rescan = true
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
