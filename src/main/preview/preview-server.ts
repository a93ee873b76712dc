/**
 * Serves preview host pages on loopback origins of their own, so the widget
 * runs isolated from the workbench page (different origin: no access to
 * window.workbench, its own storage) exactly as it would in a customer's app.
 * The single preview (and its pop-out) runs on http://127.0.0.1:PORT (or
 * http://localhost:PORT, `host`); each
 * compare frame on http://compare-N.localhost:PORT (shared/preview-origins.ts),
 * so compared personas cannot reach each other's page or token.
 * Pages live in memory under unguessable ids, because they carry a token, and
 * each is served on its own origin only.
 */
import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify'
import { DEFAULT_LOOPBACK_LIMITS, guardHostHeader, loopbackServerOptions, type LoopbackLimits } from '../../sandbox/server/loopback-limits'
import { COMPARE_HOST_NAMES, compareHostName, compareOrigins, KEEP_ALIVE_PATH } from '../../shared/preview-origins'

export interface PreviewPage {
  html: string
  csp: string
}

export interface PublishOptions {
  /**
   * The compare view's frame (0-based) the page is for: it is served on that
   * frame's origin only, and it replaces the frame's previous page.
   */
  compareSlot?: number
  /**
   * Who the compare page is for (the compare service hashes the environment
   * and the token body). When it is not who the frame's previous page was
   * for, the page clears the origin's storage and cookies the first time it
   * is served: a new persona's page finds nothing a previous persona's page
   * left there. The same user's page again keeps them, as a reload would
   * (clearing makes Chromium wait before it shows the page).
   */
  compareUser?: string
}

/** The single preview's host name: loopback by address (the default) or by name (another site than 127.0.0.1). */
export type PreviewHost = '127.0.0.1' | 'localhost'

/**
 * KEEP_ALIVE_PATH: an empty page on the single preview's origin, for the workbench's keeper
 * frame (PreviewPane.vue). Where previews are another site than the
 * workbench page (the desktop app: app://workbench), Chromium runs each in a
 * renderer process of its own, and a new Preview replaced the only frame of
 * that site: the process ended and the next preview waited for a new one
 * (on this project's two-core machines, first data in 420-760 ms instead of
 * 165-400 ms, bench/preview-first-data.ts PREVIEW_HOST=localhost). While the
 * keeper shows this page, the site's process stays and each new preview
 * joins it. Nothing runs in it: no script, no subresource, no storage.
 */
const KEEP_ALIVE_HTML = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Preview process keeper</title></head><body></body></html>'

export interface PreviewServerHandle {
  /** The single preview's (and pop-out's) origin. */
  origin: string
  /** One origin per compare frame, in frame order. */
  compareOrigins: readonly string[]
  /** Every origin a workbench frame may show (the renderer CSP's frame-src, Electron's frame rule). */
  frameOrigins: readonly string[]
  publish(page: PreviewPage, options?: PublishOptions): string
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
  /** The single preview's host name; default 127.0.0.1. */
  host?: PreviewHost
}

interface StoredPage extends PreviewPage {
  /** The Host (name:port, lower case) it is served to: its own origin's. */
  host: string
  /** A compare frame's page clears its origin's storage when first served. */
  clearStorage: boolean
}

/** What a compare frame's new page clears of the previous persona's page in that frame. */
export const CLEAR_PREVIOUS_PERSONA = '"storage", "cookies"'
const EXPIRED = 'This preview has expired. Generate a token and preview again in the workbench.'
const NOT_A_NAVIGATION = 'A preview page opens only as a page or a frame, never as a script\'s request.'

/** Where a browser may put a preview: a window or a frame (Sec-Fetch-Dest). */
const DOCUMENT_DESTINATIONS = new Set(['document', 'iframe', 'frame'])

/**
 * Browsers say how a request was made (Sec-Fetch-Dest and -Mode, sent to
 * loopback and *.localhost as to every trustworthy origin). A preview is a
 * document: fetch(), <script src>, <object> and the like from any page (a
 * sibling preview's widget, say) get nothing, even where that page's CSP
 * would let the request out. Clients that are not browsers (Node's fetch in
 * tests sends only Sec-Fetch-Mode) are not web pages and are answered.
 */
function isNavigation(headers: Record<string, string | string[] | undefined>): boolean {
  const dest = headers['sec-fetch-dest']
  if (dest === undefined) return true
  return typeof dest === 'string' && DOCUMENT_DESTINATIONS.has(dest) && headers['sec-fetch-mode'] === 'navigate'
}

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServerHandle> {
  const pages = new Map<string, StoredPage>()
  /** The page id each compare frame shows now, and who that page is for. */
  const slotPages = new Map<number, string>()
  const slotUsers = new Map<number, string | undefined>()
  const frameAncestors = `frame-ancestors ${options.frameAncestors}`
  // Chromium keeps spare connections open; without forceCloseConnections, close() waits for them to time out.
  const app: FastifyInstance = Fastify({ logger: false, forceCloseConnections: true, ...loopbackServerOptions({ ...DEFAULT_LOOPBACK_LIMITS, ...options.limits }) })
  // Only 127.0.0.1 / localhost / [::1] and the compare frames' names on this port (no other NAME.localhost):
  // a DNS-rebound page cannot read a preview (and its token).
  guardHostHeader(app, (reply, status, message) => reply.code(status).type('text/plain; charset=utf-8').send(message), COMPARE_HOST_NAMES, { anyLocalhostName: false })
  const refuse = (reply: FastifyReply, status: number, message: string) =>
    reply.code(status).header('Content-Security-Policy', `default-src 'none'; ${frameAncestors}`).header('Cache-Control', 'no-store').type('text/plain; charset=utf-8').send(message)
  /** A page of this server: its own policy plus who may frame it (the workbench only), as a document nobody sniffs or refers from. */
  const sendPage = (reply: FastifyReply, csp: string, html: string) =>
    reply.header('Content-Security-Policy', `${csp}; ${frameAncestors}`).header('X-Content-Type-Options', 'nosniff').header('Referrer-Policy', 'no-referrer').type('text/html; charset=utf-8').send(html)
  // Known once listening; the keeper page is served on the single preview's host only.
  let singleHost = ''
  app.get(KEEP_ALIVE_PATH, async (request, reply) => {
    if (!isNavigation(request.headers)) return refuse(reply, 403, NOT_A_NAVIGATION)
    if (request.headers.host?.toLowerCase() !== singleHost) return refuse(reply, 404, EXPIRED)
    return sendPage(reply, "default-src 'none'", KEEP_ALIVE_HTML)
  })
  app.get<{ Params: { id: string } }>('/preview/:id', async (request, reply) => {
    if (!isNavigation(request.headers)) return refuse(reply, 403, NOT_A_NAVIGATION)
    const page = pages.get(request.params.id)
    // A page asked for on another origin than its own is as unknown as an expired one (nothing says it exists).
    if (!page || page.host !== request.headers.host?.toLowerCase()) return refuse(reply, 404, EXPIRED)
    if (page.clearStorage) {
      page.clearStorage = false
      // Chromium clears before the page runs: this frame's origin's storage and its host's cookies (within the
      // workbench's partition; compare-N.localhost has no registrable domain, so no other host's cookies go).
      reply.header('Clear-Site-Data', CLEAR_PREVIOUS_PERSONA)
    }
    // It carries a token: never kept by the browser's cache.
    return sendPage(reply.header('Cache-Control', 'no-store'), page.csp, page.html)
  })
  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  singleHost = `${options.host ?? '127.0.0.1'}:${port}`
  const origin = `http://${singleHost}`
  const compare = compareOrigins(port)
  return {
    origin,
    compareOrigins: compare,
    frameOrigins: [origin, ...compare],
    publish(page, publishOptions = {}) {
      const id = randomUUID()
      const slot = publishOptions.compareSlot
      if (slot === undefined) {
        pages.set(id, { ...page, host: singleHost, clearStorage: false })
      } else {
        const host = `${compareHostName(slot)}:${port}`
        // One page per compare frame: the previous persona's page (and its token) is no longer served.
        const previous = slotPages.get(slot)
        if (previous) pages.delete(previous)
        slotPages.set(slot, id)
        // Storage of this origin (in this browser profile) may hold anything until cleared once in this run.
        const sameUser = publishOptions.compareUser !== undefined && slotUsers.has(slot) && slotUsers.get(slot) === publishOptions.compareUser
        slotUsers.set(slot, publishOptions.compareUser)
        pages.set(id, { ...page, host, clearStorage: !sameUser })
      }
      // Old previews go: only the last few can still be open.
      while (pages.size > MAX_PAGES) pages.delete(pages.keys().next().value as string)
      const stored = pages.get(id) as StoredPage
      return `http://${stored.host}/preview/${id}`
    },
    close: () => app.close()
  }
}
