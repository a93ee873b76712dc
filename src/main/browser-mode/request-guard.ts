/**
 * Who may talk to the browser-mode server: only the workbench page it served,
 * in the browser of the user who started it. Checked on every request before
 * any handler or file read runs:
 *
 * - Host must be the exact loopback address the server printed: a rebinding
 *   DNS name that resolves to 127.0.0.1 arrives with its own Host and is refused.
 * - Origin, where the browser sends one, must be the server's own; state-changing
 *   methods must send one. A page on another loopback port (the preview frame
 *   included) is same-site but not same-origin, so it is refused here even
 *   though a SameSite cookie would travel with its requests.
 * - Sec-Fetch-Site, where sent, must be same-origin or none (a typed URL).
 * - The session cookie, set once in exchange for the printed launch secret,
 *   must match (compared in constant time).
 */
import { timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import type { ErrorCode } from '../../shared/error-codes'

export interface GuardConfig {
  /** e.g. http://127.0.0.1:41234 */
  origin: string
  /** e.g. 127.0.0.1:41234 */
  host: string
  cookieName: string
  cookieValue: string
}

export type Verdict = { ok: true } | { ok: false; status: number; code: ErrorCode; message: string }

const SAFE_METHODS = new Set(['GET', 'HEAD'])

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** Host, Origin and fetch-metadata checks: everything but the secret. */
export function checkOrigin(method: string, headers: IncomingHttpHeaders, config: GuardConfig): Verdict {
  const host = header(headers, 'host')?.toLowerCase()
  if (host !== config.host) {
    return { ok: false, status: 421, code: 'FORBIDDEN_SENDER', message: `This server answers only to ${config.host}; the request named "${(host ?? '').slice(0, 100)}".` }
  }
  const origin = header(headers, 'origin')
  if (origin !== undefined && origin !== config.origin) {
    return { ok: false, status: 403, code: 'FORBIDDEN_SENDER', message: 'Requests from other origins are refused.' }
  }
  if (origin === undefined && !SAFE_METHODS.has(method)) {
    return { ok: false, status: 403, code: 'FORBIDDEN_SENDER', message: 'A request that changes something must name its origin.' }
  }
  const site = header(headers, 'sec-fetch-site')
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { ok: false, status: 403, code: 'FORBIDDEN_SENDER', message: 'Requests started by other sites are refused.' }
  }
  return { ok: true }
}

export function readCookie(headers: IncomingHttpHeaders, name: string): string | undefined {
  const raw = header(headers, 'cookie')
  if (!raw) return undefined
  for (const part of raw.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The full check for everything but the launch exchange. */
export function checkRequest(method: string, headers: IncomingHttpHeaders, config: GuardConfig): Verdict {
  const origin = checkOrigin(method, headers, config)
  if (!origin.ok) return origin
  if (!sameSecret(readCookie(headers, config.cookieName), config.cookieValue)) {
    return { ok: false, status: 401, code: 'FORBIDDEN_SENDER', message: 'Open the workbench with the address `npm start` printed: this browser has not been given the launch secret.' }
  }
  return { ok: true }
}
