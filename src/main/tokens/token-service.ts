/**
 * Requests a security token from a Qrvey instance, as a host's backend would
 * (see ../shared/seeds): POST {domain}/devapi/v4/core/login/token with the
 * API key in `x-api-key`. The key is read from the vault at the last moment
 * and never leaves this function: results carry only a redacted copy.
 */
import { isAxiosError, type AxiosInstance } from 'axios'
import { fail, ok, type Result } from '../../shared/result'
import type { GenerateTokenRequest, GenerateTokenResult, SentRequest, TokenBody } from '../../shared/token-request'
import { exactLifetime, lifetimeOf, type TokenLifetime } from '../../shared/token-lifetime'
import { describeHttpStatus, describeMissingToken, describeNetworkError } from './describe-failure'
import { redactedKey, scrubSecret } from './redact'

export const TOKEN_PATH = '/devapi/v4/core/login/token'

/** What the token service needs to know about an environment. */
export interface TokenTarget {
  domain: string
  apiKey: string | undefined
  timeoutMs: number
  name: string
}

export interface TokenTargets {
  resolveTarget(environmentId: string): Result<TokenTarget>
}

/** Reads a token's exact iat/exp where main can (the offline sandbox's own tokens); undefined elsewhere. */
export type ExactLifetimeReader = (token: string, domain: string) => Promise<{ iat: number; exp: number } | undefined>

export class TokenService {
  constructor(
    private readonly http: AxiosInstance,
    private readonly targets: TokenTargets,
    private readonly now: () => number = () => performance.now(),
    private readonly readExact: ExactLifetimeReader = async () => undefined,
    private readonly wallClock: () => number = Date.now
  ) {}

  /** Exact where main can read the token, else from a JWS's exp, else estimated from expiresIn. */
  private async lifetime(token: string, domain: string, body: TokenBody, sentAtMs: number): Promise<TokenLifetime> {
    const exact = await this.readExact(token, domain).catch(() => undefined)
    return exact ? exactLifetime(exact) : lifetimeOf(token, body.expiresIn, sentAtMs)
  }

  async generate(request: GenerateTokenRequest): Promise<Result<GenerateTokenResult>> {
    const resolved = this.targets.resolveTarget(request.environmentId)
    if (!resolved.ok) return resolved
    const target = resolved.value
    if (!target.apiKey) {
      return fail('NO_API_KEY', `The environment "${target.name}" has no API key. Set one with Replace key, then try again.`)
    }
    const url = `${target.domain}${TOKEN_PATH}`
    const timeoutMs = request.timeoutMs ?? target.timeoutMs
    const sent = describeRequest(url, request.body, target.apiKey)
    const started = this.now()
    const sentAtMs = this.wallClock()
    try {
      const response = await this.http.post<string>(url, JSON.stringify(request.body), {
        timeout: timeoutMs,
        headers: { 'x-api-key': target.apiKey, 'Content-Type': 'application/json', Accept: 'application/json' }
      })
      const durationMs = Math.round(this.now() - started)
      const body = scrubSecret(String(response.data ?? ''), target.apiKey)
      if (response.status < 200 || response.status >= 300) {
        const location = typeof response.headers.location === 'string' ? response.headers.location : undefined
        return withTiming(describeHttpStatus(response.status, body, url, location), durationMs)
      }
      const token = readToken(body)
      if (!token.ok) return withTiming(describeMissingToken(response.status, body, url, token.parsed), durationMs)
      const lifetime = await this.lifetime(token.value, target.domain, request.body, sentAtMs)
      return ok({ token: token.value, status: response.status, durationMs, request: sent, lifetime })
    } catch (error) {
      const durationMs = Math.round(this.now() - started)
      if (isAxiosError(error)) return withTiming(describeNetworkError(error, url, timeoutMs), durationMs)
      // Anything else is a bug here, not a network problem; never echo the error object (it holds the request config).
      return fail('INTERNAL', 'The token request failed unexpectedly inside the workbench.', {
        detail: scrubSecret(error instanceof Error ? error.message : String(error), target.apiKey)
      })
    }
  }
}

function describeRequest(url: string, body: TokenBody, apiKey: string): SentRequest {
  return {
    method: 'POST',
    url,
    headers: { 'x-api-key': redactedKey(apiKey), 'Content-Type': 'application/json', Accept: 'application/json' },
    body
  }
}

function readToken(body: string): { ok: true; value: string } | { ok: false; parsed: boolean } {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return { ok: false, parsed: false }
  }
  const token = (parsed as { token?: unknown } | null)?.token
  return typeof token === 'string' && token.length > 0 ? { ok: true, value: token } : { ok: false, parsed: true }
}

function withTiming<T extends { ok: false; error: { detail?: string } }>(failure: T, durationMs: number): T {
  failure.error.detail = `${failure.error.detail ?? ''}\n\nTook ${durationMs} ms.`.trim()
  return failure
}
