/**
 * base64url (RFC 4648 section 5, no padding) over UTF-8, in plain TypeScript so
 * the renderer (no Buffer) and main share one implementation.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const CODE_LOOKUP = new Int8Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) CODE_LOOKUP[ALPHABET.charCodeAt(i)] = i

export function bytesToBase64url(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]
    const b = bytes[i + 1]
    const c = bytes[i + 2]
    out += ALPHABET[a >> 2] + ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)]
    if (b !== undefined) out += ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)]
    if (c !== undefined) out += ALPHABET[c & 63]
  }
  return out
}

export type Base64Decoded = { ok: true; bytes: Uint8Array } | { ok: false; message: string }

export function base64urlToBytes(text: string): Base64Decoded {
  // By char code, -1 for anything else: a flat table keeps a 5 MB decode linear and quick.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 128 || CODE_LOOKUP[code] < 0) {
      return { ok: false, message: `character ${JSON.stringify(text[i])} at position ${i + 1} is not base64url (A-Z, a-z, 0-9, - and _)` }
    }
  }
  if (text.length % 4 === 1) return { ok: false, message: 'its length is impossible for base64url; a character is missing or extra' }
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4))
  const at = (i: number) => (i < text.length ? CODE_LOOKUP[text.charCodeAt(i)] : 0)
  let o = 0
  for (let i = 0; i < text.length; i += 4) {
    const n0 = at(i)
    const n1 = at(i + 1)
    const n2 = at(i + 2)
    const n3 = at(i + 3)
    bytes[o++] = (n0 << 2) | (n1 >> 4)
    if (i + 2 < text.length) bytes[o++] = ((n1 & 15) << 4) | (n2 >> 2)
    if (i + 3 < text.length) bytes[o++] = ((n2 & 3) << 6) | n3
  }
  return { ok: true, bytes: bytes.subarray(0, o) }
}

export function textToBase64url(text: string): string {
  return bytesToBase64url(new TextEncoder().encode(text))
}

/** Decodes to text; `fatal` so invalid UTF-8 is an error rather than replacement characters. */
export function base64urlToText(text: string): { ok: true; text: string } | { ok: false; message: string } {
  const decoded = base64urlToBytes(text)
  if (!decoded.ok) return decoded
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(decoded.bytes) }
  } catch {
    return { ok: false, message: 'the decoded bytes are not UTF-8 text' }
  }
}
