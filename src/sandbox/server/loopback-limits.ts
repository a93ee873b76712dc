/**
 * What every loopback server of the workbench (the sandbox, the preview
 * server) puts up with (issue 7): a cap on connections, a deadline for the
 * headers and for the whole request (a slowloris client that trickles a
 * header never finishes cannot hold a socket forever), a short keep-alive,
 * and Host checks against DNS rebinding (see shared/loopback-host.ts).
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance, FastifyReply, FastifyServerFactory } from 'fastify'
import { allowedLoopbackHosts, hostProblem } from '../../shared/loopback-host'

export interface LoopbackLimits {
  /** Connections beyond this are closed as they arrive (a browser opens about 6 per origin). */
  maxConnections: number
  /** Time to receive a request's headers. */
  headersTimeoutMs: number
  /** Time to receive a whole request (headers and body); answering may take longer. */
  requestTimeoutMs: number
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number
  /** How often Node looks for requests past their deadline (it checks on an interval). */
  checkIntervalMs: number
}

export const DEFAULT_LOOPBACK_LIMITS: LoopbackLimits = {
  maxConnections: 128,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000
}

/** fastify options that build the HTTP server with these limits. */
export function loopbackServerOptions(limits: LoopbackLimits): { serverFactory: FastifyServerFactory; keepAliveTimeout: number; requestTimeout: number } {
  const serverFactory = ((handler: RequestListener<typeof IncomingMessage, typeof ServerResponse>) => {
    const server: Server = createServer(
      {
        headersTimeout: limits.headersTimeoutMs,
        requestTimeout: limits.requestTimeoutMs,
        keepAliveTimeout: limits.keepAliveTimeoutMs,
        connectionsCheckingInterval: limits.checkIntervalMs
      },
      handler
    )
    server.maxConnections = limits.maxConnections
    return server
  }) as unknown as FastifyServerFactory
  return { serverFactory, keepAliveTimeout: limits.keepAliveTimeoutMs, requestTimeout: limits.requestTimeoutMs }
}

/**
 * Refuses (421 Misdirected Request, sent by `refuse`) every request whose
 * Host is not this server's loopback name and port. `extraNames`: other
 * names it is reachable under on purpose (the address it was bound to).
 */
export function guardHostHeader(
  app: FastifyInstance,
  refuse: (reply: FastifyReply, status: number, message: string) => FastifyReply,
  extraNames: readonly string[] = []
): void {
  let allowed: { names: Set<string>; port: number } | undefined
  // Callback style: it runs on every request, and an async hook costs a promise and a microtask each (issue 15).
  app.addHook('onRequest', (request, reply, done) => {
    if (!allowed) {
      const address = app.server.address() as AddressInfo | null
      // Not listening: fastify's inject() from the same process, no network involved.
      if (!address) return done()
      allowed = { names: allowedLoopbackHosts(address.port, extraNames), port: address.port }
    }
    const problem = hostProblem(request.headers.host, allowed.names, allowed.port)
    // A sent reply ends the request here: fastify does not go on once the hook has answered.
    if (problem) {
      refuse(reply, 421, problem)
      return
    }
    done()
  })
}

/** The name a server bound to `host` is also reachable under, beyond the loopback ones (none for loopback or a wildcard). */
export function boundHostNames(host: string | undefined): string[] {
  if (!host || ['127.0.0.1', 'localhost', '::1', '0.0.0.0', '::'].includes(host)) return []
  return [host.includes(':') ? `[${host}]` : host]
}
