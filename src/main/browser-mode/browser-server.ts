/**
 * The HTTP side of browser mode: serves the built workbench and carries the
 * IPC contract, on 127.0.0.1 only. Every request passes the guard
 * (request-guard.ts) before anything else runs; IPC calls then go through the
 * same HandlerRegistry as the desktop app's ipcMain (channel, sender, zod),
 * and a refusal at any of those checks is answered with a 4xx and its Result.
 *
 * The per-launch secret reaches the browser once, in the printed URL
 * (`/?launch=…`), and is exchanged for an HttpOnly, SameSite=Strict session
 * cookie, then the browser is redirected to `/` so the secret leaves the
 * address bar. No page ever contains either value.
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { fail, type Result } from '../../shared/result'
import { BRIDGE_HEADER, BRIDGE_HEADER_VALUE, EVENTS_PATH, EVENTS_SENT_HEADER, IPC_PATH_PREFIX, LAUNCH_PARAM, ORDER_HEADER } from '../../shared/http-bridge'
import type { DispatchStage, HandlerRegistry } from '../ipc/handler-registry'
import { serveRendererFile } from '../security/renderer-files'
import { CallOrder, ORDER_PATTERN } from './call-order'
import type { EventHub } from './event-stream'
import { INSTANCE_HEADER } from './instance-file'
import { checkOrigin, checkRequest, sameSecret, type GuardConfig, type Verdict } from './request-guard'

/** Imports may be 16 MB of text; JSON escaping can grow it. Anything larger is refused unread. */
export const MAX_BODY_BYTES = 40 * 1024 * 1024

const STAGE_STATUS: Record<DispatchStage, number> = { channel: 404, sender: 403, payload: 400, handler: 200 }

/** Sent with every answer: nothing here may be framed, sniffed, cached or leak a Referer. */
const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  [INSTANCE_HEADER]: 'browser-mode'
}

export interface BrowserServerAttachment {
  registry: HandlerRegistry
  hub: EventHub
  rendererDir: string
  csp: string
  /** Every IPC call and its answer (tests look for leaks in them). */
  onExchange?: (channel: string, payload: unknown, result: unknown) => void
}

export interface BrowserServer {
  origin: string
  /** The address to print: the origin plus the launch secret. */
  launchUrl: string
  port: number
  /** Starts answering (until then every request gets 503). */
  attach(attachment: BrowserServerAttachment): void
  close(): Promise<void>
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...headers })
  res.end(body)
}

function sendResult(res: ServerResponse, status: number, result: Result<unknown>, eventsSent?: number): void {
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'application/json; charset=utf-8', ...(eventsSent === undefined ? {} : { [EVENTS_SENT_HEADER]: String(eventsSent) }) })
  res.end(JSON.stringify(result))
}

function refuse(res: ServerResponse, verdict: Extract<Verdict, { ok: false }>, asJson: boolean): void {
  if (asJson) sendResult(res, verdict.status, fail(verdict.code, verdict.message))
  else send(res, verdict.status, verdict.message)
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > MAX_BODY_BYTES) return resolve('too-large')
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        req.destroy()
        resolve('too-large')
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export async function startBrowserServer(options: { port?: number; secret?: string } = {}): Promise<BrowserServer> {
  const secret = options.secret ?? randomBytes(32).toString('base64url')
  const sessionValue = randomBytes(32).toString('base64url')
  let attachment: BrowserServerAttachment | undefined
  let guard: GuardConfig | undefined
  const sockets = new Set<Socket>()
  const order = new CallOrder()

  async function handleIpc(req: IncomingMessage, res: ServerResponse, pathname: string, a: BrowserServerAttachment, origin: string): Promise<void> {
    if (req.method !== 'POST') return sendResult(res, 405, fail('INVALID_INPUT', 'Workbench calls are POST requests.'))
    if (req.headers[BRIDGE_HEADER] !== BRIDGE_HEADER_VALUE || !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return sendResult(res, 400, fail('INVALID_INPUT', `A workbench call is a JSON body with the ${BRIDGE_HEADER} header.`))
    }
    let channel: string
    try {
      channel = decodeURIComponent(pathname.slice(IPC_PATH_PREFIX.length))
    } catch {
      return sendResult(res, 404, fail('UNKNOWN_CHANNEL', 'The workbench received a request it does not know.'))
    }
    const body = await readBody(req)
    if (body === 'too-large') return sendResult(res, 413, fail('INVALID_INPUT', `The request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`))
    let envelope: unknown
    try {
      envelope = JSON.parse(body.toString('utf8'))
    } catch {
      return sendResult(res, 400, fail('INVALID_INPUT', 'The request body is not JSON.'))
    }
    if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope) || Object.keys(envelope).some((k) => k !== 'payload')) {
      return sendResult(res, 400, fail('INVALID_INPUT', 'The request body must be {"payload": …}.'))
    }
    const payload = (envelope as { payload?: unknown }).payload
    const place = ORDER_PATTERN.exec(String(req.headers[ORDER_HEADER] ?? ''))
    if (place) await order.wait(place[1], Number(place[2]))
    // The guard has already established the origin; the registry applies the same sender policy as ipcMain.
    const dispatched = a.registry.dispatch(channel, payload, { url: `${origin}/`, isMainFrame: true })
    if (place) order.started(place[1], Number(place[2]))
    const { stage, result } = await dispatched
    a.onExchange?.(channel, payload, result)
    sendResult(res, STAGE_STATUS[stage], result, a.hub.sent)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const a = attachment
    const g = guard
    if (!a || !g) return send(res, 503, 'The workbench is still starting; reload in a moment.')
    const method = req.method ?? 'GET'
    const url = new URL(req.url ?? '/', g.origin)
    const isApi = url.pathname.startsWith(IPC_PATH_PREFIX) || url.pathname === EVENTS_PATH

    // The launch exchange: the secret from the printed URL buys the session cookie.
    if (url.searchParams.has(LAUNCH_PARAM) && method === 'GET' && !isApi) {
      const verdict = checkOrigin(method, req.headers, g)
      if (!verdict.ok) return refuse(res, verdict, false)
      if (!sameSecret(url.searchParams.get(LAUNCH_PARAM) ?? undefined, secret)) {
        return send(res, 403, 'This launch address is not the running workbench\'s. Use the one `npm start` printed last.')
      }
      res.writeHead(303, {
        ...COMMON_HEADERS,
        'Set-Cookie': `${g.cookieName}=${sessionValue}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/'
      })
      return void res.end()
    }

    const verdict = checkRequest(method, req.headers, g)
    if (!verdict.ok) return refuse(res, verdict, isApi)
    if (url.pathname.startsWith(IPC_PATH_PREFIX)) return handleIpc(req, res, url.pathname, a, g.origin)
    if (url.pathname === EVENTS_PATH) {
      if (method !== 'GET') return sendResult(res, 405, fail('INVALID_INPUT', 'The event stream is read with GET.'))
      return a.hub.attach(res, COMMON_HEADERS)
    }
    if (method !== 'GET' && method !== 'HEAD') return send(res, 405, 'Method not allowed.')
    const file = serveRendererFile(a.rendererDir, `http://workbench${url.pathname}`, a.csp)
    res.writeHead(file.status, { ...COMMON_HEADERS, ...file.headers })
    res.end(method === 'HEAD' ? undefined : file.body)
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendResult(res, 500, fail('INTERNAL', 'Something went wrong inside the workbench. The log has the details.'))
      else res.destroy()
    })
  })
  // Slow or idle clients cannot hold the server (the event stream is the one long request).
  server.headersTimeout = 10_000
  server.requestTimeout = 0
  server.maxConnections = 256
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    // 127.0.0.1 only: never reachable from another machine.
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`

  return {
    origin,
    port,
    launchUrl: `${origin}/?${LAUNCH_PARAM}=${secret}`,
    attach(next) {
      attachment = next
      // Cookies are shared by every port of a host: the port in the name keeps two instances apart.
      guard = { origin, host: `127.0.0.1:${port}`, cookieName: `qwb_session_${port}`, cookieValue: sessionValue }
    },
    close: () =>
      new Promise<void>((resolve) => {
        attachment?.hub.close()
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      })
  }
}
