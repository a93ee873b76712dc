/**
 * Cancel for a token request in flight (issue 11): a real slow server on
 * loopback that never answers within the test, the real composition
 * (createMainApp) and its registry, as the renderer calls it.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { createMainApp } from '../../../../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../../../../src/main/app/node-options'
import { makeTempDir } from '../../../support/temp-dir'
import { startServer, type RunningServer } from '../../../support/failure-servers'

const ORIGIN = 'app://workbench'
const trusted = { url: `${ORIGIN}/index.html`, isMainFrame: true }
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** A server that takes the request and answers only after 30 s; tells when a request arrived and when its socket closed. */
async function slowServer() {
  const arrived: IncomingMessage[] = []
  const closed: string[] = []
  const server: RunningServer = await startServer((req, res) => {
    arrived.push(req)
    req.socket.on('close', () => closed.push(req.url ?? ''))
    const timer = setTimeout(() => res.end(JSON.stringify({ token: 'late.token.value' })), 30_000)
    res.on('close', () => clearTimeout(timer))
  })
  cleanups.push(() => server.close())
  return { server, arrived, closed }
}

async function start() {
  const temp = makeTempDir()
  const app = await createMainApp(nodeMainAppOptions(temp.dir, { rendererOrigin: ORIGIN }))
  cleanups.push(temp.cleanup, () => app.close())
  const invoke = (channel: string, payload?: unknown) => app.registry.invoke(channel, payload, trusted)
  return { app, invoke }
}

const until = async (check: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('tokens:cancel', () => {
  it('stops a waiting request: the reply says Cancelled at once, the socket is closed, History records nothing', async () => {
    const { server, arrived, closed } = await slowServer()
    const { app, invoke } = await start()
    const created = await invoke('environments:create', { name: 'Slow host', domain: server.url, apiKey: 'slow-host-key-123456', timeoutMs: 60_000 })
    expect(created.ok).toBe(true)
    const environmentId = app.environments.state().environments.find((e) => e.name === 'Slow host')!.id
    const requestId = randomUUID()
    const started = Date.now()
    const pending = invoke('tokens:generate', { environmentId, body: { userid: 'u1', appid: 'a1' }, requestId })
    await until(() => arrived.length === 1)

    const cancel = await invoke('tokens:cancel', { requestId })
    expect(cancel).toEqual({ ok: true, value: { cancelled: true } })
    const reply = await pending
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(reply.ok).toBe(false)
    if (reply.ok) return
    expect(reply.error.code).toBe('CANCELLED')
    expect(reply.error.message).toMatch(/^Cancelled/)
    await until(() => closed.length === 1)

    const history = await invoke('history:list', {})
    expect(history.ok && history.value).toEqual([])
    // The id is free again: cancelling it twice says there was nothing to stop.
    expect(await invoke('tokens:cancel', { requestId })).toEqual({ ok: true, value: { cancelled: false } })
  })

  it('a request that already answered cannot be cancelled, and the answer stands in History', async () => {
    const { app, invoke } = await start()
    const requestId = randomUUID()
    const reply = await invoke('tokens:generate', { environmentId: app.environments.state().activeId, body: { userid: 'u1', appid: '59VShVtjM' }, requestId })
    expect(reply.ok).toBe(true)
    expect(await invoke('tokens:cancel', { requestId })).toEqual({ ok: true, value: { cancelled: false } })
    const history = await invoke('history:list', {})
    expect(history.ok && history.value).toHaveLength(1)
  })

  it('refuses a request id that is not a UUID, before anything runs', async () => {
    const { invoke } = await start()
    const reply = await invoke('tokens:cancel', { requestId: '../x' })
    expect(reply.ok).toBe(false)
    if (!reply.ok) expect(reply.error.code).toBe('INVALID_INPUT')
    const generate = await invoke('tokens:generate', { environmentId: 'sandbox', body: { userid: 'u', appid: 'a' }, requestId: 42 })
    expect(!generate.ok && generate.error.code).toBe('INVALID_INPUT')
  })
})
