/**
 * base64url (RFC 4648 section 5, no padding) over UTF-8, in plain TypeScript so
 * the renderer (no Buffer) and main share one implementation.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const LOOKUP: Record<string, number> = Object.fromEntries([...ALPHABET].map((c, i) => [c, i]))

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
  for (let i = 0; i < text.length; i++) {
    if (LOOKUP[text[i]] === undefined) {
      return { ok: false, message: `character ${JSON.stringify(text[i])} at position ${i + 1} is not base64url (A-Z, a-z, 0-9, - and _)` }
    }
  }
  if (text.length % 4 === 1) return { ok: false, message: 'its length is impossible for base64url; a character is missing or extra' }
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4))
  let o = 0
  for (let i = 0; i < text.length; i += 4) {
    const n = [0, 1, 2, 3].map((k) => LOOKUP[text[i + k]] ?? 0)
    bytes[o++] = (n[0] << 2) | (n[1] >> 4)
    if (i + 2 < text.length) bytes[o++] = ((n[1] & 15) << 4) | (n[2] >> 2)
    if (i + 3 < text.length) bytes[o++] = ((n[2] & 3) << 6) | n[3]
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
