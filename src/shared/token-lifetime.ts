/**
 * When a token stops working, as well as the workbench can know it:
 *  - `sandbox`: exact, read by main from the offline sandbox's own token;
 *  - `jws`: from the token's `exp` (and `iat`) claims, readable in a JWS;
 *  - `estimate`: an encrypted token (Qrvey issues JWEs) cannot be read, so
 *    the time the request was sent plus the `expiresIn` it asked for; the
 *    instance may cap it (Qrvey's maximum is not documented, QRVEY.md §1);
 *  - `unknown`: nothing to go by (no expiresIn; Qrvey's default is not documented).
 * Pure: used by main (for the answer) and the renderer (older results).
 */
import { EXPIRES_IN_PATTERN } from './token-constants'
import { base64urlToText } from './base64url'

export type LifetimeSource = 'sandbox' | 'jws' | 'estimate' | 'unknown'

export interface TokenLifetime {
  source: LifetimeSource
  /** ISO time the token was issued, where known. */
  issuedAt?: string
  /** ISO time the token expires, where known (estimated for `estimate`). */
  expiresAt?: string
  /** One sentence: where the time comes from. */
  note: string
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }

/** Seconds an expiresIn text ("10m", "1h") stands for, or undefined. */
export function expiresInSeconds(expiresIn: unknown): number | undefined {
  if (typeof expiresIn !== 'string' || !EXPIRES_IN_PATTERN.test(expiresIn.trim())) return undefined
  const text = expiresIn.trim()
  return Number.parseInt(text, 10) * UNIT_SECONDS[text.slice(-1)]
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString()

/** The `iat`/`exp` claims of a JWS, if it is one and has them. */
export function jwsTimes(token: string): { iat?: number; exp?: number } | undefined {
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  const decoded = base64urlToText(parts[1])
  if (!decoded.ok) return undefined
  try {
    const claims = JSON.parse(decoded.text) as Record<string, unknown>
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)
    return { iat: num(claims.iat), exp: num(claims.exp) }
  } catch {
    return undefined
  }
}

/** The exact lifetime of a token whose claims main could read (the sandbox's own). */
export function exactLifetime(times: { iat: number; exp: number }): TokenLifetime {
  return { source: 'sandbox', issuedAt: iso(times.iat), expiresAt: iso(times.exp), note: 'Exact: the offline sandbox issued this token, and main read its expiry.' }
}

/**
 * The lifetime of a token without main's help: its `exp` when it is a JWS,
 * else the request time plus the `expiresIn` asked for.
 */
export function lifetimeOf(token: string, expiresIn: unknown, sentAtMs: number): TokenLifetime {
  const times = jwsTimes(token)
  if (times?.exp !== undefined) {
    return {
      source: 'jws',
      ...(times.iat !== undefined ? { issuedAt: iso(times.iat) } : {}),
      expiresAt: iso(times.exp),
      note: "From the token's exp claim (a signed JWS can be read)."
    }
  }
  const seconds = expiresInSeconds(expiresIn)
  if (seconds !== undefined) {
    return {
      source: 'estimate',
      issuedAt: new Date(sentAtMs).toISOString(),
      expiresAt: new Date(sentAtMs + seconds * 1000).toISOString(),
      note: `Estimated: the request time plus expiresIn "${String(expiresIn).trim()}". The token is encrypted, so only the instance knows its real expiry (it may cap the lifetime).`
    }
  }
  return { source: 'unknown', note: 'Unknown: no expiresIn was sent and the token is encrypted; Qrvey does not document its default lifetime.' }
}

/** "14:58", "1:02:03" or "3 d 4 h" for a number of milliseconds left (0 or less: "0:00"). */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const days = Math.floor(total / 86400)
  if (days > 0) return `${days} d ${Math.floor((total % 86400) / 3600)} h`
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const pad = (n: number) => String(n).padStart(2, '0')
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`
}
