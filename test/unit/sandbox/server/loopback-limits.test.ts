/**
 * The loopback servers under hostile clients (issue 7, point 7), over real
 * sockets: the offline sandbox and the preview server refuse a foreign Host
 * (DNS rebinding), close connections beyond their cap, and cut a client that
 * never finishes its headers (slowloris). Limits are shortened through the
 * servers' options; nothing here asserts how fast anything is.
 */
import { connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { startSandbox } from '../../../../src/sandbox/server/server'
import { startPreviewServer } from '../../../../src/main/preview/preview-server'
import type { LoopbackLimits } from '../../../../src/sandbox/server/loopback-limits'
import { allowedLoopbackHosts, hostProblem } from '../../../../src/shared/loopback-host'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

interface Server {
  url: string
  /** A path that answers 200 when the Host is right. */
  okPath: string
  /** NAME.localhost names it answers: the sandbox any, the preview server only its compare frames' (issue 12). */
  localhostNames: string[]
  /** NAME.localhost names it refuses besides the malformed ones. */
  refusedLocalhostNames: string[]
}

async function sandbox(limits?: Partial<LoopbackLimits>): Promise<Server> {
  const s = await startSandbox({ apiKey: 'loopback-limits-key', limits })
  cleanups.push(() => s.close())
  return { url: s.url, okPath: '/widgets/does-not-matter.js', localhostNames: ['qrvey.localhost', 'a-b.c.localhost'], refusedLocalhostNames: [] }
}

async function preview(limits?: Partial<LoopbackLimits>): Promise<Server & { publish(): string }> {
  const s = await startPreviewServer({ frameAncestors: 'app://workbench', limits })
  cleanups.push(() => s.close())
  return {
    url: s.origin,
    okPath: '/preview/unknown',
    localhostNames: ['compare-1.localhost', 'compare-6.localhost', 'COMPARE-2.localhost'],
    refusedLocalhostNames: ['qrvey.localhost', 'a-b.c.localhost', 'compare-7.localhost', 'compare-0.localhost', 'x.compare-1.localhost'],
    publish: () => s.publish({ html: '<p>hi</p>', csp: "default-src 'none'" })
  }
}

const portOf = (url: string) => Number(new URL(url).port)

/** A raw socket: what it received, and whether the server closed it. */
function open(url: string): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    let data = ''
    const socket = connect(portOf(url), '127.0.0.1')
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => (data += chunk))
    const closed = new Promise<void>((done) => socket.on('close', () => done()))
    socket.once('error', () => {})
    socket.once('connect', () => resolve({ socket, received: () => data, closed }))
    socket.once('error', reject)
    cleanups.push(() => socket.destroy())
  })
}

/** One HTTP/1.1 request with the given Host, over a fresh socket; the raw answer. */
async function requestWithHost(url: string, path: string, host: string): Promise<string> {
  const { socket, received, closed } = await open(url)
  socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)
  await closed
  return received()
}

const status = (raw: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1])

describe.each([
  ['sandbox', sandbox],
  ['preview server', preview]
] as const)('%s', (_name, start) => {
  it('answers its loopback names on its port, and refuses a foreign Host (DNS rebinding) with 421', async () => {
    const server = await start()
    const port = portOf(server.url)
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`, ...server.localhostNames.map((name) => `${name}:${port}`)]) {
      expect(status(await requestWithHost(server.url, server.okPath, host)), host).toBe(404)
    }
    for (const host of [
      `attacker.example:${port}`,
      `127.0.0.1:${port + 1}`,
      '127.0.0.1',
      `localhost.attacker.example:${port}`,
      `127.0.0.2:${port}`,
      `qrvey.localhost:${port + 1}`,
      `evil_localhost:${port}`,
      `.localhost:${port}`,
      `x.localhost.:${port}`,
      ...server.refusedLocalhostNames.map((name) => `${name}:${port}`)
    ]) {
      const raw = await requestWithHost(server.url, server.okPath, host)
      expect(status(raw), host).toBe(421)
      expect(raw).toContain('DNS rebinding')
    }
    // fetch sends the Host of the URL: the ordinary way in still works.
    expect((await fetch(`${server.url}${server.okPath}`)).status).toBe(404)
  })

  it('closes connections beyond its cap as they arrive; a freed slot takes a new one', async () => {
    const server = await start({ maxConnections: 3 })
    const held = await Promise.all([open(server.url), open(server.url), open(server.url)])
    // Let the server accept the three before the fourth knocks.
    await new Promise((resolve) => setTimeout(resolve, 100))
    const extra = await open(server.url)
    await extra.closed
    expect(extra.received()).toBe('')
    expect(held.every((h) => !h.socket.destroyed)).toBe(true)
    held[0].socket.destroy()
    await held[0].closed
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(status(await requestWithHost(server.url, server.okPath, `127.0.0.1:${portOf(server.url)}`))).toBe(404)
  })

  it('cuts a client that never finishes its headers (slowloris) with 408 after the headers timeout', async () => {
    const server = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600, checkIntervalMs: 50 })
    const slow = await open(server.url)
    slow.socket.write(`GET ${server.okPath} HTTP/1.1\r\nHost: 127.0.0.1:${portOf(server.url)}\r\nX-Slow: a`)
    // Trickle one byte now and then, as slowloris does; the server must close anyway.
    const trickle = setInterval(() => slow.socket.writable && slow.socket.write('a'), 100)
    cleanups.push(() => clearInterval(trickle))
    await slow.closed
    expect(status(slow.received())).toBe(408)
  })
})

describe('preview pages', () => {
  it('may be framed only by the workbench origin (CSP frame-ancestors), on top of the host page policy', async () => {
    const server = await preview()
    const response = await fetch(server.publish())
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors app://workbench")
  })
})

describe('hostProblem', () => {
  it('names what it answers and never echoes more than 100 characters of a hostile Host', () => {
    const allowed = allowedLoopbackHosts(4300)
    expect(hostProblem('127.0.0.1:4300', allowed)).toBeUndefined()
    expect(hostProblem(undefined, allowed)).toMatch(/no Host header/)
    const problem = hostProblem(`${'x'.repeat(5000)}:4300`, allowed) as string
    expect(problem).toContain('127.0.0.1:4300, localhost:4300, [::1]:4300')
    expect(hostProblem('qrvey.localhost:4300', allowed, 4300)).toBeUndefined()
    expect(hostProblem(`${'a.'.repeat(20_000)}localhost:4300`, allowed, 4300)).toBeDefined()
    expect(problem.length).toBeLessThan(400)
  })
})
