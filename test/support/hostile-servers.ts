/**
 * Servers that echo the API key they received back in every way a real
 * server, proxy or framework has been seen to: escaped by PHP or Go, URL- or
 * base64-encoded, in a redirect, a header, the token itself, an HTML page, a
 * 4xx or 5xx body, split across lines or chunks. Each echoes what really
 * arrived in `x-api-key`, so the key went over a real socket first.
 * Used by the hostile-server matrix (vitest, through the real composition)
 * and the Chromium sentinel test.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Behaviour } from './failure-servers'

/** What a Node server sees of a header: its bytes as latin1 (é arrives as é, sent as one byte). */
function receivedKey(req: IncomingMessage): string {
  const value = req.headers['x-api-key']
  return Array.isArray(value) ? value.join(',') : (value ?? '')
}

function json(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(body)
}

/** `\uXXXX` for every UTF-16 unit: what some JSON encoders do for "unsafe" text. */
function uEscapeAll(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) out += `\\u${text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase()}`
  return out
}

const goEscape = (jsonText: string): string => jsonText.replace(/&/g, '\\u0026').replace(/</g, '\\u003c').replace(/>/g, '\\u003e')
const phpEscape = (jsonText: string): string => jsonText.replace(/\//g, '\\/')
const b64 = (text: string, encoding: 'base64' | 'base64url'): string => Buffer.from(text, 'utf8').toString(encoding)
const htmlEscape = (text: string): string => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string)

export interface HostileCase {
  name: string
  behaviour: Behaviour
}

/** The matrix: at least the 17 behaviours of issue 7, plus the ones found on the way. */
export const HOSTILE_CASES: HostileCase[] = [
  { name: 'plain (JSON, standard escaping) in a 401 message', behaviour: (req, res) => json(res, 401, JSON.stringify({ errors: [{ message: `Invalid API key ${receivedKey(req)}` }] })) },
  { name: 'JSON-escaped \\/ (PHP) in a 403 message', behaviour: (req, res) => json(res, 403, phpEscape(JSON.stringify({ message: `Key ${receivedKey(req)} may not do this` }))) },
  { name: 'JSON-escaped \\u0026 (Go) in a 500 message', behaviour: (req, res) => json(res, 500, goEscape(JSON.stringify({ message: `upstream rejected ${receivedKey(req)}` }))) },
  { name: 'full \\uXXXX escapes in a 400 message', behaviour: (req, res) => json(res, 400, `{"message":"bad key ${uEscapeAll(receivedKey(req))}"}`) },
  { name: 'URL-encoded (+ for space) in a 401 message', behaviour: (req, res) => json(res, 401, JSON.stringify({ message: `Retry at https://help.example/?key=${new URLSearchParams({ k: receivedKey(req) }).toString().slice(2)}` })) },
  { name: 'double URL-encoded in a 500 message', behaviour: (req, res) => json(res, 500, JSON.stringify({ message: `proxy: ${encodeURIComponent(encodeURIComponent(receivedKey(req)))}` })) },
  { name: 'base64 in a 500 message', behaviour: (req, res) => json(res, 500, JSON.stringify({ message: `trace ${b64(receivedKey(req), 'base64')}` })) },
  { name: 'base64url in a 500 message', behaviour: (req, res) => json(res, 500, JSON.stringify({ message: `trace ${b64(receivedKey(req), 'base64url')}` })) },
  { name: 'hex in a 500 message', behaviour: (req, res) => json(res, 500, JSON.stringify({ message: `dump ${Buffer.from(receivedKey(req), 'utf8').toString('hex').toUpperCase()}` })) },
  {
    name: 'split across lines in a non-JSON 500',
    behaviour: (req, res) => {
      const key = receivedKey(req)
      const half = Math.floor(key.length / 2)
      res.writeHead(500, { 'content-type': 'text/plain' })
      res.end(`Upstream failed for key\n${key.slice(0, half)}\n${key.slice(half)}\n`)
    }
  },
  {
    name: 'split across chunks in a JSON 502',
    behaviour: (req, res) => {
      const body = JSON.stringify({ message: `gateway saw ${receivedKey(req)}` })
      const cut = body.indexOf('saw ') + 8
      res.writeHead(502, { 'content-type': 'application/json' })
      res.write(body.slice(0, cut))
      setTimeout(() => res.end(body.slice(cut)), 5)
    }
  },
  { name: 'URL-encoded in the Location of a 302', behaviour: (req, res) => json(res, 302, '{}', { location: `https://login.example/sso?api_key=${encodeURIComponent(receivedKey(req))}` }) },
  { name: 'in another response header of a 500', behaviour: (req, res) => json(res, 500, JSON.stringify({ message: 'upstream failed' }), { 'x-debug-api-key': receivedKey(req) }) },
  { name: 'as the token of a 200', behaviour: (req, res) => json(res, 200, JSON.stringify({ token: receivedKey(req) })) },
  { name: 'inside the token, JSON-escaped (Go + PHP), of a 200', behaviour: (req, res) => json(res, 200, phpEscape(goEscape(JSON.stringify({ token: `eyJhbGciOiJIUzI1NiJ9.${receivedKey(req)}.c2ln` })))) },
  { name: 'in a non-JSON 200 (an HTML login page)', behaviour: (req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(`<html><body>Signed in with <b>${receivedKey(req)}</b></body></html>`) } },
  { name: 'HTML-entity-escaped in a non-JSON 200', behaviour: (req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(`<html><body>key=${htmlEscape(receivedKey(req))}</body></html>`) } },
  { name: 'raw in a 422 (4xx) body', behaviour: (req, res) => json(res, 422, JSON.stringify({ errors: [{ message: 'invalid', key: receivedKey(req) }] })) },
  { name: 'raw in a 503 (5xx) non-JSON body', behaviour: (req, res) => { res.writeHead(503, { 'content-type': 'text/plain' }); res.end(`service unavailable; key=${receivedKey(req)}`) } },
  { name: 'all request headers echoed in error detail (500)', behaviour: (req, res) => json(res, 500, JSON.stringify({ message: 'upstream failed', detail: { headers: req.headers } })) },
  { name: 'in a JSON object key and the message of a 200 without token', behaviour: (req, res) => json(res, 200, JSON.stringify({ [receivedKey(req)]: true, message: `hello ${receivedKey(req)}` })) }
]
