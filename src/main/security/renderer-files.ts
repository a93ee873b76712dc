/**
 * Serves the built renderer (out/renderer) for the app's own `app://` origin
 * and for browser mode (and the Chromium test harness through it). Only files
 * inside the folder, with the CSP and nosniff headers on every answer.
 *
 * Caching: index.html and anything else is `no-store`. The build's scripts and
 * styles carry a hash of their content in their names (Vite's
 * `assets/<name>-<hash>.<ext>`): a changed file is a new name, which only a
 * fresh index.html names, so such a file may be kept for good (`immutable`).
 * Kept, Chromium also keeps V8's compiled code for it: a reload in browser
 * mode had the first screen's 250 kB parsed and compiled again, ~280 ms of
 * background compile on this project's two-core machines before the first
 * line ran (issue 15, bench/renderer-load.ts: form usable after a first and a
 * second reload 351 / 259 ms p50 without it, 216 / 130 ms with it). They
 * hold no secret (the key never reaches the renderer; tokens and settings
 * come over the bridge, never in a file).
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

/** A build output named for its content: `assets/<name>-<8-character hash>.<ext>`. */
const HASHED_ASSET = /^assets\/[^/]+-[A-Za-z0-9_-]{8}\.(?:js|css|woff2|svg|png)$/

/** How long a file may be kept: hashed build outputs for good, everything else never. */
export function cacheControlFor(relativePath: string): string {
  return HASHED_ASSET.test(relativePath) ? 'private, max-age=31536000, immutable' : 'no-store'
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
    headers: { ...headers, 'Cache-Control': cacheControlFor(relative), 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' },
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
