/**
 * Setup name -> file name that is valid on Windows, macOS and Linux, and
 * readable in a git diff: "Acme: staging/prod" -> "Acme- staging-prod".
 * The display name stays inside the file; the file name is only identity.
 */

/** Bytes of the stem before the ` (n)` suffix and `.json`; well below every file system's 255. */
export const MAX_STEM_BYTES = 120

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i

const INVALID = /[<>:"/\\|?*\u0000-\u001f\u007f]/g

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length
}

/** Cuts to at most `max` UTF-8 bytes without splitting a character. */
export function truncateUtf8(text: string, max: number): string {
  if (utf8Length(text) <= max) return text
  let out = ''
  let bytes = 0
  for (const char of text) {
    const size = utf8Length(char)
    if (bytes + size > max) break
    out += char
    bytes += size
  }
  return out
}

/** Windows forbids trailing dots and spaces; a leading dot hides the file (and marks our temp files). */
function trimEnds(text: string): string {
  return text.replace(/^[\s.]+|[\s.]+$/g, '')
}

/** The file stem (no `.json`) a setup with this name gets, before collisions are resolved. */
export function fileStemFor(name: string): string {
  let stem = name.normalize('NFC').replace(/\s+/g, ' ').replace(INVALID, '-')
  stem = trimEnds(stem)
  stem = trimEnds(truncateUtf8(stem, MAX_STEM_BYTES))
  if (stem === '') stem = 'setup'
  // CON, NUL, COM1, ... are reserved on Windows, also with an extension ("con.backup").
  const base = stem.split('.')[0]
  if (RESERVED.test(base)) stem = `${base}_${stem.slice(base.length)}`
  return stem
}

/** Case-insensitive key: macOS and Windows file systems treat Acme.json and acme.json as one file. */
export function stemKey(stem: string): string {
  return stem.normalize('NFC').toLowerCase()
}

/** `stem`, or `stem (2)`, `stem (3)`, ... : the first one that is not `taken`. */
export function uniqueStem(stem: string, taken: (candidate: string) => boolean): string {
  if (!taken(stem)) return stem
  for (let n = 2; ; n++) {
    const candidate = `${stem} (${n})`
    if (!taken(candidate)) return candidate
  }
}

/** Whether `id` is the file a setup named `name` would get (the plain stem or a collision suffix of it). */
export function stemFitsName(id: string, name: string): boolean {
  const stem = fileStemFor(name)
  if (stemKey(id) === stemKey(stem)) return true
  const suffix = / \((\d+)\)$/.exec(id)
  return !!suffix && stemKey(id.slice(0, suffix.index)) === stemKey(stem)
}
