/**
 * String literals for each generated language. Every value that reaches
 * generated code (the body, the domain, widget fields) goes through one of
 * these, so a quote, backslash, newline, "</script>", non-ASCII or emoji in
 * a userid still gives code that compiles and sends the same text.
 */

const hex4 = (code: number) => code.toString(16).padStart(4, '0')

/** Characters no language here takes raw inside a one-line literal. */
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/

/** JavaScript/TypeScript: JSON's string syntax, plus the line separators older engines refuse. */
export function jsString(text: string): string {
  return JSON.stringify(text).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}

/** A JS value literal (JSON is valid JS since ES2019; separators escaped for older tools). */
export function jsValue(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}

/**
 * JSON inside an HTML <script> element: nothing can close the element or open
 * a comment early ("</script>", "<!--"), whatever the values hold.
 */
export function scriptSafe(js: string): string {
  return js.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
}

export function htmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

export function htmlAttribute(text: string): string {
  return htmlText(text).replace(/"/g, '&quot;')
}

/** Python 3 "..." literal; non-ASCII kept as is (source files are UTF-8). */
export function pyString(text: string): string {
  let out = '"'
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (char === '\\') out += '\\\\'
    else if (char === '"') out += '\\"'
    else if (char === '\n') out += '\\n'
    else if (char === '\r') out += '\\r'
    else if (char === '\t') out += '\\t'
    else if (CONTROL.test(char)) out += `\\u${hex4(code)}`
    else if (code >= 0xd800 && code <= 0xdfff) out += `\\u${hex4(code)}`
    else out += char
  }
  return out + '"'
}

/** A Python literal for a JSON value (dict/list/str/int/float/True/False/None). */
export function pyValue(value: unknown, indent = '', step = '    '): string {
  if (value === null || value === undefined) return 'None'
  if (value === true) return 'True'
  if (value === false) return 'False'
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'None'
  if (typeof value === 'string') return pyString(value)
  const inner = indent + step
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    return `[\n${value.map((v) => inner + pyValue(v, inner, step)).join(',\n')},\n${indent}]`
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
  if (entries.length === 0) return '{}'
  return `{\n${entries.map(([k, v]) => `${inner}${pyString(k)}: ${pyValue(v, inner, step)}`).join(',\n')},\n${indent}}`
}

/**
 * Java "..." literal, ASCII only. Control characters use octal escapes, never
 * \\uXXXX: javac turns \\u000a into a real line break before it reads the
 * string, which would end the literal.
 */
export function javaString(text: string): string {
  let out = '"'
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    const code = text.charCodeAt(i)
    if (char === '\\') out += '\\\\'
    else if (char === '"') out += '\\"'
    else if (char === '\n') out += '\\n'
    else if (char === '\r') out += '\\r'
    else if (char === '\t') out += '\\t'
    else if (code < 0x20 || code === 0x7f) out += `\\${code.toString(8).padStart(3, '0')}`
    // UTF-16 units, so an emoji becomes its surrogate pair, as Java strings hold it.
    else if (code > 0x7e) out += `\\u${hex4(code)}`
    else out += char
  }
  return out + '"'
}

/** C# regular "..." literal, ASCII only (UTF-16 escapes, like Java's but without the pre-lexing trap). */
export function csString(text: string): string {
  let out = '"'
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    const code = text.charCodeAt(i)
    if (char === '\\') out += '\\\\'
    else if (char === '"') out += '\\"'
    else if (char === '\n') out += '\\n'
    else if (char === '\r') out += '\\r'
    else if (char === '\t') out += '\\t'
    else if (code < 0x20 || code > 0x7e) out += `\\u${hex4(code)}`
    else out += char
  }
  return out + '"'
}

/** Go interpreted "..." literal; non-ASCII kept as UTF-8 (Go source is UTF-8). */
export function goString(text: string): string {
  let out = '"'
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (char === '\\') out += '\\\\'
    else if (char === '"') out += '\\"'
    else if (char === '\n') out += '\\n'
    else if (char === '\r') out += '\\r'
    else if (char === '\t') out += '\\t'
    else if (CONTROL.test(char) || (code >= 0xd800 && code <= 0xdfff)) out += `\\u${hex4(code)}`
    else out += char
  }
  return out + '"'
}

/** PHP and Ruby single-quoted literals: only \\ and \' are escapes; newlines may stand raw. */
export function singleQuoted(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

/** POSIX shell single-quoted word: nothing is special inside but the quote itself. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}

/** One literal per line of `text`, joined by `join` (for languages without a safe multi-line literal). */
export function linesLiteral(text: string, literal: (line: string) => string, join: string): string {
  const lines = text.split('\n')
  return lines.map((line, i) => literal(i < lines.length - 1 ? `${line}\n` : line)).join(join)
}
