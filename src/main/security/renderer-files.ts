/**
 * Serves the built renderer (out/renderer) for the app's own `app://` origin
 * and for the Chromium test harness. Only files inside the folder, with the
 * CSP and nosniff headers on every answer.
 */
import { readFileSync, statSync } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'
import { RENDERER_CSP } from './csp'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

export interface StaticResponse {
  status: number
  headers: Record<string, string>
  body: Buffer
}

export function serveRendererFile(rootDir: string, requestUrl: string, csp: string = RENDERER_CSP): StaticResponse {
  const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' }
  let pathname: string
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname)
  } catch {
    return { status: 400, headers, body: Buffer.from('bad request') }
  }
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '')
  const root = normalize(rootDir + sep)
  const file = normalize(join(root, relative))
  if (!file.startsWith(root) || !isFile(file)) return { status: 404, headers, body: Buffer.from('not found') }
  return {
    status: 200,
    headers: { ...headers, 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' },
    body: readFileSync(file)
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}
