/**
 * The offline Qrvey sandbox: a fastify app that answers like a Qrvey
 * instance. `createSandboxServer` builds it (one route module per route
 * group: token, data API, widget files); `startSandbox` makes it listen on
 * loopback.
 */
import type { AddressInfo } from 'node:net'
import cors from '@fastify/cors'
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify'
import { SANDBOX_CLIENT_ID_HEADER, SANDBOX_NOTICE_HEADER, SANDBOX_WARNING_HEADER } from '../../shared/sandbox-api'
import { devApiRoutes } from './routes/dev-api-routes'
import { SandboxControl } from './control'
import { DashboardEdits } from './dashboard-edits'
import { misbehaviourHook, realDelay, type Delay, type RandomSource } from './misbehaviour'
import { sendQrveyError } from './qrvey-error'
import { dataRoutes } from './routes/data-routes'
import { extrasRoutes } from './routes/extras-routes'
import { tokenRoute } from './routes/token-route'
import { widgetFilesRoute } from './routes/widget-files-route'
import { TokenIssuer } from './token-issuer'
import { widgetsLocator } from './widgets-dir'
import { boundHostNames, DEFAULT_LOOPBACK_LIMITS, guardHostHeader, loopbackServerOptions, type LoopbackLimits } from './loopback-limits'


/** How long a browser may reuse the answer to a CORS preflight (Chromium caps it at 2 hours). */
export const PREFLIGHT_MAX_AGE_SECONDS = 600
export interface SandboxServerOptions {
  /** The key callers must send as `x-api-key`. */
  apiKey: string
  /** Defaults to a fresh issuer with a random secret. */
  issuer?: TokenIssuer
  /** fastify's request log. Off by default; it never includes request headers. */
  logger?: boolean
  /** The rehearsal modes; defaults to a new holder in normal mode. */
  control?: SandboxControl
  /**
   * The built browser widgets (`npm run build:widgets`). Default: beside the
   * bundle (out/sandbox-widgets) or under the project root; see widgets-dir.ts.
   */
  widgetsDir?: string
  /** How latency is waited out; injected so tests need no timing. */
  delay?: Delay
  /** Decides simulated failures; injected so tests are deterministic. Default Math.random. */
  random?: RandomSource
  /** Connection cap and timeouts (see loopback-limits.ts); tests shorten them. */
  limits?: Partial<LoopbackLimits>
  /** Host names answered besides 127.0.0.1, localhost and [::1] (with the port); see shared/loopback-host.ts. */
  extraHostNames?: readonly string[]
}

export interface StartSandboxOptions extends SandboxServerOptions {
  /** 0 (the default) lets the OS pick a free port. */
  port?: number
  /** Defaults to loopback: the sandbox is for this machine only. */
  host?: string
}

export interface SandboxHandle {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string
  apiKey: string
  issuer: TokenIssuer
  /** Change the rehearsal modes while the sandbox runs. */
  control: SandboxControl
  close(): Promise<void>
}

/**
 * fastify's own body errors, reworded for someone calling a token API by hand.
 * Unsupported media types come out as 400 rather than 415 because, to the
 * caller, it is the same mistake as a body that is not JSON.
 */
function describeClientError(error: FastifyError, contentType: string | undefined): { status: number; message: string } | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 400,
        message: `Content-Type ${contentType ? `"${contentType}"` : '(none)'} is not supported; send the body as JSON with Content-Type: application/json`
      }
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, message: 'The request body is empty; send a JSON object such as {"userid": "...", "appid": "..."}' }
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return {
        status: 400,
        // fastify also lands here for a "__proto__" or "constructor" key, which it refuses on purpose.
        message: 'The request body is not valid JSON (or has a forbidden "__proto__"/"constructor" key); Content-Type says application/json'
      }
    default:
      return undefined
  }
}

export function createSandboxServer(options: SandboxServerOptions): FastifyInstance {
  if (options.apiKey.trim() === '') {
    throw new TypeError('The sandbox needs a non-empty API key')
  }
  const issuer = options.issuer ?? new TokenIssuer()
  const control = options.control ?? new SandboxControl()
  // Ids in the URL (userid, appid) may be as long as the token allows (256).
  const app = Fastify({
    logger: options.logger ?? false,
    routerOptions: { maxParamLength: 512 },
    ...loopbackServerOptions({ ...DEFAULT_LOOPBACK_LIMITS, ...options.limits })
  })

  // Only requests addressed to this machine by a loopback name: a DNS-rebound page is refused (issue 7).
  guardHostHeader(app, sendQrveyError, options.extraHostNames)

  // Qrvey lets browser hosts on other origins call it, so any origin may;
  // no credentials, since callers authenticate with headers, not cookies.
  void app.register(cors, {
    origin: '*',
    methods: ['GET', 'POST', 'PUT', 'OPTIONS'],
    allowedHeaders: ['x-api-key', 'content-type', 'authorization', SANDBOX_CLIENT_ID_HEADER],
    // Browser hosts (and the preview's reporter) may read the sandbox's explanations.
    exposedHeaders: [SANDBOX_NOTICE_HEADER, SANDBOX_WARNING_HEADER],
    // Browsers may reuse a preflight's answer for 10 minutes (issue 15: 9 of a dashboard's 20 requests
    // were preflights, sent again on every preview). The answer is the same for every caller and
    // never depends on a key, token or rehearsal mode (preflights skip misbehaviour.ts), so a
    // reused one cannot be stale; the data answers themselves are never cached.
    maxAge: PREFLIGHT_MAX_AGE_SECONDS
  })

  // Closing aborts pending rehearsal latency, so a 30 s delay cannot hold up
  // shutdown, and answers still in flight then close their connection: Node's
  // server.close() only drops idle keep-alive sockets, so one that turns idle
  // later would keep close() waiting for fastify's 72 s keep-alive timeout.
  const closing = new AbortController()
  app.addHook('preClose', async () => closing.abort())
  // Tokens and data answers depend on the key, the token and the rehearsal modes: never kept by a
  // browser (issue 15). Widget files set their own (revalidated) policy; preflights have Max-Age.
  // One callback-style hook for both: it runs on every answer, and an async hook costs a promise each.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (closing.signal.aborted) reply.header('connection', 'close')
    if (request.method !== 'OPTIONS' && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store')
    done(null, payload)
  })
  const misbehave = misbehaviourHook({
    control,
    delay: options.delay ?? realDelay,
    random: options.random ?? Math.random,
    closing: closing.signal
  })

  // Every failure, including fastify's own (bad JSON, wrong content type),
  // leaves in the Qrvey error shape, so clients need only one error parser.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = describeClientError(error, request.headers['content-type'])
    if (known) return sendQrveyError(reply, known.status, known.message)
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) return sendQrveyError(reply, status, error.message)
    request.log.error({ err: error }, 'sandbox request failed')
    return sendQrveyError(reply, 500, 'Internal sandbox error')
  })

  app.setNotFoundHandler((request, reply) => {
    // The path only: a query string could carry something the caller would not want echoed.
    const path = request.url.split('?')[0]
    return sendQrveyError(reply, 404, `No route for ${request.method} ${path}`)
  })

  void app.register(tokenRoute, { apiKey: options.apiKey, issuer, control, misbehave })
  void app.register(dataRoutes, { issuer, edits: new DashboardEdits(), misbehave, keyMode: { apiKey: options.apiKey, control } })
  void app.register(extrasRoutes, { issuer, misbehave, keyMode: { apiKey: options.apiKey, control } })
  void app.register(devApiRoutes, { apiKey: options.apiKey, control, misbehave })
  void app.register(widgetFilesRoute, { locate: widgetsLocator(options.widgetsDir) })
  return app
}

function urlFor(address: AddressInfo): string {
  // A wildcard bind is reachable on loopback; print that rather than an unusable 0.0.0.0.
  if (address.address === '0.0.0.0') return `http://127.0.0.1:${address.port}`
  if (address.address === '::') return `http://[::1]:${address.port}`
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return `http://${host}:${address.port}`
}

/** Starts the sandbox. Rejects with the system error (e.g. code EADDRINUSE) if it cannot listen. */
export async function startSandbox(options: StartSandboxOptions): Promise<SandboxHandle> {
  const issuer = options.issuer ?? new TokenIssuer()
  const control = options.control ?? new SandboxControl()
  const extraHostNames = [...boundHostNames(options.host), ...(options.extraHostNames ?? [])]
  const app = createSandboxServer({ ...options, issuer, control, extraHostNames })
  try {
    await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' })
  } catch (error) {
    await app.close().catch(() => undefined)
    throw error
  }
  const url = urlFor(app.server.address() as AddressInfo)
  return {
    url,
    apiKey: options.apiKey,
    issuer,
    control,
    close: () => closeSoon(app)
  }
}

/** How long answers in flight get to finish when the sandbox closes. */
const CLOSE_GRACE_MS = 500

/**
 * Closes, letting answers in flight finish (their latency is cut short, see
 * preClose), then drops whatever sockets remain: a browser's spare socket
 * that never sent a request is not "idle" to Node and would otherwise hold
 * close() until its 60 s headers timeout.
 */
async function closeSoon(app: ReturnType<typeof createSandboxServer>): Promise<void> {
  const timer = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS)
  try {
    await app.close()
  } finally {
    clearTimeout(timer)
  }
}
