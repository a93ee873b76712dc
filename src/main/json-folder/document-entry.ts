/**
 * One file as a folder's index holds it: its text as last read or written,
 * the parse, and what listing, sorting and searching need, computed once
 * when the file is read (so a list of 20,000 is plain string work, never a
 * re-parse).
 */
import { createHash } from 'node:crypto'
import { setupNameKey } from '../../shared/setup'
import type { DocumentKind, DocumentSummary, ParsedDocument } from './document-kind'

export interface DocumentEntry<T, S> {
  id: string
  /** The file's text as last read or written: how the watcher tells our own writes from others'. */
  raw: string
  modifiedAt: string
  parsed: ParsedDocument<T>
  /** The name as compared for clashes (setupNameKey); only for a readable file. */
  nameKey?: string
  /** Precomputed so sorting 5,000 names is plain string comparison (see sortKeyOf). */
  sortKey: string
  haystack: string
  /** The list row, without the duplicate-name flag (which depends on the other files). Frozen. */
  summary: S
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

/** A file's revision: what the renderer sends back with a save, so a save over a newer version is refused. */
export function revisionOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16)
}

export function errorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException
  return e?.code ? `${e.code}: ${e.message}` : error instanceof Error ? error.message : String(error)
}

/** The parse result of a file that is listed with `message` instead of being read. */
export function unreadableParse<T>(message: string): ParsedDocument<T> {
  return { ok: false, message, issues: [{ path: '', message }], dropped: [] }
}

export function tooLargeMessage(kind: Pick<DocumentKind<never, never>, 'noun' | 'maxFileBytes'>, bytes: number): string {
  return `The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; a ${kind.noun} is at most ${kind.maxFileBytes / 1024 / 1024} MB. It is not read and never overwritten.`
}

/** kind.parse, with any failure of the parser itself (a stack overflow on hostile input) turned into a listed error. */
export function parseSafely<T extends { name: string }, S extends DocumentSummary>(kind: DocumentKind<T, S>, raw: string): ParsedDocument<T> {
  if (raw.length > kind.maxFileBytes) return unreadableParse(tooLargeMessage(kind, raw.length))
  try {
    return kind.parse(raw)
  } catch (error) {
    return unreadableParse(`The file could not be read as a ${kind.noun} (${error instanceof Error ? error.message : String(error)}).`)
  }
}

/** The list row of a file (the duplicate-name flag is added by the index, which sees all files). */
export function summaryOf<T extends { name: string }, S extends DocumentSummary>(
  kind: DocumentKind<T, S>,
  entry: { id: string; modifiedAt: string; parsed: ParsedDocument<T>; raw?: string }
): S {
  const base = { id: entry.id, file: `${kind.folder}/${entry.id}.json`, modifiedAt: entry.modifiedAt, revision: revisionOf(entry.raw ?? '') }
  const p = entry.parsed
  if (!p.ok) return { ...base, name: entry.id, ...kind.rowFields(undefined), error: p.message, issues: p.issues } as unknown as S
  const summary = { ...base, name: p.value.name, ...kind.rowFields(p.value) } as unknown as S
  if (p.dropped.length) summary.ignoredSecrets = p.dropped.map((d) => d.path)
  return summary
}

function haystackOf<T extends { name: string }, S extends DocumentSummary>(kind: DocumentKind<T, S>, id: string, parsed: ParsedDocument<T>): string {
  const value = parsed.ok ? parsed.value : undefined
  if (kind.searchText) return kind.searchText(id, value)
  return [value?.name, id].filter(Boolean).join('\n').toLowerCase()
}

/** The entry for a file whose text is `raw`. */
export function entryOf<T extends { name: string }, S extends DocumentSummary>(kind: DocumentKind<T, S>, id: string, raw: string, modifiedAt: string): DocumentEntry<T, S> {
  const parsed = parseSafely(kind, raw)
  const entry: DocumentEntry<T, S> = {
    id,
    raw,
    modifiedAt,
    parsed,
    sortKey: sortKeyOf(parsed.ok ? parsed.value.name : id),
    haystack: haystackOf(kind, id, parsed),
    summary: Object.freeze(summaryOf(kind, { id, modifiedAt, parsed, raw }))
  }
  if (parsed.ok) entry.nameKey = setupNameKey(parsed.value.name)
  return entry
}

/** The entry for a file that is listed with `message` and never read or written (too large, unreadable). */
export function unreadableEntryOf<T extends { name: string }, S extends DocumentSummary>(kind: DocumentKind<T, S>, id: string, modifiedAt: string, message: string): DocumentEntry<T, S> {
  const parsed = unreadableParse<T>(message)
  return { id, raw: '', modifiedAt, parsed, sortKey: sortKeyOf(id), haystack: id.toLowerCase(), summary: Object.freeze(summaryOf(kind, { id, modifiedAt, parsed })) }
}
