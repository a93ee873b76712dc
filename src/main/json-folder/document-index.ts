/**
 * The in-memory index of a folder's files: one entry per file, listed in
 * name order (sorted once per change, then served from the cache) and
 * searched word by word. Everything the renderer sees of the list comes
 * from here; the files are read and written elsewhere.
 */
import { setupNameKey } from '../../shared/setup'
import { stemKey } from '../workspace/file-names'
import type { DocumentKind, DocumentSummary } from './document-kind'
import { entryOf, type DocumentEntry } from './document-entry'

/** A window of the list: rows [offset, offset + items.length) of the `total` rows that match `query`. */
export interface DocumentPage<S> {
  query: string
  offset: number
  total: number
  items: S[]
}

export class DocumentIndex<T extends { name: string }, S extends DocumentSummary> {
  private readonly entries = new Map<string, DocumentEntry<T, S>>()
  private sorted: S[] | undefined
  /** The haystacks in list order, beside `sorted`: a search is one pass over plain strings. */
  private sortedHaystacks: string[] = []
  private unreadableCount = 0
  /**
   * The last search: its hits, and their positions in the list. Paging reuses it; a query typed on
   * from it searches only its positions (every row matching "acme p" matches "acme"). Dropped on any change.
   */
  private lastHits: { query: string; positions: Int32Array; hits: readonly S[] } | undefined
  /** Lower-case names in list order, beside `sorted`. */
  private sortedNames: string[] = []

  constructor(private readonly kind: DocumentKind<T, S>) {}

  get size(): number {
    return this.entries.size
  }

  has(id: string): boolean {
    return this.entries.has(id)
  }

  get(id: string): DocumentEntry<T, S> | undefined {
    return this.entries.get(id)
  }

  ids(): string[] {
    return [...this.entries.keys()]
  }

  values(): IterableIterator<DocumentEntry<T, S>> {
    return this.entries.values()
  }

  set(entry: DocumentEntry<T, S>): DocumentEntry<T, S> {
    this.entries.set(entry.id, entry)
    this.changed()
    return entry
  }

  /** Parses `raw` as the file `id` and indexes it. */
  put(id: string, raw: string, modifiedAt: string): DocumentEntry<T, S> {
    return this.set(entryOf(this.kind, id, raw, modifiedAt))
  }

  delete(id: string): boolean {
    this.changed()
    return this.entries.delete(id)
  }

  private changed(): void {
    this.sorted = undefined
    this.lastHits = undefined
  }

  /** How many files cannot be read. */
  unreadable(): number {
    this.sortedList()
    return this.unreadableCount
  }

  /** Every file, sorted by name; unreadable files included, with `error`. */
  list(): S[] {
    return this.sortedList().slice()
  }

  /** The sorted list itself (not a copy): for callers that only read it. */
  sortedList(): readonly S[] {
    if (!this.sorted) {
      const counts = new Map<string, number>()
      let unreadable = 0
      for (const e of this.entries.values()) {
        if (e.nameKey) counts.set(e.nameKey, (counts.get(e.nameKey) ?? 0) + 1)
        if (!e.parsed.ok) unreadable++
      }
      const entries = [...this.entries.values()].sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      this.sorted = entries.map((e) => (e.nameKey && (counts.get(e.nameKey) ?? 0) > 1 ? Object.freeze({ ...e.summary, duplicateName: true }) : e.summary))
      this.sortedHaystacks = entries.map((e) => e.haystack)
      this.sortedNames = this.sorted.map((s) => s.name.toLowerCase())
      this.unreadableCount = unreadable
    }
    return this.sorted
  }

  /**
   * Rows whose search text (the kind's searchText: for setups the name,
   * environment, widget, userid, appid, clientid and file name) contains
   * every word of `query` (case-insensitive). Rows whose name contains the
   * whole query come first.
   */
  search(query: string, limit = Infinity): S[] {
    return this.hits(query).slice(0, limit)
  }

  /** Rows [offset, offset + limit) of the search's hits (of the whole list for an empty query), and how many there are. */
  page(query: string, offset: number, limit: number): DocumentPage<S> {
    const hits = this.hits(query)
    return { query, offset, total: hits.length, items: hits.slice(offset, offset + limit) }
  }

  /** The rows of these files, null for one that is not (or no longer) in the folder. */
  summaries(ids: readonly string[]): Array<S | null> {
    return ids.map((id) => (this.entries.has(id) ? this.summary(id) : null))
  }

  private hits(query: string): readonly S[] {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean)
    const list = this.sortedList()
    if (words.length === 0) return list
    const whole = words.join(' ')
    const last = this.lastHits
    if (last?.query === whole) return last.hits
    // Longest word first: it rules out the most rows before the others are looked for.
    words.sort((a, b) => b.length - a.length)
    const haystacks = this.sortedHaystacks
    const names = this.sortedNames
    // Typed on from the last query: only its hits can match (each word extends one of its words or is new).
    const from = last && whole.startsWith(last.query) ? last.positions : undefined
    const count = from ? from.length : list.length
    const positions: number[] = []
    const first: S[] = []
    const rest: S[] = []
    for (let k = 0; k < count; k++) {
      const i = from ? from[k] : k
      const haystack = haystacks[i]
      if (!words.every((w) => haystack.includes(w))) continue
      positions.push(i)
      ;(names[i].includes(whole) ? first : rest).push(list[i])
    }
    const hits = first.length && rest.length ? [...first, ...rest] : first.length ? first : rest
    this.lastHits = { query: whole, positions: Int32Array.from(positions), hits }
    return hits
  }

  /** The list row of `id` (which must exist), with the duplicate-name flag. */
  summary(id: string): S {
    const entry = this.entries.get(id) as DocumentEntry<T, S>
    let same = 0
    if (entry.nameKey) for (const e of this.entries.values()) if (e.nameKey === entry.nameKey) same++
    return same > 1 ? { ...entry.summary, duplicateName: true } : { ...entry.summary }
  }

  nameTaken(name: string, exceptId?: string): DocumentEntry<T, S> | undefined {
    const key = setupNameKey(name)
    for (const entry of this.entries.values()) if (entry.id !== exceptId && entry.nameKey === key) return entry
    return undefined
  }

  /** `names`: the name keys in use, when the caller has them (a bulk import would otherwise scan every entry per setup). */
  freeName(name: string, alsoTaken: (key: string) => boolean = () => false, names?: ReadonlyMap<string, unknown>): string {
    const free = (n: string) => {
      const key = setupNameKey(n)
      return !(names ? names.has(key) : this.nameTaken(n)) && !alsoTaken(key)
    }
    if (free(name)) return name
    for (let n = 2; ; n++) if (free(`${name} (${n})`)) return `${name} (${n})`
  }

  /** The file stems in use, compared case-insensitively (see file-names.ts). */
  stemKeys(): Set<string> {
    return new Set([...this.entries.keys()].map(stemKey))
  }
}
