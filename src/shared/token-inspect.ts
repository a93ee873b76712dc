/**
 * Reads what can be read of a token without any key: the JOSE header always,
 * the claims only for a JWS (a JWE's payload is encrypted, as Qrvey's is).
 */
import { decodeJwt, decodeProtectedHeader } from 'jose'

export interface TokenInspection {
  format: 'JWE' | 'JWS' | 'opaque'
  header?: Record<string, unknown>
  claims?: Record<string, unknown>
  /** Why nothing more could be read. */
  note?: string
}

export function inspectToken(token: string): TokenInspection {
  const parts = token.split('.')
  if (parts.length !== 3 && parts.length !== 5) {
    return { format: 'opaque', note: `Not a compact JOSE token (${parts.length} dot-separated parts; a JWS has 3, a JWE 5).` }
  }
  let header: Record<string, unknown>
  try {
    header = decodeProtectedHeader(token) as Record<string, unknown>
  } catch {
    return { format: 'opaque', note: 'The first part is not a readable JOSE header.' }
  }
  if (parts.length === 5) {
    return { format: 'JWE', header, note: 'The claims are encrypted; only Qrvey can read them.' }
  }
  try {
    return { format: 'JWS', header, claims: decodeJwt(token) as Record<string, unknown> }
  } catch {
    return { format: 'JWS', header, note: 'The payload is not JSON claims.' }
  }
}
