/**
 * Finds an API key in a text however a server, proxy or framework wrote it
 * down, and removes it. One module for every place a key could slip out:
 * token results and errors, response headers, the log, the history,
 * workspace files, exports, share text, IPC replies and preview pages.
 *
 * How: the text is looked at through a few *decoded views* (JSON / JS
 * escapes `\"` `\/` `\uXXXX` `\xHH`, URL escapes `%XX` as UTF-8 with and
 * without `+` for space, HTML entities, line breaks taken out), each decoded
 * up to three times over (a double URL-encoded key, a JSON-escaped URL, ...).
 * Every character of a view remembers which span of the original text it
 * came from, so a match found in a view is removed from the original. In each
 * view (decoded-views.ts) the key is searched as text and as its byte encodings (base64 and
 * base64url at each of the three byte alignments, hex in either case), over
 * both the UTF-8 bytes and the bytes that went over the wire (Latin-1, as
 * Node sends a header). Every step is a single left-to-right pass or an
 * `indexOf`: linear in the text, no backtracking regular expressions.
 */
import { DECODE_ROUNDS, endOf, startOf, views, type View } from './decoded-views'

/** What a caller tells the user when a key came back from a server. */
export const KEY_ECHO_NOTICE = 'the server echoed your API key back; it was removed'

/** Keys shorter than this are not searched: they would match ordinary text. */
export const MIN_KEY_LENGTH = 6

interface Pattern {
  form: string
  /** Searched in the ASCII-lowercased view (hex). */
  caseless: boolean
  label: string
  key: string
}

const patternCache = new Map<string, Pattern[]>()

export class KeyEcho {
  private readonly patterns: Pattern[]

  /** Searches for every key given (at least MIN_KEY_LENGTH characters long; shorter ones are ignored). */
  constructor(keys: Iterable<string>) {
    const patterns: Pattern[] = []
    for (const key of new Set(keys)) if (key.length >= MIN_KEY_LENGTH) patterns.push(...patternsFor(key))
    // Longest first, so where two forms overlap the wider span is removed.
    this.patterns = patterns.sort((a, b) => b.form.length - a.form.length)
    this.shortest = patterns.length ? this.patterns[this.patterns.length - 1].form.length : Infinity
  }

  /** Decoding only shortens a text: one shorter than every form cannot hold a key (most strings of a reply). */
  private readonly shortest: number

  /**
   * How far past a cut an encoding of a key can reach, raw line breaks not counted (scrubHead skips
   * them): each decoding pass turns at most 12 characters into one (a 4-byte UTF-8 `%XX` run; an
   * entity is at most 10, `\uXXXX` 6), a view is decoded up to three times, and the longest form
   * searched is the hex of the key's bytes (up to 6 per key character), not the key. The 18 per key
   * character this used to be let a `\u`-escaped, twice URL-encoded key (30 per character) straddle it.
   * Not covered: padding with escaped or encoded line breaks (`\n`, `%0A`), which every pass drops;
   * a server doing that is cutting the key into pieces of its own, which no detector can tell.
   */
  get cutMargin(): number {
    return this.longestForm * MAX_SPAN_PER_UNIT ** DECODE_ROUNDS + 64
  }

  /** Length of the longest form searched (hex of the key's bytes, usually). */
  private get longestForm(): number {
    return this.patterns.length ? this.patterns[0].form.length : 0
  }

  /**
   * The first `length` characters of `text` as they may be shown, with every
   * key removed, scanning no further than `length + cutMargin` characters
   * (line breaks not counted): a body of megabytes costs what its shown part
   * costs. An encoding across the end of the part scanned is not whole there
   * and is not found, so the last cutMargin characters (line breaks not
   * counted) of the scrubbed part are never shown: removals
   * before them shorten the text and would otherwise bring them into view
   * (cutting at `length` after the scrub let part of a key through when
   * enough encodings of it came first). `cut`: something of the text is left
   * out; `removed`: a key was.
   */
  scrubHead(text: string, length: number): { text: string; cut: boolean; removed: boolean } {
    const margin = this.cutMargin
    // Line breaks do not count: every view drops them, so a key split across any number of lines is whole there.
    const end = pastBreaks(text, length + margin)
    if (end >= text.length) {
      const whole = this.scrub(text)
      return { text: whole.slice(0, length), cut: whole.length > length, removed: whole !== text }
    }
    const scanned = text.slice(0, end)
    const head = this.scrub(scanned)
    return { text: head.slice(0, Math.min(length, beforeLast(head, margin))), cut: true, removed: head !== scanned }
  }

  static of(key: string | undefined): KeyEcho {
    return new KeyEcho(key ? [key] : [])
  }

  get empty(): boolean {
    return this.patterns.length === 0
  }

  /** Whether the text holds a key in any encoding this module knows. */
  find(text: string): boolean {
    return this.which(text) !== undefined
  }

  /** The first key found in the text, in any encoding, or undefined. */
  which(text: string): string | undefined {
    if (this.empty || text.length < this.shortest) return undefined
    for (const view of views(text)) {
      const found = this.matchesIn(view, true)
      if (found.length) return found[0][3]
    }
    return undefined
  }

  /** The text with every key, in every encoding, replaced by `[redacted, ends in 1234]` (or `[redacted API key]`). */
  scrub(text: string): string {
    if (this.empty || text.length < this.shortest) return text
    let out = text
    // Removing a match can in theory glue two halves of another into one; look again (bounded).
    for (let round = 0; round < 3; round++) {
      const ranges: Array<[number, number, string, string?]> = []
      for (const view of views(out)) ranges.push(...this.matchesIn(view, false))
      if (!ranges.length) return out
      out = replaceRanges(out, ranges)
    }
    return this.find(out) ? '[removed: it contained an API key]' : out
  }

  /**
   * A copy of a JSON-like value with every string (values AND object keys)
   * scrubbed, and whether anything was removed. Walks the parsed value, so
   * an escape that only parsing undoes cannot hide a key.
   */
  scrubDeep<T>(value: T): { value: T; removed: boolean } {
    if (this.empty) return { value, removed: false }
    const state = { removed: false }
    return { value: this.walk(value, state, 0) as T, removed: state.removed }
  }

  private walk(value: unknown, state: { removed: boolean }, depth: number): unknown {
    if (typeof value === 'string') {
      const clean = this.scrub(value)
      if (clean !== value) state.removed = true
      return clean
    }
    // Deeper than any reply the app builds: cut rather than recurse without end.
    if (depth > 200 || value === null || typeof value !== 'object') return value
    if (Array.isArray(value)) return value.map((item) => this.walk(item, state, depth + 1))
    // Only plain objects are rebuilt; anything else (a Date, a Buffer) is passed through as it is.
    const proto = Object.getPrototypeOf(value)
    if (proto !== Object.prototype && proto !== null) return value
    const out: Record<string, unknown> = {}
    for (const [key, child] of Object.entries(value)) {
      const cleanKey = this.scrub(key)
      if (cleanKey !== key) state.removed = true
      Object.defineProperty(out, cleanKey, { value: this.walk(child, state, depth + 1), enumerable: true, writable: true, configurable: true })
    }
    return out
  }

  /** Original-text ranges of every match in a view (only the first when `firstOnly`). */
  private matchesIn(view: View, firstOnly: boolean): Array<[number, number, string, string]> {
    const found: Array<[number, number, string, string]> = []
    let lower: string | undefined
    for (const pattern of this.patterns) {
      const hay = pattern.caseless ? (lower ??= asciiLower(view.text)) : view.text
      for (let at = hay.indexOf(pattern.form); at !== -1; at = hay.indexOf(pattern.form, at + 1)) {
        found.push([startOf(view, at), endOf(view, at + pattern.form.length - 1), pattern.label, pattern.key])
        if (firstOnly) return found
      }
    }
    return found
  }
}

function patternsFor(key: string): Pattern[] {
  const cached = patternCache.get(key)
  if (cached) return cached
  // The last four characters say which key it was, unless they would need escaping where the label lands.
  const label = /^[\w.~-]{4}$/.test(key.slice(-4)) ? `[redacted, ends in ${key.slice(-4)}]` : '[redacted API key]'
  const forms = new Map<string, boolean>([[key, false]])
  const byteForms = [Buffer.from(key, 'utf8')]
  // What Node puts on the wire for a header: one byte per character up to U+00FF.
  if (/^[\x00-\xff]*$/.test(key) && /[\x80-\xff]/.test(key)) byteForms.push(Buffer.from(key, 'latin1'))
  for (const bytes of byteForms) {
    forms.set(bytes.toString('hex'), true)
    for (const core of base64Cores(bytes)) {
      forms.set(core, false)
      forms.set(core.replace(/\+/g, '-').replace(/\//g, '_'), false)
    }
  }
  const patterns = [...forms].filter(([form]) => form.length >= MIN_KEY_LENGTH).map(([form, caseless]) => ({ form, caseless, label, key }))
  if (patternCache.size > 500) patternCache.clear()
  patternCache.set(key, patterns)
  return patterns
}

/**
 * The part of the base64 text that depends only on the key's bytes, for each
 * of the three positions the key can start at inside a longer encoded value.
 */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = []
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes])
    const text = padded.toString('base64').replace(/=+$/, '')
    const skip = [0, 2, 3][offset]
    const fullChars = Math.floor((padded.length * 8) / 6)
    cores.push(text.slice(skip, fullChars))
  }
  return cores
}

const NON_ASCII = /[^\x00-\x7f]/

/**
 * Lowercases A-Z only, so every index of the result is the same as in the
 * text (toLowerCase can change a text's length: 'İ' becomes two units, and a
 * match found after it would be cut from the wrong place). On pure-ASCII text
 * (a token reply, almost every reply) toLowerCase does exactly that, about
 * 15x faster than the replace with a callback (issue 15: that replace was the
 * token path's largest own cost, ~20 µs per view of a 1 kB reply).
 */
function asciiLower(text: string): string {
  return NON_ASCII.test(text) ? text.replace(/[A-Z]+/g, (s) => s.toLowerCase()) : text.toLowerCase()
}

/** More than the most characters one decoding pass turns into one character (12: see cutMargin). */
const MAX_SPAN_PER_UNIT = 13

/** The index after the first `count` characters of `text` that are not line breaks (or text.length). */
function pastBreaks(text: string, count: number): number {
  let seen = 0
  let i = 0
  for (; i < text.length && seen < count; i++) {
    const c = text.charCodeAt(i)
    if (c !== 10 && c !== 13) seen++
  }
  return i
}

/** The index from which the last `count` characters of `text` that are not line breaks start (0 if fewer). */
function beforeLast(text: string, count: number): number {
  let seen = 0
  let i = text.length
  for (; i > 0 && seen < count; i--) {
    const c = text.charCodeAt(i - 1)
    if (c !== 10 && c !== 13) seen++
  }
  return i
}

function replaceRanges(text: string, ranges: Array<[number, number, string, string?]>): string {
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  let out = ''
  let cursor = 0
  for (const [start, end, label] of ranges) {
    if (end <= cursor) continue
    if (start >= cursor) {
      out += text.slice(cursor, start) + label
    }
    cursor = end
  }
  return out + text.slice(cursor)
}
