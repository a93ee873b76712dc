/**
 * What the history keeps of a token: its JOSE header, its claims where they
 * can be read without a key (a JWS; Qrvey's JWE claims are encrypted), and a
 * SHA-256 hash, enough to tell two tokens apart or to recognise one a
 * customer pastes, never enough to use it.
 */
import { createHash } from 'node:crypto'
import type { TokenSummary } from '../../shared/history'
import { inspectToken } from '../../shared/token-inspect'

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

export function summarizeToken(token: string): TokenSummary {
  const inspection = inspectToken(token.trim())
  const summary: TokenSummary = { format: inspection.format, sha256: sha256Hex(token.trim()), length: token.trim().length }
  if (inspection.header) summary.header = inspection.header
  if (inspection.claims) summary.claims = inspection.claims
  return summary
}
