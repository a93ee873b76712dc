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
    httpAgent: new HttpAgent({ lookup: pinnedLookup as never }),
    httpsAgent: new HttpsAgent({ lookup: pinnedLookup as never })
  })
}
