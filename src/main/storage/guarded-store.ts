/**
 * Opening one of the app's own store files (settings, secrets, the active
 * environment) so that no content of it can stop the app or silently lose
 * what it holds.
 *
 * Before conf/electron-store sees the file, it is checked: a folder where
 * the file should be, a file larger than the app ever writes, an empty or
 * binary file, text that is not JSON, JSON that is not an object (conf would
 * quietly turn `[1,2]` into `{"0":1,"1":2}` and `"x"` into `{"0":"x"}`), or a
 * shape the store's own check refuses (a `secrets` entry that is not a
 * text, ...). Any of these: the file is MOVED aside (see moveAside, never
 * wiped) and a fresh store is opened; the report says where the old file
 * went, for a notice in the UI.
 *
 * While the app runs, the same happens when conf throws on a file damaged
 * under it, and before every write (so a write never lands in a file of the
 * wrong shape, where conf would drop it or other values silently).
 *
 * When the file can be neither opened nor moved aside (permissions, a
 * read-only disk), the store lives in memory for this run and the report
 * says so: the app starts all the same.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import type { KeyValueStore } from './key-value-store'
import { MemoryStore } from './memory-store'
import { isCorruptStoreError, moveAside, type StoreRecoveryReport } from '../settings/open-store-safely'

/** A store's own shape rules over the parsed top-level object: what is wrong, or undefined. */
export type StoreShapeCheck = (data: Record<string, unknown>) => string | undefined

/** The app writes a few kilobytes to these files; anything this large was not written by it. */
export const MAX_STORE_BYTES = 8 * 1024 * 1024

export interface GuardedStoreOptions {
  open: () => KeyValueStore
  /** The file `open()` reads, to check and move aside. */
  filePath: string
  check?: StoreShapeCheck
  maxBytes?: number
  clock?: () => Date
  /** Hears of each recovery made while the app runs (the one at opening is in the returned report). */
  onRecovered?: (report: StoreRecoveryReport) => void
}

function errorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException
  return e?.code ? `${e.code}: ${e.message}` : error instanceof Error ? error.message : String(error)
}

function describeJson(value: unknown): string {
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'null'
  return `a ${typeof value}`
}

/** Why the file cannot be used as this store's file, or undefined (also when there is no file). */
export function storeFileProblem(filePath: string, check?: StoreShapeCheck, maxBytes = MAX_STORE_BYTES): string | undefined {
  try {
    let size: number
    try {
      const stat = statSync(filePath)
      if (stat.isDirectory()) return 'it is a folder, not a file'
      size = stat.size
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      return `it cannot be read (${errorText(error)})`
    }
    if (size > maxBytes) return `it is ${(size / 1024 / 1024).toFixed(1)} MB, far larger than the workbench ever writes (limit ${maxBytes / 1024 / 1024} MB)`
    const text = readFileSync(filePath, 'utf8')
    if (text.trim() === '') return 'it is empty'
    let data: unknown
    try {
      data = JSON.parse(text)
    } catch (error) {
      return `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return `it holds ${describeJson(data)} instead of a JSON object`
    return check?.(data as Record<string, unknown>)
  } catch (error) {
    return `it cannot be read (${errorText(error)})`
  }
}

export function openGuardedStore(options: GuardedStoreOptions): { store: KeyValueStore; report: StoreRecoveryReport } {
  const { filePath } = options
  const clock = options.clock ?? (() => new Date())
  let inner: KeyValueStore

  /** Moves the file aside; when that fails, the store goes to memory. */
  const setAside = (problem: string): StoreRecoveryReport => {
    try {
      return moveAside(filePath, problem, clock)
    } catch (error) {
      inner = new MemoryStore(filePath)
      return { recovered: false, memoryOnly: true, error: `${problem}; it could not be moved aside either (${errorText(error)})` }
    }
  }

  /** Opens the store; a file conf still refuses is moved aside once; anything else: memory. */
  const openFresh = (): StoreRecoveryReport | undefined => {
    try {
      inner = options.open()
      return undefined
    } catch (error) {
      if (isCorruptStoreError(error) && existsSync(filePath)) {
        const report = setAside(errorText(error))
        if (report.memoryOnly) return report
        try {
          inner = options.open()
          return report
        } catch (again) {
          inner = new MemoryStore(filePath)
          return { ...report, memoryOnly: true, error: `${report.error}; a fresh file could not be opened (${errorText(again)})` }
        }
      }
      inner = new MemoryStore(filePath)
      return { recovered: false, memoryOnly: true, error: `it could not be opened (${errorText(error)})` }
    }
  }

  let report: StoreRecoveryReport = { recovered: false }
  const problem = storeFileProblem(filePath, options.check, options.maxBytes)
  if (problem) report = setAside(problem)
  if (!report.memoryOnly) report = openFresh() ?? report

  const recoverNow = (problem: string): void => {
    const moved = setAside(problem)
    const reopened = moved.memoryOnly ? undefined : openFresh()
    options.onRecovered?.(reopened ?? moved)
  }

  const guarded = <R>(write: boolean, call: (store: KeyValueStore) => R): R => {
    if (inner instanceof MemoryStore) return call(inner)
    if (write) {
      const found = storeFileProblem(filePath, options.check, options.maxBytes)
      if (found) recoverNow(found)
    }
    try {
      return call(inner)
    } catch (error) {
      if (!isCorruptStoreError(error) || !existsSync(filePath)) throw error
      recoverNow(errorText(error))
      return call(inner)
    }
  }

  const store: KeyValueStore = {
    get path() {
      return filePath
    },
    get: (key) => guarded(false, (s) => s.get(key)),
    set: (key, value) => guarded(true, (s) => s.set(key, value)),
    delete: (key) => guarded(true, (s) => s.delete(key))
  }
  return { store, report }
}
