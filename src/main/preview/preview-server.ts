/**
 * Serves preview host pages on a loopback origin of their own, so the widget
 * runs isolated from the workbench page (different origin: no access to
 * window.workbench, its own storage) exactly as it would in a customer's app.
 * Pages live in memory under unguessable ids, because they carry a token.
 */
import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyInstance } from 'fastify'
import { DEFAULT_LOOPBACK_LIMITS, guardHostHeader, loopbackServerOptions, type LoopbackLimits } from '../../sandbox/server/loopback-limits'

export interface PreviewPage {
  html: string
  csp: string
}

export interface PreviewServerHandle {
  origin: string
  publish(page: PreviewPage): string
  close(): Promise<void>
}

const MAX_PAGES = 50

export interface PreviewServerOptions {
  port?: number
  /**
   * The origin that may frame previews (CSP frame-ancestors): the workbench
   * page, app://workbench in the app, the harness's loopback origin in tests.
   * Any other page framing a preview (which carries a token) gets nothing.
   */
  frameAncestors: string
  /** Connection cap and timeouts (see loopback-limits.ts); tests shorten them. */
  limits?: Partial<LoopbackLimits>
}

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServerHandle> {
  const pages = new Map<string, PreviewPage>()
  const frameAncestors = `frame-ancestors ${options.frameAncestors}`
  // Chromium keeps spare connections open; without forceCloseConnections, close() waits for them to time out.
  const app: FastifyInstance = Fastify({ logger: false, forceCloseConnections: true, ...loopbackServerOptions({ ...DEFAULT_LOOPBACK_LIMITS, ...options.limits }) })
  // Only 127.0.0.1 / localhost / [::1] on this port: a DNS-rebound page cannot read a preview (and its token).
  guardHostHeader(app, (reply, status, message) => reply.code(status).type('text/plain; charset=utf-8').send(message))
  app.get<{ Params: { id: string } }>('/preview/:id', async (request, reply) => {
    const page = pages.get(request.params.id)
    if (!page) {
      return reply.code(404).header('Content-Security-Policy', `default-src 'none'; ${frameAncestors}`).type('text/plain; charset=utf-8').send('This preview has expired. Generate a token and preview again in the workbench.')
    }
    return reply
      // The host page's own policy (what Qrvey needs), plus who may frame it: the workbench only.
      .header('Content-Security-Policy', `${page.csp}; ${frameAncestors}`)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'no-store')
      .header('Referrer-Policy', 'no-referrer')
      .type('text/html; charset=utf-8')
      .send(page.html)
  })
  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const origin = `http://127.0.0.1:${port}`
  return {
    origin,
    publish(page) {
      const id = randomUUID()
      pages.set(id, page)
      // Old previews go: only the last few can still be open.
      while (pages.size > MAX_PAGES) pages.delete(pages.keys().next().value as string)
      return `${origin}/preview/${id}`
    },
    close: () => app.close()
  }
}
