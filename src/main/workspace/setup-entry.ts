/**
 * One setup file as the workspace index holds it: its text as last read or
 * written, the parse, and what listing, sorting and searching need,
 * computed once when the file is read (so a list of 20,000 is plain string
 * work, never a re-parse).
 */
import { createHash } from 'node:crypto'
import { parseSetupText, setupNameKey, type ParsedSetup } from '../../shared/setup'
import { findWidget } from '../../shared/widget-catalog'
import type { SetupSummary } from '../../shared/workspace'

export const SETUPS_FOLDER = 'setups'

/** A setup is a few kilobytes; a file this large is listed with an error instead of being parsed. */
export const MAX_SETUP_FILE_BYTES = 2 * 1024 * 1024

export interface Entry {
  id: string
  /** The file's text as last read or written: how the watcher tells our own writes from others'. */
  raw: string
  modifiedAt: string
  parsed: ParsedSetup
  nameKey?: string
  /** Precomputed so sorting 5,000 names is plain string comparison (see sortKeyOf). */
  sortKey: string
  haystack: string
  /** The list row, without the duplicate-name flag (which depends on the other files). Frozen. */
  summary: SetupSummary
}

/**
 * Name -> key whose plain string order is the order a person expects:
 * case and accents ignored, numbers by value ("#9" before "#10"). Computed
 * once per file instead of calling Intl.Collator 60,000 times per sort.
 */
export function sortKeyOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, '').padStart(16, '0'))
}

/** The parse result of a file that is listed with `message` instead of being read as a setup. */
export function unreadableParse(message: string): ParsedSetup {
  return { ok: false, message, issues: [{ path: '', message }], dropped: [] }
}

export function tooLargeMessage(bytes: number): string {
  return `The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; a setup is at most ${MAX_SETUP_FILE_BYTES / 1024 / 1024} MB. It is not read and never overwritten.`
}

/** parseSetupText, with any failure of the parser itself (a stack overflow on hostile input) turned into a listed error. */
export function parseSafely(raw: string): ParsedSetup {
  if (raw.length > MAX_SETUP_FILE_BYTES) return unreadableParse(tooLargeMessage(raw.length))
  try {
    return parseSetupText(raw)
  } catch (error) {
    return unreadableParse(`The file could not be read as a setup (${error instanceof Error ? error.message : String(error)}).`)
  }
}

/** A setup file's revision: what the renderer sends back with a save, so a save over a newer version is refused. */
export function revisionOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16)
}

/** The list row of a file (the duplicate-name flag is added by the index, which sees all files). */
export function summaryOf(entry: Pick<Entry, 'id' | 'modifiedAt' | 'parsed'> & { raw?: string }): SetupSummary {
  const file = `${SETUPS_FOLDER}/${entry.id}.json`
  const base = { id: entry.id, file, modifiedAt: entry.modifiedAt, revision: revisionOf(entry.raw ?? '') }
  const p = entry.parsed
  if (!p.ok) {
    return { ...base, name: entry.id, environment: '', widget: '', userid: '', appid: '', error: p.message, issues: p.issues }
  }
  const s = p.setup
  const summary: SetupSummary = { ...base, name: s.name, environment: s.environment, widget: s.widget, userid: s.token.userid, appid: s.token.appid }
  if (s.token.clientid !== undefined) summary.clientid = s.token.clientid
  if (p.dropped.length) summary.ignoredSecrets = p.dropped.map((d) => d.path)
  return summary
}

function haystackOf(id: string, parsed: ParsedSetup): string {
  if (!parsed.ok) return id.toLowerCase()
  const s = parsed.setup
  const widget = findWidget(s.widget)
  return [s.name, s.environment, s.widget, widget?.name, widget?.currentName, s.token.userid, s.token.appid, s.token.clientid, id]
    .filter(Boolean)
    .join('\n')
    .toLowerCase()
}

/** The entry for a file whose text is `raw`. */
export function entryOf(id: string, raw: string, modifiedAt: string): Entry {
  const parsed = parseSafely(raw)
  const entry: Entry = {
    id,
    raw,
    modifiedAt,
    parsed,
    sortKey: sortKeyOf(parsed.ok ? parsed.setup.name : id),
    haystack: haystackOf(id, parsed),
    summary: Object.freeze(summaryOf({ id, modifiedAt, parsed, raw }))
  }
  if (parsed.ok) entry.nameKey = setupNameKey(parsed.setup.name)
  return entry
}

/** The entry for a file that is listed with `message` and never read or written (too large, unreadable). */
export function unreadableEntryOf(id: string, modifiedAt: string, message: string): Entry {
  const parsed = unreadableParse(message)
  return { id, raw: '', modifiedAt, parsed, sortKey: sortKeyOf(id), haystack: id.toLowerCase(), summary: Object.freeze(summaryOf({ id, modifiedAt, parsed })) }
}

export function errorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException
  return e?.code ? `${e.code}: ${e.message}` : error instanceof Error ? error.message : String(error)
}
