/**
 * The in-memory index of a workspace's setup files: one Entry per file,
 * listed in name order (sorted once per change, then served from the cache)
 * and searched word by word. Everything the renderer sees of the list comes
 * from here; the files are read and written elsewhere.
 */
import { setupNameKey } from '../../shared/setup'
import type { SetupSummary } from '../../shared/workspace'
import { entryOf, type Entry } from './setup-entry'
import { stemKey } from './file-names'

export class SetupIndex {
  private readonly entries = new Map<string, Entry>()
  private sorted: SetupSummary[] | undefined

  get size(): number {
    return this.entries.size
  }

  has(id: string): boolean {
    return this.entries.has(id)
  }

  get(id: string): Entry | undefined {
    return this.entries.get(id)
  }

  ids(): string[] {
    return [...this.entries.keys()]
  }

  values(): IterableIterator<Entry> {
    return this.entries.values()
  }

  set(entry: Entry): Entry {
    this.entries.set(entry.id, entry)
    this.sorted = undefined
    return entry
  }

  /** Parses `raw` as the file `id` and indexes it. */
  put(id: string, raw: string, modifiedAt: string): Entry {
    return this.set(entryOf(id, raw, modifiedAt))
  }

  delete(id: string): boolean {
    this.sorted = undefined
    return this.entries.delete(id)
  }

  /** Every setup file, sorted by name; unreadable files included, with `error`. */
  list(): SetupSummary[] {
    return this.sortedList().slice()
  }

  /** The sorted list itself (not a copy): for callers that only read it. */
  sortedList(): readonly SetupSummary[] {
    if (!this.sorted) {
      const counts = new Map<string, number>()
      for (const e of this.entries.values()) if (e.nameKey) counts.set(e.nameKey, (counts.get(e.nameKey) ?? 0) + 1)
      this.sorted = [...this.entries.values()]
        .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((e) => (e.nameKey && (counts.get(e.nameKey) ?? 0) > 1 ? Object.freeze({ ...e.summary, duplicateName: true }) : e.summary))
    }
    return this.sorted
  }

  /**
   * Setups whose name, environment, widget (id or name), userid, appid,
   * clientid or file name contain every word of `query` (case-insensitive).
   * Setups whose name contains the whole query come first.
   */
  search(query: string, limit = Infinity): SetupSummary[] {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean)
    if (words.length === 0) return this.list().slice(0, limit)
    const whole = words.join(' ')
    const first: SetupSummary[] = []
    const rest: SetupSummary[] = []
    for (const summary of this.sortedList()) {
      const entry = this.entries.get(summary.id) as Entry
      if (!words.every((w) => entry.haystack.includes(w))) continue
      ;(summary.name.toLowerCase().includes(whole) ? first : rest).push(summary)
    }
    return [...first, ...rest].slice(0, limit)
  }

  /** The list row of `id` (which must exist), with the duplicate-name flag. */
  summary(id: string): SetupSummary {
    const entry = this.entries.get(id) as Entry
    let same = 0
    if (entry.nameKey) for (const e of this.entries.values()) if (e.nameKey === entry.nameKey) same++
    return same > 1 ? { ...entry.summary, duplicateName: true } : { ...entry.summary }
  }

  nameTaken(name: string, exceptId?: string): Entry | undefined {
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
