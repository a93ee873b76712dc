/**
 * The widgets' client for the sandbox data API (src/shared/sandbox-api.ts).
 * Sends the token as `Authorization: Bearer <token>` (or, in API-key mode,
 * the key as `x-api-key`), turns every failure
 * into a {@link SandboxApiError} carrying the HTTP status and the server's
 * Qrvey-shaped messages (`{status:'error', errors:[{message}]}`), and a 401
 * into a {@link TokenExpiredError}. Aborts (element removed) surface as the
 * platform's AbortError, which callers ignore.
 */
import {
  SANDBOX_PATHS,
  type Dashboard,
  type PanelDefinition,
  type QueryRequest,
  type QueryResult,
  type SandboxApp
} from '../../../shared/sandbox-api'
import { SANDBOX_CLIENT_ID_HEADER } from '../../../shared/sandbox-api'
import type { WidgetAuth } from './config'
import { filtersFor, planUserFilters, type UserFilterPlan } from './user-filters'

export class SandboxApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly messages: readonly string[],
    readonly method: string,
    readonly path: string
  ) {
    super(`${method} ${path} failed${status ? ` with HTTP ${status}` : ''}: ${messages.join('; ')}`)
    this.name = 'SandboxApiError'
  }
}

/** HTTP 401: the token is missing, invalid or expired. */
export class TokenExpiredError extends SandboxApiError {
  constructor(messages: readonly string[], method: string, path: string) {
    super(401, messages, method, path)
    this.name = 'TokenExpiredError'
  }
}

export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError'
}

export interface SandboxClientOptions {
  domain: string
  auth: WidgetAuth
  /** API-key mode only: the page's clientid (a token carries its own). */
  clientId?: string
  userId: string
  appId: string
  signal?: AbortSignal
  fetch?: typeof fetch
}

/** Messages from a Qrvey error body, or a short excerpt of whatever else came back. */
export function errorMessages(status: number, statusText: string, body: string): string[] {
  try {
    const parsed: unknown = JSON.parse(body)
    if (typeof parsed === 'object' && parsed !== null) {
      const errors = (parsed as { errors?: unknown }).errors
      if (Array.isArray(errors)) {
        const list = errors
          .map((e) => (typeof e === 'string' ? e : typeof e === 'object' && e !== null ? (e as { message?: unknown }).message : undefined))
          .filter((m): m is string => typeof m === 'string' && m !== '')
        if (list.length > 0) return list
      }
      const message = (parsed as { message?: unknown }).message
      if (typeof message === 'string' && message !== '') return [message]
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  const trimmed = body.trim()
  if (trimmed !== '' && !trimmed.startsWith('<')) return [trimmed.length > 300 ? `${trimmed.slice(0, 300)}…` : trimmed]
  return [`HTTP ${status}${statusText ? ` ${statusText}` : ''}`]
}

export class SandboxClient {
  readonly #options: SandboxClientOptions
  #userFilters: UserFilterPlan = planUserFilters(undefined)
  #filterKey = ''

  /**
   * Qrvey's userFilters (config key, or `atApplyUserFilters` later): every
   * query this client sends from now on carries them. Returns what could not
   * be applied.
   */
  setUserFilters(input: unknown): string[] {
    this.#userFilters = planUserFilters(input)
    this.#filterKey = JSON.stringify([...this.#userFilters.byDataset])
    return this.#userFilters.problems
  }

  /** Changes whenever the user filters do: part of a query cache key. */
  get filterKey(): string {
    return this.#filterKey
  }

  constructor(options: SandboxClientOptions) {
    this.#options = options
  }

  get domain(): string {
    return this.#options.domain
  }

  /** The user / app path segments the widget uses (config ids or the "me" placeholder). */
  get ids(): { userId: string; appId: string } {
    return { userId: this.#options.userId, appId: this.#options.appId }
  }

  /** The raw text of a GET (exported files). */
  async text(path: string): Promise<string> {
    return this.request<string>('GET', path, undefined, true)
  }

  async request<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, rawText = false): Promise<T> {
    const { domain, auth, signal } = this.#options
    const doFetch = this.#options.fetch ?? globalThis.fetch.bind(globalThis)
    const headers: Record<string, string> = { Accept: 'application/json' }
    // Token mode: the token as a bearer credential; API-key mode (development
    // only): the key as Qrvey's own x-api-key header.
    if (auth.mode === 'token') headers.Authorization = `Bearer ${auth.token}`
    else {
      headers['x-api-key'] = auth.apiKey
      if (this.#options.clientId !== undefined) headers[SANDBOX_CLIENT_ID_HEADER] = this.#options.clientId
    }
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    let response: Response
    try {
      response = await doFetch(`${domain}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
        credentials: 'omit',
        cache: 'no-store'
      })
    } catch (error) {
      if (isAbortError(error) || signal?.aborted) throw error
      const reason = error instanceof Error ? error.message : String(error)
      throw new SandboxApiError(0, [`Could not reach ${domain}. Is the Qrvey sandbox running, and does the page's Content-Security-Policy allow connecting to it? (${reason})`], method, path)
    }
    const textBody = await response.text()
    if (!response.ok) {
      const messages = errorMessages(response.status, response.statusText, textBody)
      if (response.status === 401) throw new TokenExpiredError(messages, method, path)
      throw new SandboxApiError(response.status, messages, method, path)
    }
    if (rawText) return textBody as T
    try {
      return JSON.parse(textBody) as T
    } catch {
      throw new SandboxApiError(response.status, ['The server answered with something that is not JSON.'], method, path)
    }
  }

  #app: Promise<SandboxApp> | undefined

  /** Asked once per client (one widget run): the widget reads the token's config from it before its view does. */
  getApp(): Promise<SandboxApp> {
    const { userId, appId } = this.#options
    this.#app ??= this.request<SandboxApp>('GET', SANDBOX_PATHS.app(userId, appId))
    return this.#app
  }

  /** The dashboard as this end user saved it, or with `original` the app's own version. */
  getDashboard(dashboardId: string, original = false): Promise<Dashboard> {
    const { userId, appId } = this.#options
    return this.request('GET', `${SANDBOX_PATHS.dashboard(userId, appId, dashboardId)}${original ? '?version=ORIGINAL' : ''}`)
  }

  saveDashboard(dashboard: Dashboard): Promise<Dashboard> {
    const { userId, appId } = this.#options
    return this.request('PUT', SANDBOX_PATHS.dashboard(userId, appId, dashboard.id), dashboard)
  }

  getPanel(datasetId: string, panelId: string): Promise<PanelDefinition> {
    const { userId, appId } = this.#options
    return this.request('GET', SANDBOX_PATHS.panel(userId, appId, datasetId, panelId))
  }

  query(datasetId: string, query: QueryRequest): Promise<QueryResult> {
    const { userId, appId } = this.#options
    const extra = filtersFor(this.#userFilters, datasetId)
    const filtered = extra.length > 0 ? { ...query, filters: [...(query.filters ?? []), ...extra] } : query
    return this.request('POST', SANDBOX_PATHS.query(userId, appId, datasetId), filtered)
  }
}
