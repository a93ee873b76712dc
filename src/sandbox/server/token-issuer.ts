/**
 * Issues and checks the sandbox's tokens. Qrvey's tokens are encrypted (a
 * compact JWE whose header carries a `kid`), so the sandbox issues the same
 * shape: `alg: "dir"` + `enc: "A256GCM"` with one symmetric key it keeps to
 * itself. A host app therefore sees an opaque token, exactly as with Qrvey,
 * while the sandbox's own widget and data routes can decrypt and honour it.
 */
import { createHash } from 'node:crypto'
import { decryptDir, dirKey, encryptDir, type DirHeader, type DirKey } from './jwe-dir'
import { EXPIRES_IN_PATTERN, type QrveyTokenBody } from '../../shared/token-request'

export const SANDBOX_ISSUER = 'qrvey-workbench-sandbox'

/** Qrvey's default is unconfirmed; one hour matches its samples ("60m", "1h"). */
export const DEFAULT_LIFETIME_SECONDS = 60 * 60

/**
 * Qrvey's maximum is unconfirmed. One week is the longest value its samples
 * use ("1w"), so the sandbox accepts everything up to that and caps
 * anything longer, with a warning (token-warnings.ts), rather than rejecting, because a real instance might
 * accept it and the sandbox should not fail where Qrvey may not).
 */
export const MAX_LIFETIME_SECONDS = 7 * 24 * 60 * 60

/** How many issued tokens peek() answers without decrypting (the newest; older ones are decrypted as before). */
const RECENT_TOKENS = 256

const UNIT_SECONDS = { s: 1, m: 60, h: 60 * 60, d: 24 * 60 * 60, w: 7 * 24 * 60 * 60 } as const

/** Claims the issuer sets itself; a body field of the same name is overridden. */
const ISSUER_OWNED_CLAIMS = ['iat', 'exp', 'iss'] as const

/**
 * `Omit` would collapse the body's named fields into its catch-all index
 * signature (userid would become unknown); a key-remapping mapped type keeps both.
 */
type Without<T, K extends PropertyKey> = { [P in keyof T as P extends K ? never : P]: T[P] }

export type TokenClaims = Without<QrveyTokenBody, 'expiresIn'> & { iat: number; exp: number; iss: string }

export type VerifyResult = { ok: true; claims: TokenClaims } | { ok: false; reason: 'expired' | 'invalid' }

/** Per-token instructions from the rehearsal modes (SandboxModes). */
export interface IssueOptions {
  /** Replaces what expiresIn asks for (still capped at the maximum). */
  lifetimeSeconds?: number
  /**
   * The issuer's clock runs this many seconds off: iat and exp move, while
   * verify() keeps the true clock. A negative skew larger than the lifetime
   * issues tokens that are already expired, which is what a token service
   * and an API that disagree on the time look like.
   */
  clockSkewSeconds?: number
}

export interface TokenIssuerOptions {
  /** 32 bytes for A256GCM. Generated when absent, so every sandbox run has its own. */
  secret?: Uint8Array
  /** Key id in the JWE header. Defaults to one derived from the secret. */
  kid?: string
  /** Milliseconds since the epoch. Injected so tests can move time. */
  clock?: () => number
  /** Upper bound for `expiresIn`, in seconds. Defaults to {@link MAX_LIFETIME_SECONDS}. */
  maxLifetimeSeconds?: number
}

/**
 * Seconds a duration string such as "30s", "10m", "1h", "7d" or "1w" stands
 * for. Throws a RangeError for anything else (the route validates first, so
 * this only fires when the issuer is called directly with bad input).
 */
export function parseExpiresIn(expiresIn: string): number {
  const trimmed = expiresIn.trim()
  if (!EXPIRES_IN_PATTERN.test(trimmed)) {
    throw new RangeError(`expiresIn "${expiresIn}" is not a duration like "30s", "10m", "1h", "7d" or "1w"`)
  }
  const unit = trimmed.slice(-1) as keyof typeof UNIT_SECONDS
  const amount = Number.parseInt(trimmed, 10)
  return amount * UNIT_SECONDS[unit]
}

export class TokenIssuer {
  readonly kid: string
  readonly maxLifetimeSeconds: number
  readonly #secret: Uint8Array
  /** Imported once: importing per call was most of a token's cost (issue #15). */
  readonly #key: DirKey
  readonly #clock: () => number
  /** The protected header of every token, frozen so encryptDir may keep its encoding. */
  readonly #header: DirHeader
  /**
   * iat/exp of the tokens issued last, by token: peek() is asked for every token the workbench
   * requests, and decrypting it again was ~50 µs of the handler path (issue 15). A token's own
   * claims never change, and expiry ahead of time is looked up separately, so this cannot go stale.
   */
  readonly #recent = new Map<string, { iat: number; exp: number }>()
  /** Hashes of tokens expired ahead of time ("fast-forward"), so renewal can be rehearsed without waiting. */
  readonly #expiredEarly = new Set<string>()

  constructor(options: TokenIssuerOptions = {}) {
    const secret = options.secret ?? crypto.getRandomValues(new Uint8Array(32))
    if (secret.byteLength !== 32) {
      throw new RangeError(`The sandbox token secret must be 32 bytes (A256GCM); got ${secret.byteLength}`)
    }
    // Copy, so a caller that reuses its buffer cannot change the key under us.
    this.#secret = new Uint8Array(secret)
    this.#key = dirKey(this.#secret)
    this.#clock = options.clock ?? Date.now
    // A hash prefix rather than a random id: the same secret always yields the
    // same kid, and the hash reveals nothing usable about a 256-bit key.
    this.kid = options.kid ?? `sbx-${createHash('sha256').update(this.#secret).digest('base64url').slice(0, 16)}`
    this.#header = Object.freeze({ alg: 'dir', enc: 'A256GCM', kid: this.kid, typ: 'JWT' } as const)
    this.maxLifetimeSeconds = options.maxLifetimeSeconds ?? MAX_LIFETIME_SECONDS
    if (!Number.isInteger(this.maxLifetimeSeconds) || this.maxLifetimeSeconds < 1) {
      throw new RangeError('maxLifetimeSeconds must be a positive whole number')
    }
  }

  /** The token lifetime, in seconds, that `expiresIn` yields after the default and the cap. */
  lifetimeSeconds(expiresIn: string | number | undefined): number {
    const requested = expiresIn === undefined ? DEFAULT_LIFETIME_SECONDS : typeof expiresIn === 'number' ? expiresIn : parseExpiresIn(expiresIn)
    return Math.min(requested, this.maxLifetimeSeconds)
  }

  async issue(body: QrveyTokenBody, options: IssueOptions = {}): Promise<string> {
    const { expiresIn, ...fields } = body
    const claims: Record<string, unknown> = { ...fields }
    for (const name of ISSUER_OWNED_CLAIMS) delete claims[name]

    const { lifetimeSeconds, clockSkewSeconds = 0 } = options
    if (lifetimeSeconds !== undefined && (!Number.isInteger(lifetimeSeconds) || lifetimeSeconds < 1)) {
      throw new RangeError('lifetimeSeconds must be a positive whole number')
    }
    if (!Number.isInteger(clockSkewSeconds)) throw new RangeError('clockSkewSeconds must be a whole number')
    const iat = Math.floor(this.#clock() / 1000) + clockSkewSeconds
    const lifetime = lifetimeSeconds === undefined ? this.lifetimeSeconds(expiresIn) : Math.min(lifetimeSeconds, this.maxLifetimeSeconds)
    const exp = iat + lifetime
    // Same payload and header jose's EncryptJWT wrote: body fields, then iat, exp, iss.
    const payload = { ...claims, iat, exp, iss: SANDBOX_ISSUER }
    const token = encryptDir(this.#key, this.#header, payload)
    this.#recent.set(token, { iat, exp })
    if (this.#recent.size > RECENT_TOKENS) this.#recent.delete(this.#recent.keys().next().value as string)
    return token
  }

  /**
   * The token's own iat/exp when this issuer made it (whether or not it has
   * expired), else undefined. Lets the workbench show an exact expiry.
   */
  async peek(token: string): Promise<{ iat: number; exp: number } | undefined> {
    const claims = this.#recent.get(token) ?? this.#decryptTimes(token)
    if (!claims) return undefined
    const early = this.#expiredEarly.has(tokenHash(token))
    return { iat: claims.iat, exp: early ? Math.min(claims.exp, Math.floor(this.#clock() / 1000)) : claims.exp }
  }

  #decryptTimes(token: string): { iat: number; exp: number } | undefined {
    const decrypted = decryptDir(this.#key, token)
    if (!decrypted || decrypted.header.kid !== this.kid) return undefined
    const claims = decrypted.payload
    if (claims.iss !== SANDBOX_ISSUER || typeof claims.iat !== 'number' || typeof claims.exp !== 'number') return undefined
    return { iat: claims.iat, exp: claims.exp }
  }

  /**
   * Treats one of this issuer's tokens as expired from now on (the
   * workbench's "fast-forward"); false for a token it did not issue.
   */
  async expireNow(token: string): Promise<boolean> {
    if (!(await this.peek(token))) return false
    this.#expiredEarly.add(tokenHash(token))
    return true
  }

  async verify(token: string): Promise<VerifyResult> {
    if (this.#expiredEarly.has(tokenHash(token))) return { ok: false, reason: 'expired' }
    // decryptDir pins alg/enc (a token must be exactly what issue() produces).
    const decrypted = decryptDir(this.#key, token)
    if (!decrypted) return { ok: false, reason: 'invalid' }
    const claims = decrypted.payload
    // The claim checks jose's jwtDecrypt made, in its order: required
    // iat/exp, issuer, numeric iat, nbf, then expiry (exp <= now is expired).
    if (!('iat' in claims) || !('exp' in claims)) return { ok: false, reason: 'invalid' }
    if (claims.iss !== SANDBOX_ISSUER) return { ok: false, reason: 'invalid' }
    if (typeof claims.iat !== 'number' || typeof claims.exp !== 'number') return { ok: false, reason: 'invalid' }
    const now = Math.floor(this.#clock() / 1000)
    if ('nbf' in claims && (typeof claims.nbf !== 'number' || claims.nbf > now)) return { ok: false, reason: 'invalid' }
    if (claims.exp <= now) return { ok: false, reason: 'expired' }
    return { ok: true, claims: claims as unknown as TokenClaims }
  }
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token.trim()).digest('hex')
}
