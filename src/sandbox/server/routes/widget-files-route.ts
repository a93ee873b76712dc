/**
 * The browser widgets, served the way a Qrvey domain serves them (QRVEY.md
 * §2): `/widgets-launcher/app.js`, `/qrvey-an-widgets/...`, `/qrvey-dashboard/...`,
 * `/qrvey_download_manager/...` and `/qrvey-webforms-widgets/...`.
 * Host pages on other origins load them, so CORS is open (the server-wide
 * cors plugin) and the resource policy is cross-origin. `no-store`, so a
 * rebuilt widget is picked up on the next reload. Never subject to the
 * rehearsal modes.
 */
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
    const body = await readFile(file)
    return reply
      .code(200)
      .type(CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream')
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .header('cross-origin-resource-policy', 'cross-origin')
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
