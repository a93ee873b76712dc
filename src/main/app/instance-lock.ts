/**
 * One running workbench per data folder, whatever the shell (Electron,
 * browser mode, tests): two processes writing the same stores lose each
 * other's environments and keys (issue 7: 20 of 200 environments, 29 of 200
 * keys).
 *
 * The lock is a file, `<dataDir>/workbench.lock`, holding the owner's pid,
 * host, start time and anything the shell adds (browser mode: its URL), so
 * a second launch can say where the first one is. It is created with
 * link(2) from a fully written temp file, so it exists complete or not at
 * all, and two launches cannot both create it.
 *
 * A lock whose process is gone (a crash, a kill -9) is stale: it is renamed
 * away (only one contender can win the rename) and taken over. Liveness is
 * `process.kill(pid, 0)` on the same host; a lock written on another host
 * (a data folder on a network share) is taken as live, and the message says
 * which file to delete if that machine no longer runs the workbench.
 */
import { randomUUID } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'

export const LOCK_FILE_NAME = 'workbench.lock'

export interface LockHolder {
  pid: number
  hostname: string
  startedAt: string
  /** Which shell holds it: 'electron', 'browser', 'node'. */
  shell?: string
  /** Where the running instance can be reached, when the shell has an address (browser mode). */
  url?: string
}

export interface InstanceLock {
  readonly file: string
  readonly holder: LockHolder
  /** Adds what a second launch should learn (e.g. `{ url }`); only the owner rewrites the file. */
  describe(extra: Pick<LockHolder, 'url'>): void
  /** Deletes the lock if it is still this instance's. Safe to call twice. */
  release(): void
}

export class InstanceLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder
  ) {
    const where = holder.url ? ` at ${holder.url}` : ''
    super(
      `The workbench is already running on this data folder (process ${holder.pid} on ${holder.hostname}${where}, started ${holder.startedAt}). ` +
        `Use that window, or close it first. If it is not running any more, delete ${lockFile}.`
    )
    this.name = 'InstanceLockedError'
  }
}

export interface AcquireOptions {
  shell?: string
  /** Default: process.kill(pid, 0). */
  isAlive?: (pid: number) => boolean
  host?: string
}

/** Locks taken by this process (a second createMainApp on one folder in one process must fail too). */
const heldHere = new Set<string>()

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

function parseHolder(text: string | undefined): (LockHolder & { token?: string }) | undefined {
  try {
    const value = JSON.parse(text ?? '') as LockHolder & { token?: string }
    return Number.isInteger(value?.pid) && value.pid > 0 && typeof value.hostname === 'string' ? value : undefined
  } catch {
    return undefined
  }
}

function readHolder(file: string): (LockHolder & { token?: string }) | undefined {
  return parseHolder(readText(file))
}

/** Writes `text` to `file` only if `file` does not exist; the file appears complete or not at all. */
function createExclusive(file: string, text: string): boolean {
  const temp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`
  writeFileSync(temp, text, { mode: 0o600 })
  try {
    linkSync(temp, file)
    return true
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return false
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error
    // A file system without hard links (FAT, some shares): exclusive create instead.
    try {
      writeFileSync(file, text, { flag: 'wx', mode: 0o600 })
      return true
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code === 'EEXIST') return false
      throw again
    }
  } finally {
    rmSync(temp, { force: true })
  }
}

/** Takes the data folder's lock or throws InstanceLockedError naming the holder. */
export function acquireInstanceLock(dataDir: string, options: AcquireOptions = {}): InstanceLock {
  mkdirSync(dataDir, { recursive: true })
  const file = join(dataDir, LOCK_FILE_NAME)
  const host = options.host ?? hostname()
  const isAlive = options.isAlive ?? isProcessAlive
  const token = randomUUID()
  let holder: LockHolder = { pid: process.pid, hostname: host, startedAt: new Date().toISOString(), ...(options.shell ? { shell: options.shell } : {}) }

  for (let attempt = 0; attempt < 5; attempt++) {
    if (!heldHere.has(file) && createExclusive(file, JSON.stringify({ ...holder, token }))) {
      heldHere.add(file)
      let released = false
      const release = () => {
        if (released) return
        released = true
        heldHere.delete(file)
        process.removeListener('exit', release)
        if (readHolder(file)?.token === token) rmSync(file, { force: true })
      }
      process.on('exit', release)
      return {
        file,
        get holder() {
          return { ...holder }
        },
        describe(extra) {
          if (released || readHolder(file)?.token !== token) return
          holder = { ...holder, ...extra }
          const temp = `${file}.${process.pid}.describe.tmp`
          writeFileSync(temp, JSON.stringify({ ...holder, token }), { mode: 0o600 })
          renameSync(temp, file)
        },
        release
      }
    }
    const seen = readText(file)
    if (seen === undefined) continue
    const current = parseHolder(seen)
    if (heldHere.has(file)) throw new InstanceLockedError(file, current ? stripToken(current) : holder)
    if (current) {
      const stale = current.hostname === host && (current.pid === process.pid || !isAlive(current.pid))
      if (!stale) throw new InstanceLockedError(file, stripToken(current))
    }
    // Stale (its process is gone), or unreadable (a lock is never half-written, see createExclusive, so
    // something else wrote it): move it out of the way. Of two launches doing this, the second may move
    // the first one's NEW lock: it then sees other content than it judged, and puts it back.
    const aside = `${file}.stale-${process.pid}-${randomUUID().slice(0, 8)}`
    try {
      renameSync(file, aside)
    } catch {
      continue
    }
    if (readText(aside) !== seen) {
      try {
        linkSync(aside, file)
      } catch {
        // Yet another lock was created meanwhile: that one stands.
      }
    }
    rmSync(aside, { force: true })
  }
  const current = readHolder(file)
  throw new InstanceLockedError(file, current ? stripToken(current) : holder)
}

function stripToken(value: LockHolder & { token?: string }): LockHolder {
  const rest: LockHolder & { token?: string } = { ...value }
  delete rest.token
  return rest
}
