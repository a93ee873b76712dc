/**
 * Finding compact JOSE tokens (a JWS has 3 dot-separated base64url parts, a
 * JWE 5) in user data, in linear time.
 *
 * Why not a regular expression: imports may be 16 MB, and the obvious
 * patterns backtrack. `/[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*){2,4}/g` re-reads
 * a long run without dots from every starting position (an 80,000-character
 * field froze the main process for 22 s), and `^…(\.[…]*){2}$` overflowed the
 * regex stack on a 5.6-million-character run. These scanners look at every
 * character a bounded number of times (at most 6: once to split a run into
 * parts, once per window of 5 parts it belongs to) and decode each candidate
 * header once. `steps` counts that work so tests can prove it stays linear.
 */
import { base64urlToBytes, base64urlToText } from './base64url'
import { isStrictJson } from './strict-json'

/** base64url's alphabet, by char code. */
const TOKEN_CHAR = new Uint8Array(128)
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_') TOKEN_CHAR[c.charCodeAt(0)] = 1
const DOT = 0x2e

function isTokenChar(code: number): boolean {
  return code < 128 && TOKEN_CHAR[code] === 1
}

/**
 * A JOSE header is a JSON object, so its first byte is `{` or JSON white
 * space, and the first base64url character encodes that byte's top 6 bits:
 * `{` -> e, space -> I, tab and line feed -> C, carriage return -> D. This
 * lets the scanners skip decoding almost every other part.
 */
function canStartHeader(code: number): boolean {
  return code === 101 || code === 73 || code === 67 || code === 68
}

/**
 * Whether the last byte of the decoded part, white space aside, can end a
 * JSON object (`}`). Decodes only the last two 4-character groups (base64
 * groups decode independently), so a text of many header-like parts such as
 * `eyJhbGciOi` ('{"alg":"') is dismissed without decoding each whole.
 */
function canEndHeader(text: string, start: number, end: number): boolean {
  const groups = Math.floor((end - start - 1) / 4)
  const decoded = base64urlToBytes(text.slice(start + Math.max(0, groups - 1) * 4, end))
  if (!decoded.ok) return false
  for (let i = decoded.bytes.length - 1; i >= 0; i--) {
    const byte = decoded.bytes[i]
    if (byte === 0x7d) return true
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false
  }
  // Only white space in the tail: let the full check decide.
  return true
}

/** Shortest header part, and shortest whole token, the guard ever reported (kept from the regex it replaces). */
const MIN_HEADER_LENGTH = 8
const MIN_TOKEN_LENGTH = 20

/** Work done by the last scan (characters visited + header characters decoded), for tests proving linearity. */
export const scanStats = { steps: 0 }

/** Whether `part` decodes (base64url, UTF-8) to a JSON object with a string `alg`: a JOSE header. */
function isJoseHeader(text: string, start: number, end: number): boolean {
  if (end - start < MIN_HEADER_LENGTH || !canStartHeader(text.charCodeAt(start)) || !canEndHeader(text, start, end)) return false
  scanStats.steps += end - start
  const decoded = base64urlToText(text.slice(start, end))
  // Checked first so that almost-headers cost no exception (see strict-json.ts).
  if (!decoded.ok || !isStrictJson(decoded.text)) return false
  try {
    const parsed = JSON.parse(decoded.text) as unknown
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && typeof (parsed as { alg?: unknown }).alg === 'string'
  } catch {
    return false
  }
}

/**
 * Whether the whole text (ignoring surrounding white space) is one compact
 * JWS or JWE: 3 or 5 base64url parts, the first at least 8 characters and a
 * JOSE header with `alg`, 20 characters in all.
 */
export function isCompactJose(value: string): boolean {
  scanStats.steps = 0
  const text = value.trim()
  if (text.length < MIN_TOKEN_LENGTH) return false
  let dots = 0
  let firstDot = -1
  for (let i = 0; i < text.length; i++) {
    scanStats.steps++
    const code = text.charCodeAt(i)
    if (code === DOT) {
      if (firstDot < 0) firstDot = i
      if (++dots > 4) return false
    } else if (!isTokenChar(code)) return false
  }
  if (dots !== 2 && dots !== 4) return false
  return isJoseHeader(text, 0, firstDot)
}

/**
 * Whether a compact JWS or JWE appears anywhere in the text, e.g. inside an
 * error message or a note: a part that is a JOSE header, followed within the
 * same run of base64url characters and dots by at least two more parts.
 */
export function containsCompactJose(text: string): boolean {
  scanStats.steps = 0
  // Start of each part of the current run, and where the run ends.
  const partStarts: number[] = []
  let i = 0
  while (i < text.length) {
    // Skip to the next run of token characters and dots.
    while (i < text.length && !isRunChar(text.charCodeAt(i))) {
      scanStats.steps++
      i++
    }
    partStarts.length = 0
    partStarts.push(i)
    while (i < text.length && isRunChar(text.charCodeAt(i))) {
      scanStats.steps++
      if (text.charCodeAt(i) === DOT) partStarts.push(i + 1)
      i++
    }
    if (runHasToken(text, partStarts, i)) return true
  }
  return false
}

function isRunChar(code: number): boolean {
  return code === DOT || isTokenChar(code)
}

/** Parts k..k+2 (JWS) or k..k+4 (JWE) of one run, where part k is a JOSE header. */
function runHasToken(text: string, partStarts: number[], runEnd: number): boolean {
  const parts = partStarts.length
  for (let k = 0; k + 2 < parts; k++) {
    scanStats.steps++
    const longest = partEnd(partStarts, runEnd, Math.min(k + 4, parts - 1)) - partStarts[k]
    if (longest < MIN_TOKEN_LENGTH) continue
    if (isJoseHeader(text, partStarts[k], partEnd(partStarts, runEnd, k))) return true
  }
  return false
}

function partEnd(partStarts: number[], runEnd: number, k: number): number {
  return k + 1 < partStarts.length ? partStarts[k + 1] - 1 : runEnd
}
