/**
 * Whether a text is exactly one JSON value (RFC 8259, what JSON.parse
 * accepts), decided without throwing. The token scanners try every
 * header-like part of a text; JSON.parse's exception costs ~10 µs, so a text
 * crafted with thousands of almost-headers would stall on exceptions alone.
 * Iterative (no recursion, so no stack overflow on deep nesting); linear.
 * Plain functions over (text, position) that return the next position or
 * -1: no closures per call, because this runs once per candidate header.
 */
const OBJECT = 1
const ARRAY = 2
const FAIL = -1

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

function isHex(code: number): boolean {
  return isDigit(code) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102)
}

/** `"`, `\`, `/`, b, f, n, r, t: the one-character escapes JSON allows. */
function isSimpleEscape(code: number): boolean {
  return code === 34 || code === 92 || code === 47 || code === 98 || code === 102 || code === 110 || code === 114 || code === 116
}

function skipSpace(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i)
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break
    i++
  }
  return i
}

/** From the opening quote to just after the closing one. */
function readString(text: string, i: number): number {
  i++
  while (i < text.length) {
    const c = text.charCodeAt(i++)
    if (c === 34) return i
    if (c < 32) return FAIL
    if (c === 92) {
      const e = text.charCodeAt(i++)
      if (e === 117) {
        for (let k = 0; k < 4; k++) if (!isHex(text.charCodeAt(i++))) return FAIL
      } else if (!isSimpleEscape(e)) return FAIL
    }
  }
  return FAIL
}

function readDigits(text: string, i: number): number {
  if (!isDigit(text.charCodeAt(i))) return FAIL
  while (isDigit(text.charCodeAt(i))) i++
  return i
}

function readNumber(text: string, i: number): number {
  if (text.charCodeAt(i) === 45) i++
  if (text.charCodeAt(i) === 48) i++
  else if ((i = readDigits(text, i)) === FAIL) return FAIL
  if (text.charCodeAt(i) === 46 && (i = readDigits(text, i + 1)) === FAIL) return FAIL
  const e = text.charCodeAt(i)
  if (e === 101 || e === 69) {
    i++
    const sign = text.charCodeAt(i)
    if (sign === 43 || sign === 45) i++
    return readDigits(text, i)
  }
  return i
}

/** `"key" :` inside an object, from before the key's white space to after the colon. */
function readKey(text: string, i: number): number {
  i = skipSpace(text, i)
  if (text.charCodeAt(i) !== 34 || (i = readString(text, i)) === FAIL) return FAIL
  i = skipSpace(text, i)
  return text.charCodeAt(i) === 58 ? i + 1 : FAIL
}

/** A scalar (string, number, true, false, null) at i. */
function readScalar(text: string, i: number): number {
  const c = text.charCodeAt(i)
  if (c === 34) return readString(text, i)
  if (c === 45 || isDigit(c)) return readNumber(text, i)
  for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) return i + word.length
  return FAIL
}

export function isStrictJson(text: string): boolean {
  const stack: number[] = []
  let i = 0
  for (;;) {
    // A value is expected here.
    i = skipSpace(text, i)
    const c = text.charCodeAt(i)
    if (c === 123 || c === 91) {
      i = skipSpace(text, i + 1)
      if (text.charCodeAt(i) === (c === 123 ? 125 : 93)) {
        i++
      } else {
        stack.push(c === 123 ? OBJECT : ARRAY)
        if (c === 123 && (i = readKey(text, i)) === FAIL) return false
        continue
      }
    } else if ((i = readScalar(text, i)) === FAIL) {
      return false
    }
    // After a value: close containers, or a comma and the next value.
    for (;;) {
      i = skipSpace(text, i)
      const top = stack[stack.length - 1]
      if (top === undefined) return i === text.length
      const next = text.charCodeAt(i)
      if (next === 44) {
        i++
        if (top === OBJECT && (i = readKey(text, i)) === FAIL) return false
        break
      }
      if (next !== (top === OBJECT ? 125 : 93)) return false
      i++
      stack.pop()
    }
  }
}
