/**
 * The token client keeps connections alive (issue #15: a new connection per
 * token request was most of the handler path's overhead). Pins that it does
 * reuse a connection, and that a connection the server closed while idle is
 * not reused for the next request (which must still succeed).
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createHttpClient } from '../../../../src/main/http/http-client'

let server: Server | undefined
afterEach(async () => {
  server?.closeAllConnections()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  server = undefined
})

async function start(): Promise<{ url: string; connections: () => number }> {
  let connections = 0
  server = createServer((req, res) => res.end(`ok ${req.url}`))
  server.on('connection', () => connections++)
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections }
}

describe('http client keep-alive', () => {
  it('reuses one connection for successive requests', async () => {
    const { url, connections } = await start()
    const client = createHttpClient()
    for (let i = 0; i < 3; i++) expect((await client.get(`${url}/r${i}`)).data).toBe(`ok /r${i}`)
    expect(connections()).toBe(1)
  })

  it('opens a new connection when the server closed the idle one', async () => {
    const { url, connections } = await start()
    const client = createHttpClient()
    expect((await client.get(`${url}/first`)).data).toBe('ok /first')
    server!.closeIdleConnections()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect((await client.get(`${url}/second`)).data).toBe('ok /second')
    expect(connections()).toBe(2)
  })

  it('asks for the same TCP keep-alive delay every time, so a reused socket makes no system call for it per request', async () => {
    // axios sets keep-alive on each request's socket and the agent again when the socket goes back to the
    // pool; Node passes the call to the system only when the value differs from the socket's current one.
    const { url } = await start()
    const client = createHttpClient()
    const original = Socket.prototype.setKeepAlive
    const asked = new Map<Socket, number[]>()
    Socket.prototype.setKeepAlive = function (this: Socket, enable?: boolean, delay?: number) {
      asked.set(this, [...(asked.get(this) ?? []), delay ?? 0])
      return original.call(this, enable, delay)
    }
    try {
      for (let i = 0; i < 4; i++) await client.get(`${url}/k${i}`)
    } finally {
      Socket.prototype.setKeepAlive = original
    }
    expect(asked.size).toBe(1)
    const [delays] = [...asked.values()]
    expect(delays.length).toBeGreaterThanOrEqual(4)
    expect(new Set(delays).size, `delays asked: ${delays.join(', ')} ms`).toBe(1)
  })
})
