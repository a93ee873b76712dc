/**
 * A short-lived lock around one write in a workspace folder, so that two
 * processes sharing the folder (two workbenches on one git checkout, with
 * their own data folders) cannot both pass the "has it changed since it was
 * read?" check and then overwrite each other. Inside one process the
 * WorkspaceStore's queue already orders writes; this orders them between
 * processes.
 *
 * The lock is a file created exclusively ('wx'); it starts with a dot, so
 * listings and the watcher skip it. A lock left by a process that died (same
 * host, pid gone) or older than `staleMs` is removed and taken.
 */
import { readFile, rm, stat, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { isProcessAlive } from '../app/instance-lock'

export interface FolderLockOptions {
  /** Longest wait for another process's write (default 5 s). */
  timeoutMs?: number
  /** A lock older than this is taken over whatever its pid (default 30 s; a write takes milliseconds). */
  staleMs?: number
}

export class FolderBusyError extends Error {
  constructor(lockPath: string) {
    super(`Another process is writing in this workspace (lock ${lockPath}); try again in a moment.`)
    this.name = 'FolderBusyError'
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function isStale(lockPath: string, staleMs: number): Promise<boolean> {
  try {
    const [text, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)])
    if (Date.now() - info.mtimeMs > staleMs) return true
    const holder = JSON.parse(text) as { pid?: unknown; host?: unknown }
    return holder.host === hostname() && typeof holder.pid === 'number' && holder.pid !== process.pid && !isProcessAlive(holder.pid)
  } catch {
    // Half-written by its creator this very moment, or gone: not stale (the age rule catches a damaged one).
    return false
  }
}

export async function withFolderLock<T>(lockPath: string, task: () => Promise<T>, options: FolderLockOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 5_000)
  const staleMs = options.staleMs ?? 30_000
  for (;;) {
    try {
      await writeFile(lockPath, JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() }), { flag: 'wx' })
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      if (await isStale(lockPath, staleMs)) {
        await rm(lockPath, { force: true })
        continue
      }
      if (Date.now() > deadline) throw new FolderBusyError(lockPath)
      await sleep(2 + Math.random() * 10)
    }
  }
  try {
    return await task()
  } finally {
    await rm(lockPath, { force: true })
  }
}
