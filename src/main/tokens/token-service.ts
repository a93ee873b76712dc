/**
 * Requests a security token from a Qrvey instance, as a host's backend would
 * (see ../shared/seeds): POST {domain}/devapi/v4/core/login/token with the
 * API key in `x-api-key`. The key is read from the vault at the last moment
 * and never leaves this function: results carry only a redacted copy.
 *
 * A server may send the key back (a debugging proxy, a framework echoing
 * headers, a hostile host): every header and the body are scrubbed in every
 * encoding (see ../secrets/key-echo.ts), the body also after parsing, a
 * token holding the key is refused, and the user is told it happened.
 */
import { isAxiosError, isCancel, type AxiosInstance } from 'axios'
import { fail, ok, type Result } from '../../shared/result'
import type { GenerateTokenRequest, GenerateTokenResult, SentRequest, TokenBody } from '../../shared/token-request'
import { describeHttpStatus, describeMissingToken, describeNetworkError, MAX_BODY_IN_DETAIL, MAX_SERVER_MESSAGE } from './describe-failure'
import { exactLifetime, lifetimeOf, type TokenLifetime } from '../../shared/token-lifetime'
import { KEY_ECHO_NOTICE, KeyEcho } from '../secrets/key-echo'
import { jsonUnescaped } from '../secrets/value-strings'
import { redactedKey } from './redact'
import { SANDBOX_WARNING_HEADER } from '../../shared/sandbox-api'

const MAX_WARNINGS = 20
const MAX_WARNING_LENGTH = 600

/**
 * The offline sandbox says in this header what it assumed where Qrvey's docs
 * are silent (a JSON array of texts). Anything else there is ignored; the
 * texts are capped. The key is scrubbed from them with every other header
 * (KeyEcho) before they are read.
 */
export function readWarnings(header: unknown): string[] {
  if (typeof header !== 'string' || header === '') return []
  let parsed: unknown
  try {
    parsed = JSON.parse(header)
  } catch {
    return []
  }
  if (!Array.isArray(parsed)) return []
  return parsed
    .filter((item): item is string => typeof item === 'string' && item.trim() !== '')
    .slice(0, MAX_WARNINGS)
    .map((text) => (text.length > MAX_WARNING_LENGTH ? `${text.slice(0, MAX_WARNING_LENGTH)}…` : text))
}

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

/**
 * Whether a token holds the key: as text, or in what the result pane shows of it (inspectToken decodes
 * each part of a compact JOSE token from base64url and reads the JSON in it). A key JSON-escaped inside
 * the claims (`\u0071…`, or `\"` for a key holding a quote) is not a base64 form of the key's bytes, so
 * only the decoded parts show it (found in review: such a token reached the renderer, which decoded it).
 */
function tokenHoldsKey(echo: KeyEcho, token: string): boolean {
  if (echo.find(token)) return true
  const parts = token.split('.')
  // The parts inspectToken decodes: a JWE's header (the rest is encrypted), a JWS's header and claims.
  const shown = parts.length === 5 ? parts.slice(0, 1) : parts.length === 3 ? parts.slice(0, 2) : []
  // Each as its JSON text and, where it has escapes, as its strings read (the pane parses it: one layer fewer).
  return shown.some((part) => {
    const json = Buffer.from(part, 'base64url').toString('utf8')
    const strings = jsonUnescaped(json)
    return echo.find(json) || (strings !== json && echo.find(strings))
  })
}

export class TokenService {
  /** Requests still waiting for an answer, by the renderer's request id: what `cancel` can stop. */
  private readonly inFlight = new Map<string, AbortController>()

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

  /**
   * Stops a request that is still waiting (the user pressed Cancel). False
   * when there is none with that id: it already answered, or never existed.
   */
  cancel(requestId: string): boolean {
    const controller = this.inFlight.get(requestId)
    if (!controller) return false
    controller.abort()
    this.inFlight.delete(requestId)
    return true
  }

  /**
   * `seen`, when given, is told the name of the environment the request went to, from the same read
   * of the environments that found its domain and key (the handler records it in the history; a
   * second read of the file for it was a tenth of the handler path, issue 15).
   */
  async generate(request: GenerateTokenRequest, seen?: { environmentName?: string }): Promise<Result<GenerateTokenResult>> {
    const resolved = this.targets.resolveTarget(request.environmentId)
    if (!resolved.ok) return resolved
    const target = resolved.value
    if (seen) seen.environmentName = target.name
    if (!target.apiKey) {
      return fail('NO_API_KEY', `The environment "${target.name}" has no API key. Set one with Replace key, then try again.`)
    }
    const url = `${target.domain}${TOKEN_PATH}`
    const timeoutMs = request.timeoutMs ?? target.timeoutMs
    const sent = describeRequest(url, request.body, target.apiKey)
    const started = this.now()
    const sentAtMs = this.wallClock()
    const echo = KeyEcho.of(target.apiKey)
    let result: Result<GenerateTokenResult>
    // One id, one request: a second request under a waiting id would make the first uncancellable.
    if (request.requestId && this.inFlight.has(request.requestId)) {
      return fail('CONFLICT', 'A token request with this id is already on its way; wait for it or cancel it first.')
    }
    const controller = new AbortController()
    if (request.requestId) this.inFlight.set(request.requestId, controller)
    try {
      const response = await this.http.post<string>(url, JSON.stringify(request.body), {
        timeout: timeoutMs,
        signal: controller.signal,
        headers: { 'x-api-key': target.apiKey, 'Content-Type': 'application/json', Accept: 'application/json' }
      })
      result = this.interpret(response.status, response.headers, String(response.data ?? ''), url, sent, echo, Math.round(this.now() - started))
    } catch (error) {
      const durationMs = Math.round(this.now() - started)
      result = isCancel(error) || controller.signal.aborted
        ? withTiming(fail('CANCELLED', `Cancelled: the request to ${safeHost(url)} was stopped before it answered; no token was kept.`, { detail: `POST ${url}` }), durationMs)
        : isAxiosError(error)
        ? withTiming(describeNetworkError(error, url, timeoutMs), durationMs)
        : // Anything else is a bug here, not a network problem; never echo the error object (it holds the request config).
          fail('INTERNAL', 'The token request failed unexpectedly inside the workbench.', { detail: error instanceof Error ? error.message : String(error) })
    } finally {
      if (request.requestId && this.inFlight.get(request.requestId) === controller) this.inFlight.delete(request.requestId)
    }
    // Cancelled while the answer was being read: the user asked for nothing to be kept.
    if (result.ok && controller.signal.aborted) {
      result = fail('CANCELLED', `Cancelled: the answer from ${safeHost(url)} came as the request was stopped; no token was kept.`)
    }
    if (result.ok) result.value.lifetime = await this.lifetime(result.value.token, target.domain, request.body, sentAtMs)
    // Last net over everything that leaves: every string of the Result, in every encoding.
    const { value, removed } = echo.scrubDeep(result)
    if (removed && !value.ok && !value.error.message.includes(KEY_ECHO_NOTICE)) value.error.message += ` Note: ${KEY_ECHO_NOTICE}.`
    return value
  }

  private interpret(
    status: number,
    rawHeaders: Record<string, unknown>,
    rawBody: string,
    url: string,
    sent: SentRequest,
    echo: KeyEcho,
    durationMs: number
  ): Result<GenerateTokenResult> {
    // Headers first: a redirect's Location once carried a URL-encoded key into the history.
    // axios hands an AxiosHeaders instance: copied into a plain object so every header is walked.
    const headers = echo.scrubDeep(Object.fromEntries(Object.entries(rawHeaders)))
    const location = typeof headers.value.location === 'string' ? headers.value.location : undefined
    const parsed = parseJson(rawBody)
    // Only what can be shown is scrubbed here (the first characters of the raw body for the details, the
    // server's message), each scanned no further than it is shown plus a margin: a reply of megabytes costs
    // what its first lines do. The Result as a whole passes the last net.
    const bodyText = scrubbedBodyText(rawBody, echo)
    const message = scrubbedServerMessage(parsed.value, echo)
    const echoed = headers.removed || message.removed || bodyText.removed
    const notice = echoed ? ` Note: ${KEY_ECHO_NOTICE}.` : ''
    if (status < 200 || status >= 300) {
      const failure = withTiming(describeHttpStatus(status, bodyText.text, url, location, parsed.ok ? message.value : undefined), durationMs)
      failure.error.message += notice
      return failure
    }
    const token = (parsed.value as { token?: unknown } | null)?.token
    if (typeof token === 'string' && token.length > 0 && tokenHoldsKey(echo, token)) {
      return withTiming(
        fail('KEY_ECHOED', `${safeHost(url)} answered ${status} with a token that contains your API key: ${KEY_ECHO_NOTICE}, and no token was kept. A Qrvey instance never does this: check the domain, or whatever proxy sits in front of it.`, {
          // Not the reply: it holds the token, and the token holds the key in a form only decoding it shows.
          detail: `HTTP ${status} from POST ${url}\n\n(the reply is not shown: its token holds the key)`
        }),
        durationMs
      )
    }
    if (!parsed.ok || typeof token !== 'string' || token.length === 0) {
      const failure = withTiming(describeMissingToken(status, bodyText.text, url, parsed.ok), durationMs)
      failure.error.message += notice
      return failure
    }
    // Already scrubbed with the other headers; the whole Result is scrubbed once more on the way out.
    const warnings = readWarnings(headers.value[SANDBOX_WARNING_HEADER])
    return ok({ token, status, durationMs, request: sent, ...(warnings.length > 0 ? { warnings } : {}) })
  }
}

/**
 * The start of the body as text for the details view: MAX_BODY_IN_DETAIL
 * characters, scrubbed (KeyEcho.scrubHead: a key across the cut is never
 * shown in part). A body of megabytes is never scanned in full: only this
 * part is ever shown.
 */
function scrubbedBodyText(body: string, echo: KeyEcho): { text: string; removed: boolean } {
  const head = echo.scrubHead(body, MAX_BODY_IN_DETAIL)
  return { text: head.cut ? `${head.text}\n… (${body.length - head.text.length} more characters)` : head.text, removed: head.removed }
}

/**
 * The fields of a parsed body a message is built from (Qrvey's
 * `errors[0].message` or `message`), scrubbed as far as they are quoted
 * (MAX_SERVER_MESSAGE): a 4 MB message took 2.7 s to scrub in full.
 */
function scrubbedServerMessage(parsed: unknown, echo: KeyEcho): { value: unknown; removed: boolean } {
  if (!parsed || typeof parsed !== 'object') return echo.scrubDeep(parsed)
  const { errors, message } = parsed as { errors?: unknown; message?: unknown }
  const first = Array.isArray(errors) ? errors[0] : undefined
  const firstMessage = first && typeof first === 'object' ? (first as { message?: unknown }).message : undefined
  let removed = false
  const quoted = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const head = echo.scrubHead(value, MAX_SERVER_MESSAGE)
      removed ||= head.removed
      return head.text
    }
    // Not quoted (only a string is), but a key in it is still a key the server sent back.
    const deep = echo.scrubDeep(value)
    removed ||= deep.removed
    return deep.value
  }
  const value = { ...(firstMessage !== undefined ? { errors: [{ message: quoted(firstMessage) }] } : {}), ...(message !== undefined ? { message: quoted(message) } : {}) }
  return { value, removed }
}

function parseJson(body: string): { ok: true; value: unknown } | { ok: false; value: undefined } {
  try {
    return { ok: true, value: JSON.parse(body) as unknown }
  } catch {
    return { ok: false, value: undefined }
  }
}

function safeHost(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
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

function withTiming<T extends { ok: false; error: { detail?: string } }>(failure: T, durationMs: number): T {
  failure.error.detail = `${failure.error.detail ?? ''}\n\nTook ${durationMs} ms.`.trim()
  return failure
}
