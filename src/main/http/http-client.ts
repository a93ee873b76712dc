/**
 * The one place outbound HTTP is configured. Every request has an explicit
 * timeout, never follows redirects (a redirect would carry the x-api-key
 * header to wherever the server points), and hands back the raw body so a
 * malformed answer can be reported as such instead of failing inside axios.
 * Names go through pinnedLookup: `*.localhost` is loopback without DNS, and
 * link-local / metadata addresses are refused whatever name leads there.
 */
import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import axios, { type AxiosInstance } from 'axios'
import { pinnedLookup } from './pinned-lookup'
import { DEFAULT_TIMEOUT_MS } from '../../shared/token-request'

/** What axios's http adapter passes to socket.setKeepAlive on every request (lib/adapters/http.js). */
export const AXIOS_SOCKET_KEEPALIVE_MS = 60_000

export function createHttpClient(options: { timeoutMs?: number } = {}): AxiosInstance {
  return axios.create({
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRedirects: 0,
    // Status codes are classified by the caller; axios must not throw on them.
    validateStatus: () => true,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    // HTTP(S)_PROXY variables are not consulted: the key goes only where the
    // user pointed it, and the loopback sandbox must never go through a proxy.
    proxy: false,
    maxContentLength: 5 * 1024 * 1024,
    // Keep-alive (as Node's own global agent and fetch do): a new TCP/TLS
    // connection per token request was most of the handler path's overhead
    // (issue #15). Idle sockets close after 4 s, under the 5 s idle timeout
    // of Node servers (a server's Keep-Alive hint, when sent, is honoured
    // too), so a reused socket is not one the server is closing. Each socket
    // was connected through pinnedLookup, so reuse keeps the pinning.
    // keepAliveMsecs is the TCP keep-alive probe delay that axios also sets on every request's socket
    // (60 s): the agent sets its own value again each time a socket goes back to the pool, and with
    // two different values each request paid two setsockopt calls (issue 15); equal values make both no-ops.
    httpAgent: new HttpAgent({ lookup: pinnedLookup as never, keepAlive: true, keepAliveMsecs: AXIOS_SOCKET_KEEPALIVE_MS, timeout: 4000 }),
    httpsAgent: new HttpsAgent({ lookup: pinnedLookup as never, keepAlive: true, keepAliveMsecs: AXIOS_SOCKET_KEEPALIVE_MS, timeout: 4000 })
  })
}
