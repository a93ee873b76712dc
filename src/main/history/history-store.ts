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
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { HistoryEntry, HistoryKind, HistoryQuery, HistoryStatus } from '../../shared/history'
import { fail, ok, type Result } from '../../shared/result'
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
}

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
  readonly loadReport: HistoryLoadReport

  constructor(options: HistoryStoreOptions) {
    this.file = options.file
    this.limit = options.limit ?? HISTORY_LIMIT
    this.clock = options.clock ?? (() => new Date())
    this.guard = options.guard ?? createSecretGuard()
    mkdirSync(dirname(this.file), { recursive: true })
    this.loadReport = this.load()
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

    const line = JSON.stringify(entry)
    const leak = this.guard.check(line) ?? (input.token && line.includes(input.token.trim()) ? 'it contains the full token' : undefined)
    if (leak) return fail('INVALID_INPUT', `The history entry was not recorded: ${leak}.`)

    appendFileSync(this.file, `${line}\n`, { mode: 0o600 })
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
    writeFileAtomicSync(this.file, '')
    this.linesOnDisk = 0
  }

  private load(): HistoryLoadReport {
    let text: string
    try {
      text = readFileSync(this.file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: 0, skippedLines: 0 }
      throw error
    }
    let skippedLines = 0
    const lines = text.split('\n').filter((l) => l.trim() !== '')
    for (const line of lines) {
      try {
        const value = JSON.parse(line) as unknown
        if (isEntry(value)) this.entries.push({ entry: value, text: searchText(value) })
        else skippedLines++
      } catch {
        skippedLines++
      }
    }
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit)
    this.linesOnDisk = lines.length
    // A half-written last line would glue itself to the next append: start clean.
    if (skippedLines > 0 || (text !== '' && !text.endsWith('\n')) || this.linesOnDisk > this.limit) this.compact()
    return { entries: this.entries.length, skippedLines }
  }

  private compact(): void {
    const text = this.entries.map(({ entry }) => `${JSON.stringify(entry)}\n`).join('')
    writeFileAtomicSync(this.file, text)
    this.linesOnDisk = this.entries.length
  }
}
