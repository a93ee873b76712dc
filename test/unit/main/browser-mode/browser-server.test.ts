/**
 * Browser mode's server against hostile requests, over real HTTP on loopback
 * with the real composition behind it: a request without the secret, with a
 * foreign Origin or a rebinding Host, an unknown channel or a malformed body
 * gets a 4xx and changes nothing on disk or in memory.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBrowserMode, type BrowserMode } from '../../../../src/main/browser-mode/start-browser-mode'
import { findRunningInstance, INSTANCE_FILE } from '../../../../src/main/browser-mode/instance-file'
import { createNodeCipher } from '../../../../src/main/secrets/node-cipher'
import { makeTempDir, readAllFiles } from '../../../support/temp-dir'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

let mode: BrowserMode
let host: string
let cookie: string
let dataDir: string
const temp = makeTempDir('qwb-browser-mode-')

function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  const url = new URL(mode.origin)
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })
}

/** What the workbench page's bridge sends; `over` replaces or removes (undefined) headers. */
function call(channel: string, payload: unknown, over: Record<string, string | undefined> = {}, rawBody?: string): Promise<Reply> {
  const headers: Record<string, string | undefined> = {
    host,
    origin: mode.origin,
    'sec-fetch-site': 'same-origin',
    cookie,
    'content-type': 'application/json',
    'x-workbench-bridge': '1',
    ...over
  }
  const clean = Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined))
  return send('POST', `/ipc/${encodeURIComponent(channel)}`, clean, rawBody ?? JSON.stringify({ payload }))
}

const hostile = { name: 'Exfiltration', domain: 'https://attacker.example', apiKey: 'stolen-key-0000' }

/** Everything that could change: the files of the data folder and the environments in memory. */
function snapshot(): string {
  const files = readAllFiles(dataDir)
    .filter((f) => !f.path.endsWith('main.log'))
    .map((f) => `${f.path}\n${f.text}`)
    .sort()
  return JSON.stringify({ files, environments: mode.app.environments.state() })
}

beforeAll(async () => {
  dataDir = join(temp.dir, 'data')
  const rendererDir = join(temp.dir, 'renderer')
  mkdirSync(rendererDir)
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>workbench page</title>')
  const start = await startBrowserMode({ dataDir, rendererDir, cipher: createNodeCipher(), version: '0.0.0-test' })
  if (!('started' in start)) throw new Error('expected a fresh start')
  mode = start.started
  host = new URL(mode.origin).host
  const launch = new URL(mode.launchUrl)
  const exchanged = await send('GET', `${launch.pathname}${launch.search}`, { host, 'sec-fetch-site': 'none' })
  expect(exchanged.status).toBe(303)
  expect(exchanged.headers.location).toBe('/')
  const setCookie = String(exchanged.headers['set-cookie'])
  expect(setCookie).toMatch(/HttpOnly/)
  expect(setCookie).toMatch(/SameSite=Strict/)
  cookie = setCookie.split(';')[0]
  // The session cookie is not the launch secret.
  expect(cookie).not.toContain(launch.searchParams.get('launch'))
})

afterAll(async () => {
  await mode.close()
  temp.cleanup()
})

describe('browser mode: the workbench page and its bridge', () => {
  it('listens on 127.0.0.1 only, and prints a URL that carries the secret', () => {
    expect(mode.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(mode.launchUrl).toMatch(/\?launch=[\w-]{43}$/)
  })

  it('serves the page with the session, under the app CSP that allows only its own origin to be fetched', async () => {
    const page = await send('GET', '/', { host, cookie, 'sec-fetch-site': 'none' })
    expect(page.status).toBe(200)
    expect(page.body).toContain('workbench page')
    const csp = String(page.headers['content-security-policy'])
    expect(csp).toContain("connect-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain(`frame-src ${mode.app.previewServer.origin}`)
    expect(page.headers['referrer-policy']).toBe('no-referrer')
    expect(page.headers['x-frame-options']).toBe('DENY')
  })

  it('answers a well-formed call with the handler\'s Result', async () => {
    const reply = await call('environments:list', undefined)
    expect(reply.status).toBe(200)
    const result = JSON.parse(reply.body) as { ok: boolean; value: { environments: unknown[] } }
    expect(result.ok).toBe(true)
    expect(result.value.environments.length).toBeGreaterThan(0)
  })

  it('streams main\'s events to the page', async () => {
    const url = new URL(mode.origin)
    const received = new Promise<string>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: '/events', headers: { host, cookie, 'sec-fetch-site': 'same-origin' } }, (res) => {
        expect(res.headers['content-type']).toMatch(/text\/event-stream/)
        let text = ''
        res.on('data', (c: Buffer) => {
          text += c.toString('utf8')
          if (text.includes('environments:changed')) {
            req.destroy()
            resolve(text)
          }
        })
      })
      req.on('error', reject)
      req.end()
    })
    // Once the stream is open, a workspace switch (browser mode: a typed path) is announced on it.
    await new Promise((r) => setTimeout(r, 150))
    const other = join(temp.dir, 'other-workspace')
    mkdirSync(other)
    const opened = await call('workspace:open-folder', { path: other })
    expect(JSON.parse(opened.body)).toMatchObject({ ok: true, value: { path: other } })
    const text = await Promise.race([received, new Promise<string>((_, reject) => setTimeout(() => reject(new Error('no event within 5 s')), 5_000))])
    expect(text).toMatch(/^data: \{"event":"(workspace|environments):changed"/m)
    // The stream opens with the count so far; the answer says how many events main had sent
    // by then, so the page applies those first (as IPC's one ordered pipe would).
    expect(text).toMatch(/^data: \{"event":"","payload":null,"seq":\d+\}/m)
    const seqs = [...text.matchAll(/"seq":(\d+)\}/g)].map((m) => Number(m[1]))
    expect(Number(opened.headers['x-workbench-events-sent'])).toBeGreaterThanOrEqual(Math.max(...seqs))
  })
})

describe('browser mode opens a workspace from a typed path (it has no folder dialog)', () => {
  it('refuses a relative path, a missing folder and a file, each saying how to fix it', async () => {
    const file = join(temp.dir, 'renderer', 'index.html')
    const before = mode.app.workspace.path
    for (const [path, status, says] of [
      ['setups', 400, /absolute path/],
      [join(temp.dir, 'no-such-folder'), 200, /no folder at .*Create it first/],
      [file, 200, /is a file, not a folder/]
    ] as const) {
      const reply = await call('workspace:open-folder', { path })
      expect(reply.status).toBe(status)
      const result = JSON.parse(reply.body) as { ok: boolean; error: { message: string } }
      expect(result.ok).toBe(false)
      expect(result.error.message).toMatch(says)
      expect(mode.app.workspace.path).toBe(before)
    }
  })
})

describe('browser mode refuses before any handler runs', () => {
  const refusals: Array<[string, () => Promise<Reply>, number]> = [
    ['no session cookie (a plain fetch without the secret)', () => call('environments:create', hostile, { cookie: undefined }), 401],
    ['a wrong session cookie', () => call('environments:create', hostile, { cookie: cookie.replace(/=.*/, '=forged') }), 401],
    ['a page on another loopback port (its Origin), cookie and all', () => call('environments:create', hostile, { origin: 'http://127.0.0.1:1' }), 403],
    ['the preview frame\'s origin', () => call('environments:create', hostile, { origin: mode.app.previewServer.origin, 'sec-fetch-site': 'same-site' }), 403],
    ['localhost instead of 127.0.0.1 as Origin', () => call('environments:create', hostile, { origin: mode.origin.replace('127.0.0.1', 'localhost') }), 403],
    ['a rebinding Host (a DNS name resolving to 127.0.0.1)', () => call('environments:create', hostile, { host: `rebind.attacker.example:${new URL(mode.origin).port}` }), 421],
    ['no Origin on a POST', () => call('environments:create', hostile, { origin: undefined }), 403],
    ['fetch metadata saying another site started it', () => call('environments:create', hostile, { 'sec-fetch-site': 'cross-site' }), 403],
    ['a form post (text/plain, no bridge header)', () => call('environments:create', hostile, { 'content-type': 'text/plain', 'x-workbench-bridge': undefined }), 400],
    ['an unknown channel', () => call('environments:export-keys', {}), 404],
    ['a body that is not JSON', () => call('environments:create', undefined, {}, '{"payload": {"name": '), 400],
    ['a body that is not {payload}', () => call('environments:create', undefined, {}, JSON.stringify({ ...hostile })), 400],
    ['a payload its schema refuses', () => call('environments:create', { ...hostile, domain: 'javascript:alert(1)' }), 400],
    ['a GET to a channel', () => send('GET', '/ipc/environments%3Alist', { host, cookie, origin: mode.origin }), 405]
  ]

  for (const [what, attempt, status] of refusals) {
    it(`${what}: ${status}, nothing changes`, async () => {
      const before = snapshot()
      const reply = await attempt()
      expect(reply.status).toBe(status)
      const result = JSON.parse(reply.body) as { ok: boolean; error: { code: string; message: string } }
      expect(result.ok).toBe(false)
      expect(result.error.message.length).toBeGreaterThan(10)
      expect(snapshot()).toBe(before)
      expect(mode.app.environments.state().environments.some((e) => e.name === hostile.name)).toBe(false)
    })
  }

  it('does not serve the page, or its files, without the session', async () => {
    const page = await send('GET', '/', { host, 'sec-fetch-site': 'none' })
    expect(page.status).toBe(401)
    expect(page.body).not.toContain('workbench page')
    expect(page.body).toContain('npm start')
    const rebound = await send('GET', '/', { host: 'rebind.attacker.example', cookie })
    expect(rebound.status).toBe(421)
    expect(rebound.body).not.toContain('workbench page')
  })

  it('refuses a wrong launch secret without setting a cookie', async () => {
    const wrong = await send('GET', '/?launch=not-the-secret', { host, 'sec-fetch-site': 'none' })
    expect(wrong.status).toBe(403)
    expect(wrong.headers['set-cookie']).toBeUndefined()
  })

  it('keeps the event stream from other origins', async () => {
    const reply = await send('GET', '/events', { host, cookie, origin: 'http://127.0.0.1:1', 'sec-fetch-site': 'same-site' })
    expect(reply.status).toBe(403)
  })
})

describe('browser mode starts a page\'s calls in the order the page made them, as IPC does', () => {
  it('a call that arrives before the one made earlier waits for it', async () => {
    const list = JSON.parse((await call('environments:list', undefined)).body) as { value: { environments: Array<{ id: string; name: string }> } }
    const created = JSON.parse((await call('environments:create', { name: 'Second', domain: 'https://second.example', apiKey: 'second-key-0001' })).body) as {
      value: { environments: Array<{ id: string; name: string }> }
    }
    const first = list.value.environments[0].id
    const second = created.value.environments.find((e) => e.name === 'Second')!.id
    // The page selected `first`, then `second`; the second request overtakes the first on the wire.
    const later = call('environments:select', { id: second }, { 'x-workbench-order': 'page-order-test.1' })
    await new Promise((r) => setTimeout(r, 150))
    const earlier = call('environments:select', { id: first }, { 'x-workbench-order': 'page-order-test.0' })
    await Promise.all([later, earlier])
    expect(mode.app.environments.state().activeId).toBe(second)
  })
})

describe('one browser-mode instance per data folder', () => {
  it('a second start finds the first and hands back its URL, without starting another', async () => {
    const info = JSON.parse(readFileSync(join(dataDir, INSTANCE_FILE), 'utf8')) as { url: string; pid: number }
    expect(info.url).toBe(mode.launchUrl)
    const second = await startBrowserMode({ dataDir, rendererDir: join(temp.dir, 'renderer'), cipher: createNodeCipher(), version: '0.0.0-test' })
    expect('running' in second && second.running.url).toBe(mode.launchUrl)
    expect((await findRunningInstance(dataDir))?.origin).toBe(mode.origin)
  })
})
