/**
 * What every doctor step gets and gives. A step is one file (step-*.ts): it
 * reads the context the earlier steps filled in, adds what it found, and
 * answers with a verdict. Steps never throw: a surprise is a failed step.
 */
import type { LookupAddress } from 'node:dns'
import type { AxiosInstance } from 'axios'
import type { DoctorStatus, DoctorStep } from '../../shared/doctor'
import type { SentRequest, TokenBody } from '../../shared/token-request'
import type { WidgetDefinition } from '../../shared/widget-catalog'
import type { RenderOutcome, WidgetRenderer } from './widget-renderer'

/** The environment under test. The key is read here and never leaves the doctor. */
export interface DoctorTarget {
  name: string
  kind: 'sandbox' | 'remote'
  domain: string
  apiKey: string | undefined
  /** Why there is no key to send, when the environment knows (a key saved for another origin). */
  keyProblem?: string
  timeoutMs: number
}

/** What the doctor checks: an environment and the request (widget, token body) a user would send. */
export interface DoctorInput {
  target: DoctorTarget
  widget: WidgetDefinition
  body: TokenBody
  fields: Record<string, string | boolean>
  qrvey86OrNewer: boolean
  /**
   * False when the body is a stand-in (no setup or form given for a remote
   * environment): the steps that need real ids (data API, widget) say so and skip.
   */
  realRequest: boolean
}

export interface DoctorDeps {
  /** The app's HTTP client (createHttpClient): no redirects, no proxies, pinned lookups. */
  http: AxiosInstance
  /** Renders the widget in a real browser; absent: the widget step is skipped and says why. */
  renderer?: WidgetRenderer
  /** Extra trusted CA certificates (PEM) for the TLS step; tests trust their own CA with it. */
  trustedCa?: string[]
  /** The origin the host page runs on (the preview origin): sent as Origin to check CORS. */
  pageOrigin?: string
  /** How long the widget may take to say qvDSHItemsLoaded (default 20 s). */
  renderTimeoutMs?: number
  now?: () => Date
}

/** Filled in as the steps go. */
export interface DoctorContext extends DoctorInput {
  deps: DoctorDeps
  url?: URL
  addresses?: LookupAddress[]
  token?: string
  /** What the support bundle takes from a run: the request as sent (key redacted), the token's header, the render. */
  sentRequest?: SentRequest
  tokenHeader?: Record<string, unknown>
  render?: RenderOutcome
}

export type StepOutcome = Omit<DoctorStep, 'id' | 'title' | 'durationMs'>

export type DoctorStepRun = (ctx: DoctorContext) => Promise<StepOutcome>

export function outcome(status: DoctorStatus, verdict: string, extra: { fix?: string; detail?: string } = {}): StepOutcome {
  return { status, verdict, ...(extra.fix ? { fix: extra.fix } : {}), ...(extra.detail ? { detail: extra.detail } : {}) }
}

/** The port a URL connects to. */
export function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80
}
