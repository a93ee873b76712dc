/**
 * The app's sandbox keeps its address across restarts (the port in the
 * settings), and when that port is taken it runs on another and says which.
 * The "fixed" port here is a free one found at run time: other test runs share the machine.
 */
import { createServer, type Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createMainApp, type MainApp } from '../../../../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../../../../src/main/app/node-options'
import { makeTempDir } from '../../../support/temp-dir'

const ORIGIN = 'app://workbench'
const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function occupy(): Promise<{ server: Server; port: number }> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, port: (server.address() as { port: number }).port }
}

async function start(dir: string, extra: Parameters<typeof nodeMainAppOptions>[1] = { rendererOrigin: ORIGIN }): Promise<MainApp> {
  const app = await createMainApp(nodeMainAppOptions(dir, extra))
  cleanups.push(() => app.close())
  return app
}

async function info(app: MainApp) {
  const reply = (await app.registry.invoke('app:info', undefined, { url: `${ORIGIN}/index.html`, isMainFrame: true })) as {
    ok: true
    value: { sandboxUrl: string; sandboxPortNote?: string; notices: string[] }
  }
  return reply.value
}

describe('the app sandbox port', () => {
  it('is the port saved in the settings, the same after a restart', async () => {
    const temp = makeTempDir('qwb-port-')
    cleanups.push(() => temp.cleanup())
    const { server, port } = await occupy()
    await new Promise<void>((resolve) => server.close(() => resolve()))

    // The desktop app passes no port: the settings decide (4300 by default).
    const first = await start(temp.dir, { rendererOrigin: ORIGIN, sandboxPort: 0 })
    expect(first.settings.get().sandbox.port).toBe(4300)
    expect(first.settings.update({ sandbox: { port } }).ok).toBe(true)
    await first.close()

    const second = await start(temp.dir, { rendererOrigin: ORIGIN, sandboxPort: undefined })
    expect(second.sandbox.url).toBe(`http://127.0.0.1:${port}`)
    await second.close()
    const third = await start(temp.dir, { rendererOrigin: ORIGIN, sandboxPort: undefined })
    expect(third.sandbox.url).toBe(`http://127.0.0.1:${port}`)
    expect((await info(third)).sandboxPortNote).toBeUndefined()
  })

  it('when the port is taken, runs on another and says so, with both ports', async () => {
    const temp = makeTempDir('qwb-port-')
    cleanups.push(() => temp.cleanup())
    const { server, port } = await occupy()
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
    const app = await start(temp.dir, { rendererOrigin: ORIGIN, sandboxPort: port })
    const used = Number(new URL(app.sandbox.url).port)
    expect(used).not.toBe(port)
    const answer = await fetch(`${app.sandbox.url}/devapi/v4/core/login/token`, { method: 'POST' })
    expect(answer.status).toBe(401) // a real sandbox answers there
    const { sandboxPortNote, notices } = await info(app)
    expect(sandboxPortNote).toContain(`port ${port} is taken`)
    expect(sandboxPortNote).toContain(`runs on port ${used}`)
    expect(notices).toContain(sandboxPortNote)
  })

  it('refuses a port outside 1024-65535 in the settings, saying the range', async () => {
    const temp = makeTempDir('qwb-port-')
    cleanups.push(() => temp.cleanup())
    const app = await start(temp.dir)
    const reply = app.settings.update({ sandbox: { port: 80 } })
    expect(reply.ok).toBe(false)
    if (!reply.ok) expect(reply.error.message).toContain('from 1024 to 65535')
  })
})
