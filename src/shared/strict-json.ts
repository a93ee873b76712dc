/**
 * Whether a text is exactly one JSON value (RFC 8259, what JSON.parse
 * accepts), decided without throwing. The token scanners try every
 * header-like part of a text; JSON.parse's exception costs ~10 µs, so a text
 * crafted with thousands of almost-headers would stall on exceptions alone.
 * Iterative (no recursion, so no stack overflow on deep nesting); linear.
 */
const OBJECT = 1
const ARRAY = 2

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

function isHex(code: number): boolean {
  return isDigit(code) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102)
}

// `"`, `\`, `/`, b, f, n, r, t: the one-character escapes JSON allows.
const SIMPLE_ESCAPES = new Set([34, 92, 47, 98, 102, 110, 114, 116])

export function isStrictJson(text: string): boolean {
  const n = text.length
  let i = 0
  const stack: number[] = []

  const skipSpace = () => {
    while (i < n) {
      const c = text.charCodeAt(i)
      if (c === 32 || c === 9 || c === 10 || c === 13) i++
      else break
    }
  }
  const readString = (): boolean => {
    i++ // the opening quote
    while (i < n) {
      const c = text.charCodeAt(i++)
      if (c === 34) return true
      if (c < 32) return false
      if (c === 92) {
        const e = text.charCodeAt(i++)
        if (e === 117) {
          for (let k = 0; k < 4; k++) if (!isHex(text.charCodeAt(i++))) return false
        } else if (!SIMPLE_ESCAPES.has(e)) return false
      }
    }
    return false
  }
  const readDigits = (): boolean => {
    if (!isDigit(text.charCodeAt(i))) return false
    while (isDigit(text.charCodeAt(i))) i++
    return true
  }
  const readNumber = (): boolean => {
    if (text.charCodeAt(i) === 45) i++
    if (text.charCodeAt(i) === 48) i++
    else if (!readDigits()) return false
    if (text.charCodeAt(i) === 46) {
      i++
      if (!readDigits()) return false
    }
    const e = text.charCodeAt(i)
    if (e === 101 || e === 69) {
      i++
      const sign = text.charCodeAt(i)
      if (sign === 43 || sign === 45) i++
      if (!readDigits()) return false
    }
    return true
  }
  const readWord = (word: string): boolean => {
    if (!text.startsWith(word, i)) return false
    i += word.length
    return true
  }
  /** `"key" :` inside an object. */
  const readKey = (): boolean => {
    skipSpace()
    if (text.charCodeAt(i) !== 34 || !readString()) return false
    skipSpace()
    if (text.charCodeAt(i) !== 58) return false
    i++
    return true
  }

  for (;;) {
    // A value is expected here.
    skipSpace()
    const c = text.charCodeAt(i)
    if (c === 123 || c === 91) {
      i++
      skipSpace()
      const close = c === 123 ? 125 : 93
      if (text.charCodeAt(i) === close) {
        i++
      } else {
        stack.push(c === 123 ? OBJECT : ARRAY)
        if (c === 123 && !readKey()) return false
        continue
      }
    } else if (c === 34) {
      if (!readString()) return false
    } else if (c === 45 || isDigit(c)) {
      if (!readNumber()) return false
    } else if (!(readWord('true') || readWord('false') || readWord('null'))) {
      return false
    }
    // After a value: close containers, or a comma and the next value.
    for (;;) {
      skipSpace()
      const top = stack[stack.length - 1]
      if (top === undefined) return i === n
      const next = text.charCodeAt(i)
      if (next === 44) {
        i++
        if (top === OBJECT && !readKey()) return false
        break
      }
      if ((top === OBJECT && next === 125) || (top === ARRAY && next === 93)) {
        i++
        stack.pop()
        continue
      }
      return false
    }
  }
}
