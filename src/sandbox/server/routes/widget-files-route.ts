/**
 * The browser widgets, served the way a Qrvey domain serves them (QRVEY.md
 * §2): `/widgets-launcher/app.js`, `/qrvey-an-widgets/...`, `/qrvey-dashboard/...`,
 * `/qrvey_download_manager/...` and `/qrvey-webforms-widgets/...`.
 * Host pages on other origins load them, so CORS is open (the server-wide
 * cors plugin) and the resource policy is cross-origin. Never subject to
 * the rehearsal modes.
 *
 * Caching (issue 15: the 246 kB launcher was fetched again for every
 * preview): each file carries a strong ETag, a hash of its bytes, with
 * `no-cache`, so a browser keeps its copy but asks every time whether it is
 * still current; an unchanged file is answered 304 without a body, and a
 * rebuilt one (other bytes, another ETag) is sent in full on the next load.
 * The paths are Qrvey's documented ones, so no hashed URL. These files hold
 * no key, token or environment: those travel in the page and in the data
 * requests, which are never cached.
 */
import { createHash } from 'node:crypto'
import { readFile, realpath, stat } from 'node:fs/promises'
import { extname, join, sep } from 'node:path'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { sendQrveyError } from '../qrvey-error'
import { WIDGETS_BUILD_HINT, type WidgetsLocation } from '../widgets-dir'

export const WIDGET_FOLDERS = ['widgets-launcher', 'qrvey-an-widgets', 'qrvey-dashboard', 'qrvey_download_manager', 'qrvey-webforms-widgets'] as const

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff'
}

export interface WidgetFilesOptions {
  locate: () => WidgetsLocation
}

/**
 * The URL path's segments, decoded one by one (empty ones dropped); undefined
 * for anything that could step outside the folder ("..", an encoded slash or
 * backslash, a NUL) or is not valid percent-encoding.
 */
export function safeSegments(urlPath: string): string[] | undefined {
  const segments: string[] = []
  for (const raw of urlPath.split('/').slice(1)) {
    let segment: string
    try {
      segment = decodeURIComponent(raw)
    } catch {
      return undefined
    }
    if (segment === '') continue
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return undefined
    segments.push(segment)
  }
  return segments
}

function notFound(reply: FastifyReply, path: string): FastifyReply {
  return sendQrveyError(reply, 404, `No widget file ${path}`)
}

/**
 * The file's bytes and strong ETag, hashed on every request (about a
 * millisecond for the launcher): a tag kept by size and mtime could outlive
 * a rebuild within the file system's timestamp granularity.
 */
async function readWithTag(file: string): Promise<{ body: Buffer; etag: string }> {
  const body = await readFile(file)
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` }
}

/** If-None-Match: a list of tags, or `*` (RFC 9110 §13.1.2; weak comparison, so W/ prefixes match too). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false
  if (header.trim() === '*') return true
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
}

async function serve(request: FastifyRequest, reply: FastifyReply, options: WidgetFilesOptions): Promise<FastifyReply> {
  const path = request.url.split('?')[0]
  const { dir, searched } = options.locate()
  if (!dir) return sendQrveyError(reply, 404, `The sandbox widgets are not built (looked in ${searched.join(' and ')}): ${WIDGETS_BUILD_HINT}`)

  const segments = safeSegments(path)
  if (!segments) return sendQrveyError(reply, 400, `Refused widget path ${path}`)
  try {
    // realpath on both sides: a symlink inside the folder must not lead outside it.
    const root = await realpath(dir)
    const file = await realpath(join(root, ...segments))
    if (!file.startsWith(root + sep) || !(await stat(file)).isFile()) return notFound(reply, path)
    const { body, etag } = await readWithTag(file)
    reply
      .header('etag', etag)
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .header('cross-origin-resource-policy', 'cross-origin')
    if (matches(request.headers['if-none-match'], etag)) return reply.code(304).send()
    return reply
      .code(200)
      .type(CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream')
      .send(body)
  } catch {
    return notFound(reply, path)
  }
}

export const widgetFilesRoute: FastifyPluginAsync<WidgetFilesOptions> = async (app, options) => {
  for (const folder of WIDGET_FOLDERS) {
    app.get(`/${folder}/*`, (request, reply) => serve(request, reply, options))
  }
}
