/**
 * The history of token requests and preview runs: the last `limit` (1,000)
 * entries, newest first, searchable.
 *
 * Persisted as JSON lines in the app's data folder (not the workspace: it is
 * per machine), one entry per line, so recording one is an append, not a
 * rewrite. When the file holds twice the limit, it is rewritten (atomically)
 * with the newest `limit`. A line that cannot be read (a crash mid-append)
 * is skipped and counted, never fatal.
 *
 * An entry never holds an API key or a full token: callers pass the raw
 * token as `token` and the store keeps only summarizeToken(token); then,
 * before anything is written, the entry is checked against the secret guard
 * (known API keys, anything shaped like a JOSE token) and refused if it
 * contains one, e.g. in an error message that echoed a header.
 */
import { randomUUID } from 'node:crypto'
import { appendFileSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import type { HistoryEntry, HistoryKind, HistoryQuery, HistoryStatus } from '../../shared/history'
import { fail, ok, type Result } from '../../shared/result'
import { backupPathFor } from '../settings/open-store-safely'
import { writeFileAtomicSync } from '../workspace/atomic-write'
import { createSecretGuard, type SecretGuard } from '../workspace/secret-guard'
import { summarizeToken } from './token-summary'

export const HISTORY_LIMIT = 1000

/** What a caller records: an entry without its id and time, with the raw token, which the store reduces to its summary. */
export type HistoryInput = Omit<HistoryEntry, 'id' | 'time' | 'token' | 'timings'> & {
  timings?: Record<string, number>
  /** The token as received; only its summary is kept. */
  token?: string
}

export interface HistoryStoreOptions {
  /** The JSON-lines file, e.g. `<userData>/history.jsonl`. */
  file: string
  limit?: number
  clock?: () => Date
  /** Wire to the vault's known keys (see createSecretGuard); default: refuses full tokens only. */
  guard?: SecretGuard
}

export interface HistoryLoadReport {
  entries: number
  /** Lines that could not be read and were skipped. */
  skippedLines: number
  /** Where the skipped lines were copied, byte for byte, before the file was rewritten without them. */
  skippedBackup?: string
  /** The whole file could not be used (a folder, unreadable, too large): where it was moved, and why. */
  movedAside?: { backupPath: string; reason: string }
  /** The file could be neither read nor moved aside: history is kept in memory for this run. */
  memoryOnly?: string
}

/** The history file holds at most 2,000 entries of at most MAX_ENTRY_CHARS each: anything larger was not written by it. */
export const MAX_HISTORY_FILE_BYTES = 64 * 1024 * 1024
/** Longest entry line; an entry with a larger request keeps no request (no re-run) instead. */
export const MAX_ENTRY_CHARS = 16 * 1024

const KINDS: readonly HistoryKind[] = ['token', 'preview']
const STATUSES: readonly HistoryStatus[] = ['success', 'failure']

function isEntry(value: unknown): value is HistoryEntry {
  const e = value as HistoryEntry
  return (
    !!e &&
    typeof e === 'object' &&
    typeof e.id === 'string' &&
    typeof e.time === 'string' &&
    KINDS.includes(e.kind) &&
    STATUSES.includes(e.status) &&
    typeof e.timings === 'object' &&
    e.timings !== null
  )
}

function searchText(entry: HistoryEntry): string {
  return [entry.kind, entry.status, entry.setupName, entry.environmentName, entry.widget, entry.userid, entry.appid, entry.httpStatus, entry.errorCode, entry.error]
    .filter((v) => v !== undefined && v !== '')
    .join('\n')
    .toLowerCase()
}

const TEXT_LIMIT = 2000

function errorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException
  return e?.code ? `${e.code}: ${e.message}` : error instanceof Error ? error.message : String(error)
}

function cleanText(value: string | undefined): string | undefined {
  return value === undefined ? undefined : value.slice(0, TEXT_LIMIT)
}

export class HistoryStore {
  readonly file: string
  private readonly limit: number
  private readonly clock: () => Date
  private readonly guard: SecretGuard
  /** Oldest first, at most `limit`. */
  private entries: Array<{ entry: HistoryEntry; text: string }> = []
  /** Lines in the file, to know when to compact it. */
  private linesOnDisk = 0
  /** Set when the file cannot be used: entries are kept in memory only. */
  private memoryOnly = false
  readonly loadReport: HistoryLoadReport

  constructor(options: HistoryStoreOptions) {
    this.file = options.file
    this.limit = options.limit ?? HISTORY_LIMIT
    this.clock = options.clock ?? (() => new Date())
    this.guard = options.guard ?? createSecretGuard()
    this.loadReport = this.openSafely()
  }

  /**
   * Records one token request or preview run. Refused (nothing written) when
   * the entry would contain a known API key or a full token.
   */
  add(input: HistoryInput): Result<HistoryEntry> {
    const entry: HistoryEntry = {
      id: randomUUID(),
      time: this.clock().toISOString(),
      kind: input.kind,
      status: input.status,
      timings: Object.fromEntries(Object.entries(input.timings ?? {}).filter(([, v]) => Number.isFinite(v)))
    }
    const optional = {
      setupName: cleanText(input.setupName),
      environmentName: cleanText(input.environmentName),
      widget: cleanText(input.widget),
      userid: cleanText(input.userid),
      appid: cleanText(input.appid),
      httpStatus: input.httpStatus,
      errorCode: cleanText(input.errorCode),
      error: cleanText(input.error),
      token: input.token ? summarizeToken(input.token) : undefined,
      request: input.request ? structuredClone(input.request) : undefined
    }
    for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(entry, { [key]: value })

    let line = JSON.stringify(entry)
    if (line.length > MAX_ENTRY_CHARS && entry.request) {
      // A huge token body (permissions, extra fields) is not kept: the entry stays, without re-run.
      delete entry.request
      line = JSON.stringify(entry)
    }
    if (line.length > MAX_ENTRY_CHARS) return fail('INVALID_INPUT', `The history entry was not recorded: it is larger than ${MAX_ENTRY_CHARS / 1024} KB.`)
    const leak = this.guard.check(line) ?? (input.token && line.includes(input.token.trim()) ? 'it contains the full token' : undefined)
    if (leak) return fail('INVALID_INPUT', `The history entry was not recorded: ${leak}.`)

    if (!this.memoryOnly) {
      try {
        appendFileSync(this.file, `${line}\n`, { mode: 0o600 })
      } catch (error) {
        return fail('INTERNAL', `The history entry was not recorded: ${this.file} cannot be written (${errorText(error)}).`)
      }
    }
    this.linesOnDisk++
    this.entries.push({ entry, text: searchText(entry) })
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit)
    if (this.linesOnDisk >= this.limit * 2) this.compact()
    return ok(structuredClone(entry))
  }

  /** Newest first. */
  list(limit = this.limit): HistoryEntry[] {
    return this.query({ limit })
  }

  /** Newest first; every word of `text` must appear in the entry's setup, environment, widget, ids, status or error. */
  query(q: HistoryQuery = {}): HistoryEntry[] {
    const words = (q.text ?? '').toLowerCase().split(/\s+/).filter(Boolean)
    const limit = q.limit ?? this.limit
    const out: HistoryEntry[] = []
    for (let i = this.entries.length - 1; i >= 0 && out.length < limit; i--) {
      const { entry, text } = this.entries[i]
      if (q.kind && entry.kind !== q.kind) continue
      if (q.status && entry.status !== q.status) continue
      if (!words.every((w) => text.includes(w))) continue
      out.push(structuredClone(entry))
    }
    return out
  }

  get(id: string): HistoryEntry | undefined {
    const found = this.entries.find((e) => e.entry.id === id)
    return found && structuredClone(found.entry)
  }

  get size(): number {
    return this.entries.length
  }

  clear(): void {
    this.entries = []
    if (!this.memoryOnly) writeFileAtomicSync(this.file, '')
    this.linesOnDisk = 0
  }

  /**
   * Loads the file; a file that cannot be used at all is moved aside (never
   * wiped); when even that fails, the history lives in memory for this run.
   * Never throws: the history must not stop the app from starting.
   */
  private openSafely(): HistoryLoadReport {
    let reason: string | undefined
    try {
      mkdirSync(dirname(this.file), { recursive: true })
      const stat = statSync(this.file, { throwIfNoEntry: false })
      if (!stat) return { entries: 0, skippedLines: 0 }
      if (!stat.isFile()) reason = 'it is not a file'
      else if (stat.size > MAX_HISTORY_FILE_BYTES) reason = `it is ${(stat.size / 1024 / 1024).toFixed(0)} MB, far larger than the history ever grows`
      else return this.load()
    } catch (error) {
      reason = `it cannot be read (${errorText(error)})`
    }
    this.entries = []
    try {
      const backupPath = backupPathFor(this.file, this.clock())
      renameSync(this.file, backupPath)
      return { entries: 0, skippedLines: 0, movedAside: { backupPath, reason } }
    } catch (error) {
      this.memoryOnly = true
      return { entries: 0, skippedLines: 0, memoryOnly: `${reason}; it could not be moved aside either (${errorText(error)})` }
    }
  }

  private load(): HistoryLoadReport {
    const text = readFileSync(this.file, 'utf8')
    const skipped: string[] = []
    const lines = text.split('\n').filter((l) => l.trim() !== '')
    for (const line of lines) {
      try {
        const value = JSON.parse(line) as unknown
        if (isEntry(value)) this.entries.push({ entry: value, text: searchText(value) })
        else skipped.push(line)
      } catch {
        skipped.push(line)
      }
    }
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit)
    this.linesOnDisk = lines.length
    const report: HistoryLoadReport = { entries: this.entries.length, skippedLines: skipped.length }
    // Lines this version cannot read are kept, as they were, next to the file before it is rewritten without them.
    if (skipped.length) {
      report.skippedBackup = backupPathFor(this.file, this.clock())
      writeFileAtomicSync(report.skippedBackup, skipped.map((l) => `${l}\n`).join(''))
    }
    // A half-written last line would glue itself to the next append: start clean.
    if (skipped.length > 0 || (text !== '' && !text.endsWith('\n')) || this.linesOnDisk > this.limit) this.compact()
    return report
  }

  private compact(): void {
    if (this.memoryOnly) return
    const text = this.entries.map(({ entry }) => `${JSON.stringify(entry)}\n`).join('')
    try {
      writeFileAtomicSync(this.file, text)
      this.linesOnDisk = this.entries.length
    } catch {
      // The appends stay valid JSON lines; compaction is tried again at the next append.
    }
  }
}
