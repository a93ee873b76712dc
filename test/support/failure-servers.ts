/**
 * Real local servers that misbehave in the ways a Qrvey domain can: each
 * answers on its own loopback port, so a test points an environment at it
 * exactly as a user would point one at a broken instance.
 */
import { readFileSync } from 'node:fs'
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { join } from 'node:path'

export type Behaviour = (req: IncomingMessage, res: ServerResponse, body: string) => void

export interface RunningServer {
  url: string
  requests: Array<{ method?: string; url?: string; headers: IncomingMessage['headers']; body: string }>
  close(): Promise<void>
}

const TLS_DIR = join(import.meta.dirname, '../fixtures/tls')

/**
 * Answers every request with `behaviour` (once its body is in), on a free loopback port. `tls`: true for the
 * fixture certificate, or a key and certificate of the test's own (doctor-servers.ts makes them).
 */
export async function startServer(behaviour: Behaviour, options: { tls?: boolean | { key: string | Buffer; cert: string | Buffer } } = {}): Promise<RunningServer> {
  const requests: RunningServer['requests'] = []
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      requests.push({ method: req.method, url: req.url, headers: req.headers, body })
      behaviour(req, res, body)
    })
  }
  const tls = options.tls === true ? { key: readFileSync(join(TLS_DIR, 'key.pem')), cert: readFileSync(join(TLS_DIR, 'cert.pem')) } : options.tls || undefined
  const server: Server = tls ? createHttpsServer(tls, handler) : createHttpServer(handler)
  const sockets = new Set<Socket>()
  server.on('connection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  // A client that refuses the certificate (the point of some tests) is not the server's failure.
  server.on('secureConnection', (s: Socket) => s.on('error', () => {}))
  server.on('tlsClientError', () => {})
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}

export const respond =
  (status: number, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }): Behaviour =>
  (_req, res) => {
    res.writeHead(status, headers)
    res.end(body)
  }

/** Accepts the request and never answers: what a stuck server looks like. */
export const hang: Behaviour = () => {}

/** Echoes the request headers back in a 500, as some broken proxies do. */
export const echoHeaders: Behaviour = (req, res) => {
  res.writeHead(500, { 'content-type': 'application/json' })
  res.end(JSON.stringify({ message: 'upstream failed', headers: req.headers }))
}

/** A port on loopback with nothing listening (bound, then released). */
export async function closedPortUrl(): Promise<string> {
  const server = createHttpServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}
