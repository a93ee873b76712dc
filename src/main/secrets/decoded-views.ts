/**
 * The decoded views of a text that KeyEcho searches for a key (key-echo.ts):
 * JSON / JS escapes, URL escapes (with and without `+` for space), HTML
 * entities and line breaks taken out, each pass stacked up to three deep.
 * Every character of a view remembers the span of the original text it came
 * from, so a match found in a view can be cut from the original. Every pass
 * is one left-to-right scan: linear in the text.
 */

import { createHash } from 'node:crypto'

/** How many times a view is decoded again (URL-encoded twice, then JSON-escaped, ...). */
export const DECODE_ROUNDS = 3

export interface View {
  text: string
  /** For the UTF-16 unit at index i of `text`: where its source starts and ends in the original (null: the original itself). */
  from: Int32Array | null
  to: Int32Array | null
}

/**
 * The decoders a view can go through. Each is its own pass (a key holding a
 * literal `\` must survive an HTML-entity pass), and passes are stacked up
 * to DECODE_ROUNDS deep in any order, so layered encodings (a URL-encoded
 * JSON text, a JSON-escaped URL, a line-wrapped base64) are all undone.
 * Every pass also drops line breaks, so a key split across lines reads whole.
 */
type Family = 'lines' | 'json' | 'url' | 'form' | 'html'
const FAMILIES: Array<{ family: Family; trigger: RegExp }> = [
  { family: 'lines', trigger: /[\r\n]/ },
  { family: 'json', trigger: /\\/ },
  { family: 'url', trigger: /%/ },
  { family: 'form', trigger: /[%+]/ },
  { family: 'html', trigger: /&/ }
]
/*
 * No cap on the number of views below the one the rounds set (at most 1 + 5 + 5² + 5³ = 156, each one
 * linear pass, and only for passes that change the text: a reply that holds no escapes has one view).
 * A cap of 16 used to stop the tree part way through the second round: a body that held one escape of
 * each family (`&amp;`, `%41`, `+`, a line break, `\u0041`, all harmless) used up the budget, and 114 of
 * 270 three-layer encodings of a key next to it went unfound (test/unit/main/secrets/key-echo.test.ts).
 *
 * The views are made one at a time, depth first, as the search asks for them: a view costs about 12
 * bytes per character of the text (its text and where each character came from), so holding the whole
 * tree of a 5 MB reply at once would take gigabytes; depth first, at most one view per round is held.
 * `which` stops at the first view with a key. A text reached again is not decoded again, unless it is
 * reached at a shallower depth (then what lies below it within the rounds may not have been seen).
 */
export function* views(text: string): Generator<View> {
  const root = identity(text)
  yield root
  yield* below(root, 0, new Reached(text))
}

/**
 * The texts `below` has walked (by fingerprint) and the shallowest depth
 * each was reached at; the original is reached at depth 0. The original's
 * own fingerprint is taken only once a decoded text as long as it turns up:
 * a fingerprint carries its text's length, so no text of another length can
 * match it. A reply with no escapes has no decoded text and is never hashed
 * (the SHA-256 of a 2 MB import preview was half of its search, issue 15).
 */
class Reached {
  readonly #depths = new Map<string, number>()
  #original: string | undefined

  constructor(original: string) {
    this.#original = original
  }

  /** The depth `text` (whose fingerprint is `print`) was reached at before, or undefined. */
  before(text: string, print: string): number | undefined {
    if (this.#original !== undefined && text.length === this.#original.length) {
      this.#depths.set(fingerprint(this.#original), 0)
      this.#original = undefined
    }
    return this.#depths.get(print)
  }

  set(print: string, depth: number): void {
    this.#depths.set(print, depth)
  }
}

function* below(view: View, depth: number, reached: Reached): Generator<View> {
  if (depth >= DECODE_ROUNDS) return
  for (const { family, trigger } of FAMILIES) {
    if (!trigger.test(view.text)) continue
    const decoded = decodeOnce(view, family)
    if (!decoded) continue
    const print = fingerprint(decoded.text)
    const before = reached.before(decoded.text, print)
    if (before !== undefined && before <= depth + 1) continue
    reached.set(print, depth + 1)
    if (before === undefined) yield decoded
    yield* below(decoded, depth + 1, reached)
  }
}

/** A short text stands for itself; a long one by its SHA-256 over its UTF-16 units (exact: no lossy encoding). */
function fingerprint(text: string): string {
  return text.length <= 1024 ? `t${text}` : `h${text.length}:${createHash('sha256').update(text, 'utf16le').digest('base64')}`
}

function identity(text: string): View {
  return { text, from: null, to: null }
}

export function startOf(view: View, i: number): number {
  return view.from ? view.from[i] : i
}

export function endOf(view: View, i: number): number {
  return view.to ? view.to[i] : i + 1
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", sol: '/', bsol: '\\', plus: '+', percnt: '%', equals: '=', nbsp: '\u00a0' }
const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', "'": "'", t: '\t', b: '\b', f: '\f', v: '\v', '0': '\0' }

/** The value of a hex digit's char code, or -1. */
function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48
  if (code >= 65 && code <= 70) return code - 55
  if (code >= 97 && code <= 102) return code - 87
  return -1
}

/** The number written by `count` hex digits at `at`, or -1. */
function hexAt(text: string, at: number, count: number): number {
  if (at + count > text.length) return -1
  let value = 0
  for (let k = 0; k < count; k++) {
    const digit = hexValue(text.charCodeAt(at + k))
    if (digit < 0) return -1
    value = value * 16 + digit
  }
  return value
}

const UTF16 = new TextDecoder('utf-16le')

/** Output of one pass: UTF-16 units with their source spans, in typed arrays (the texts can be megabytes). */
class Output {
  private units: Uint16Array
  private from: Int32Array
  private to: Int32Array
  length = 0

  constructor(
    private readonly source: View,
    capacity: number
  ) {
    this.units = new Uint16Array(capacity)
    this.from = new Int32Array(capacity)
    this.to = new Int32Array(capacity)
  }

  /** Emits `chars` as coming from source[start, end). */
  emit(chars: string, start: number, end: number): void {
    const from = startOf(this.source, start)
    const to = endOf(this.source, end - 1)
    for (let k = 0; k < chars.length; k++) {
      if (this.length === this.units.length) this.grow()
      this.units[this.length] = chars.charCodeAt(k)
      this.from[this.length] = from
      this.to[this.length] = to
      this.length++
    }
  }

  /** Copies source[start, end) unchanged. */
  copy(start: number, end: number): void {
    while (this.length + (end - start) > this.units.length) this.grow()
    const { text, from, to } = this.source
    for (let k = start; k < end; k++) this.units[this.length + k - start] = text.charCodeAt(k)
    if (from && to) {
      this.from.set(from.subarray(start, end), this.length)
      this.to.set(to.subarray(start, end), this.length)
    } else {
      for (let k = start; k < end; k++) {
        this.from[this.length + k - start] = k
        this.to[this.length + k - start] = k + 1
      }
    }
    this.length += end - start
  }

  private grow(): void {
    const size = this.units.length * 2 + 16
    const units = new Uint16Array(size)
    const from = new Int32Array(size)
    const to = new Int32Array(size)
    units.set(this.units)
    from.set(this.from)
    to.set(this.to)
    Object.assign(this, { units, from, to })
  }

  view(): View {
    // One flat string (a concatenated one makes every later text[i] slow).
    const text = UTF16.decode(this.units.subarray(0, this.length))
    return { text, from: this.from.subarray(0, this.length), to: this.to.subarray(0, this.length) }
  }
}

/**
 * One decoding pass of one family over a view: every escape of that family
 * becomes the character it stands for; line breaks (raw, or `\n` / `\r` in
 * the JSON family) are dropped. Returns undefined when nothing changed.
 */
function decodeOnce(view: View, family: Family): View | undefined {
  const { text } = view
  const length = text.length
  const out = new Output(view, length)
  const json = family === 'json'
  const percent = family === 'url' || family === 'form'
  let changed = false
  let runStart = 0
  let i = 0
  // Plain characters are copied in runs; only escapes are looked at one by one.
  const flush = (upTo: number) => {
    if (upTo > runStart) out.copy(runStart, upTo)
  }
  while (i < length) {
    const c = text.charCodeAt(i)
    let next = -1
    if (c === 13 || c === 10) {
      next = i + 1
    } else if (json && c === 92 && i + 1 < length) {
      const n = text[i + 1]
      const u = n === 'u' ? hexAt(text, i + 2, 4) : n === 'x' ? hexAt(text, i + 2, 2) : -1
      const simple = SIMPLE_ESCAPES[n]
      if (n === 'n' || n === 'r') {
        flush(i)
        next = i + 2
      } else if (u >= 0) {
        const width = n === 'u' ? 6 : 4
        flush(i)
        out.emit(String.fromCharCode(u), i, i + width)
        next = i + width
      } else if (simple !== undefined) {
        flush(i)
        out.emit(simple, i, i + 2)
        next = i + 2
      }
    } else if (percent && c === 37 && hexAt(text, i + 1, 2) >= 0) {
      flush(i)
      next = decodePercentRun(text, i, out)
    } else if (c === 43 && family === 'form') {
      flush(i)
      out.emit(' ', i, i + 1)
      next = i + 1
    } else if (c === 38 && family === 'html') {
      // Entities are short: look at most 12 characters ahead for the `;` (never to the end: that would be quadratic).
      const semi = semicolonWithin(text, i + 1, 12)
      const decoded = semi !== -1 ? decodeEntity(text.slice(i + 1, semi)) : undefined
      if (decoded !== undefined) {
        flush(i)
        out.emit(decoded, i, semi + 1)
        next = semi + 1
      }
    }
    if (next === -1) {
      i++
      continue
    }
    if (c === 13 || c === 10) flush(i)
    changed = true
    i = next
    runStart = next
  }
  flush(length)
  return changed ? out.view() : undefined
}

function semicolonWithin(text: string, from: number, count: number): number {
  const end = Math.min(text.length, from + count)
  for (let k = from; k < end; k++) if (text.charCodeAt(k) === 59) return k
  return -1
}

function decodeEntity(name: string): string | undefined {
  if (name.startsWith('#x') || name.startsWith('#X')) {
    const code = name.length <= 8 ? hexAt(name, 2, name.length - 2) : -1
    return name.length > 2 && code >= 0 ? safeFromCodePoint(code) : undefined
  }
  if (name.startsWith('#')) {
    const dec = name.slice(1)
    return /^\d{1,7}$/.test(dec) ? safeFromCodePoint(Number(dec)) : undefined
  }
  return NAMED_ENTITIES[name]
}

function safeFromCodePoint(code: number): string | undefined {
  return code <= 0x10ffff ? String.fromCodePoint(code) : undefined
}

/**
 * Decodes a run of `%XX` escapes as UTF-8 (an invalid sequence byte by byte
 * as Latin-1), emitting each character with the span of escapes it came
 * from. Returns the index after the run.
 */
function decodePercentRun(text: string, start: number, out: Output): number {
  const bytes: number[] = []
  const at: number[] = []
  let i = start
  for (let byte = hexAt(text, i + 1, 2); text[i] === '%' && byte >= 0; byte = hexAt(text, i + 1, 2)) {
    bytes.push(byte)
    at.push(i)
    i += 3
  }
  let b = 0
  while (b < bytes.length) {
    const lead = bytes[b]
    const length = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xc2 && lead <= 0xdf ? 2 : 1
    let valid = length > 1 && b + length <= bytes.length
    for (let k = 1; valid && k < length; k++) valid = (bytes[b + k] & 0xc0) === 0x80
    if (length > 1 && valid) {
      let code = lead & (0xff >> (length + 1))
      for (let k = 1; k < length; k++) code = (code << 6) | (bytes[b + k] & 0x3f)
      out.emit(String.fromCodePoint(code), at[b], at[b + length - 1] + 3)
      b += length
    } else {
      out.emit(String.fromCharCode(lead), at[b], at[b] + 3)
      b++
    }
  }
  return i
}
