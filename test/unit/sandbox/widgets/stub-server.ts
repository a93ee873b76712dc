/**
 * A real HTTP server on loopback for the widget tests (no fetch mocks): it
 * answers CORS preflights the way the sandbox does and records every request.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  path: string
  authorization: string | undefined
  /** The x-api-key header (API-key mode). */
  apiKey?: string | undefined
  /** All request headers, lower-cased. */
  headers?: Record<string, string | string[] | undefined>
  body: string
}

export interface StubReply {
  status: number
  body?: unknown
  /** Milliseconds to wait before answering. */
  delayMs?: number
}

export interface StubServer {
  url: string
  requests: RecordedRequest[]
  /** Requests whose connection closed before an answer was sent (aborted fetches). */
  aborted: string[]
  close(): Promise<void>
}

export type StubHandler = (request: RecordedRequest) => StubReply

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, accept, x-api-key, x-sandbox-clientid'
}

export async function startStub(handler: StubHandler): Promise<StubServer> {
  const requests: RecordedRequest[] = []
  const aborted: string[] = []
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS).end()
      return
    }
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (body += chunk))
    req.on('end', () => {
      const recorded: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, apiKey: req.headers['x-api-key'] as string | undefined, headers: req.headers, body }
      requests.push(recorded)
      const reply = handler(recorded)
      let answered = false
      res.on('close', () => {
        if (!answered) aborted.push(recorded.path)
      })
      const send = (): void => {
        if (res.destroyed) return
        answered = true
        res.writeHead(reply.status, { ...CORS, 'content-type': 'application/json; charset=utf-8' })
        res.end(reply.body === undefined ? '' : JSON.stringify(reply.body))
      }
      if (reply.delayMs) setTimeout(send, reply.delayMs)
      else send()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    aborted,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

export function qrveyError(message: string): unknown {
  return { status: 'error', date: new Date(0).toISOString(), errors: [{ message }] }
}

export async function waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 5_000): Promise<T> {
  const start = Date.now()
  for (;;) {
    const value = probe()
    if (value) return value
    if (Date.now() - start > timeoutMs) throw new Error('waitFor: timed out')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** Adds a widget element the way a Qrvey host page does: global config, then the element. */
export function mountWidget(tag: string, attribute: 'settings' | 'config', config: unknown, name = `cfg_${Math.random().toString(36).slice(2)}`): HTMLElement {
  ;(window as unknown as Record<string, unknown>)[name] = config
  const element = document.createElement(tag)
  element.setAttribute(attribute, name)
  document.body.append(element)
  return element
}
