/**
 * A GET to a loopback server with a Host header of the test's choosing
 * (Node's fetch resolves no *.localhost name and sends the URL's Host): what
 * a browser sends for http://NAME.localhost:PORT/..., or what a page that
 * forges a name would send. Extra headers play the browser's Sec-Fetch-*.
 */
import { request } from 'node:http'

export interface HostAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

export function getWithHost(url: string, host: string, headers: Record<string, string> = {}): Promise<HostAnswer> {
  const target = new URL(url)
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: Number(target.port), path: target.pathname + target.search, method: 'GET', headers: { ...headers, host } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

/** The Host a browser sends for this URL. */
export const hostOf = (url: string): string => new URL(url).host

/** What Chromium sends when a page navigates a frame to a preview (the workbench framing it). */
export const FRAME_NAVIGATION = { 'sec-fetch-dest': 'iframe', 'sec-fetch-mode': 'navigate', 'sec-fetch-site': 'cross-site' }
/** What Chromium sends for a page's fetch() to another origin. */
export const SCRIPT_FETCH = { 'sec-fetch-dest': 'empty', 'sec-fetch-mode': 'cors', 'sec-fetch-site': 'cross-site' }
