/**
 * Every way a key can be written down that this project has seen or can
 * imagine a server doing, computed here independently of the app's own
 * detector (src/main/secrets/key-echo.ts), so a scan with these forms tests
 * that detector rather than repeating it.
 */
import { randomBytes } from 'node:crypto'

/**
 * A sentinel key with every character that escaping changes: JSON (`"`, `\`,
 * `/` for PHP), Go's HTML-safe JSON (`&`, `<`, `>`), URL encoding (`+`, `&`,
 * `/`, space, `%`, `=`), HTML (`&`, `<`, `>`, `"`), non-ASCII (`é`). It ends
 * in random hex so its last four characters (what the UI may show) are plain.
 * An emoji cannot travel in an HTTP header (Node refuses it), so the keys a
 * server can echo use `é` for non-ASCII; `withEmoji` adds one for detector tests.
 */
export function makeSentinel(options: { withSpace?: boolean; withNonAscii?: boolean; withEmoji?: boolean } = {}): string {
  const space = options.withSpace === false ? '' : ' '
  const nonAscii = options.withNonAscii === false ? '' : 'é'
  const emoji = options.withEmoji ? '😀' : ''
  return `SENTINEL"\\/&+<>${space}%=${nonAscii}${emoji}-${randomBytes(8).toString('hex')}`
}

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8')

function uEscape(text: string, upper: boolean): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const hex = text.charCodeAt(i).toString(16).padStart(4, '0')
    out += `\\u${upper ? hex.toUpperCase() : hex}`
  }
  return out
}

function percentAll(text: string, upper: boolean): string {
  return [...utf8(text)].map((b) => `%${b.toString(16).padStart(2, '0')}`).map((s) => (upper ? s.toUpperCase() : s)).join('')
}

function htmlEntities(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)
}

function htmlNumeric(text: string): string {
  return [...text].map((c) => (/[A-Za-z0-9]/.test(c) ? c : `&#${c.codePointAt(0)};`)).join('')
}

/** Named forms of `key`; a text containing any of them holds the key. */
export function keyEncodings(key: string): Array<{ name: string; form: string }> {
  const json = JSON.stringify(key).slice(1, -1)
  const forms: Array<{ name: string; form: string }> = [
    { name: 'exact', form: key },
    { name: 'json', form: json },
    { name: 'json-slash', form: json.replace(/\//g, '\\/') },
    { name: 'json-go', form: json.replace(/&/g, '\\u0026').replace(/</g, '\\u003c').replace(/>/g, '\\u003e') },
    { name: 'json-go-upper', form: json.replace(/&/g, '\\u0026').replace(/</g, '\\u003C').replace(/>/g, '\\u003E') },
    { name: 'json-ascii', form: json.replace(/[^\x20-\x7e]/g, (c) => uEscape(c, false)) },
    { name: 'u-escaped', form: uEscape(key, false) },
    { name: 'u-escaped-upper', form: uEscape(key, true) },
    { name: 'url', form: encodeURIComponent(key) },
    { name: 'url-form', form: new URLSearchParams({ k: key }).toString().slice(2) },
    { name: 'url-lower', form: encodeURIComponent(key).replace(/%[0-9A-F]{2}/g, (s) => s.toLowerCase()) },
    { name: 'url-all', form: percentAll(key, true) },
    { name: 'url-all-lower', form: percentAll(key, false) },
    { name: 'url-double', form: encodeURIComponent(encodeURIComponent(key)) },
    { name: 'url-form-double', form: encodeURIComponent(new URLSearchParams({ k: key }).toString().slice(2)) },
    { name: 'base64', form: utf8(key).toString('base64') },
    { name: 'base64-unpadded', form: utf8(key).toString('base64').replace(/=+$/, '') },
    { name: 'base64url', form: utf8(key).toString('base64url') },
    { name: 'hex', form: utf8(key).toString('hex') },
    { name: 'hex-upper', form: utf8(key).toString('hex').toUpperCase() },
    { name: 'html', form: htmlEntities(key) },
    { name: 'html-numeric', form: htmlNumeric(key) }
  ]
  // What Node sends for a header is one byte per character: base64 of those bytes when they differ from UTF-8.
  if (/^[\x00-\xff]*$/.test(key) && /[\x80-\xff]/.test(key)) forms.push({ name: 'base64-latin1', form: Buffer.from(key, 'latin1').toString('base64').replace(/=+$/, '') })
  const seen = new Set<string>()
  return forms.filter((f) => (seen.has(f.form) ? false : (seen.add(f.form), true)))
}

/**
 * Which encodings of `key` occur in `text`, also once line breaks (and a
 * JSON-escaped line break) are taken out, as a key split across lines is
 * still a key. Hex is compared case-insensitively.
 */
export function findKeyEncodings(text: string, key: string): string[] {
  const joined = text.replace(/\\r|\\n|\r|\n/g, '')
  const found: string[] = []
  for (const { name, form } of keyEncodings(key)) {
    const hex = name.startsWith('hex')
    const hay = [text, joined]
    if (hay.some((h) => (hex ? h.toLowerCase().includes(form.toLowerCase()) : h.includes(form)))) found.push(name)
  }
  return found
}

/** Every string (values and object keys) inside a value, for scanning a Result. */
export function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value)
  else if (Array.isArray(value)) for (const item of value) allStrings(item, out)
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k)
      allStrings(v, out)
    }
  }
  return out
}

/**
 * A text that tries to get part of a key past a scrub that scans only the
 * first `scanned` characters (KeyEcho.scrubHead): full copies of `form` up to
 * `shown` characters (each is shorter once redacted, which pulls what follows
 * towards the part shown), then one copy across the end of the part scanned,
 * `inside` of its characters before that end, then filler.
 */
export function keyAcrossCut(form: string, shown: number, scanned: number, inside: number): string {
  let text = ''
  while (text.length + form.length + 1 < shown) text += `${form} `
  return `${text.padEnd(scanned - inside, '.')}${form}${'.'.repeat(scanned)}`
}
