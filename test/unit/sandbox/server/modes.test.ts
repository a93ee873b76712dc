import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AUTH_MESSAGES } from '../../../../src/sandbox/server/bearer-auth'
import { SandboxControl } from '../../../../src/sandbox/server/control'
import { realDelay, SIMULATED_FAILURE_MESSAGE } from '../../../../src/sandbox/server/misbehaviour'
import { REJECTED_KEY_MESSAGE } from '../../../../src/sandbox/server/routes/token-route'
import { startSandbox, type SandboxHandle } from '../../../../src/sandbox/server/server'
import { TokenIssuer } from '../../../../src/sandbox/server/token-issuer'
import { SANDBOX_PATHS } from '../../../../src/shared/sandbox-api'
import { makeTempDir } from '../../../support/temp-dir'
import { call, qrveyError, tokenFor, tokenViaRoute } from './sandbox-client'

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0)
const body = { userid: 'u', appid: '59VShVtjM', expiresIn: '1h' }
const appPath = SANDBOX_PATHS.app('u', '59VShVtjM')

/** Waits recorded instead of slept: the test checks the request asked for the delay, not the clock. */
const delays: number[] = []
/** Values the next random() calls return, in order; an empty script fails the test loudly. */
const script: number[] = []
let randomCalls = 0

const temp = makeTempDir('qwb-modes-')
const control = new SandboxControl()
let sandbox: SandboxHandle

beforeAll(async () => {
  mkdirSync(join(temp.dir, 'widgets-launcher'))
  writeFileSync(join(temp.dir, 'widgets-launcher', 'app.js'), 'console.log("launcher")')
  sandbox = await startSandbox({
    apiKey: 'modes-key',
    control,
    issuer: new TokenIssuer({ clock: () => NOW }),
    widgetsDir: temp.dir,
    delay: async (ms) => {
      delays.push(ms)
    },
    random: () => {
      randomCalls += 1
      const next = script.shift()
      if (next === undefined) throw new Error('random() called more often than scripted')
      return next
    }
  })
})

afterEach(() => {
  control.reset()
  delays.length = 0
  script.length = 0
  randomCalls = 0
})

afterAll(async () => {
  await sandbox?.close()
  temp.cleanup()
})

describe('rehearsal modes', () => {
  it('exposes the control it was given on the handle', () => {
    expect(sandbox.control).toBe(control)
  })

  it('latency: the token and data routes wait the configured time before answering', async () => {
    control.set({ latencyMs: 1234 })
    expect((await tokenViaRoute(sandbox, body)).status).toBe(200)
    expect(delays).toEqual([1234])
    expect((await call(sandbox, appPath, { token: await tokenFor(sandbox, body) })).status).toBe(200)
    // Even a request that ends in 401 waits first: latency is the network's, not the handler's.
    expect((await call(sandbox, appPath)).status).toBe(401)
    expect(delays).toEqual([1234, 1234, 1234])
  })

  it('latency: widget files and CORS preflights are not delayed', async () => {
    control.set({ latencyMs: 1234 })
    expect((await call(sandbox, '/widgets-launcher/app.js')).status).toBe(200)
    const preflight = await fetch(`${sandbox.url}${appPath}`, {
      method: 'OPTIONS',
      headers: { origin: 'https://x.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' }
    })
    expect(preflight.status).toBe(204)
    expect(delays).toEqual([])
  })

  it('failure rate: a request fails with 503 when the random source falls under the rate', async () => {
    control.set({ failureRate: 0.5 })
    script.push(0.49, 0.5, 0.1, 0.9)
    const first = await tokenViaRoute(sandbox, body)
    expect(first.status).toBe(503)
    expect(await qrveyError(first)).toEqual([SIMULATED_FAILURE_MESSAGE])
    expect((await tokenViaRoute(sandbox, body)).status).toBe(200)

    const token = await tokenFor(sandbox, body)
    const failed = await call(sandbox, appPath, { token })
    expect(failed.status).toBe(503)
    expect(await qrveyError(failed)).toEqual(['Sandbox rehearsal: simulated failure'])
    expect((await call(sandbox, appPath, { token })).status).toBe(200)
    expect(randomCalls).toBe(4)
  })

  it('failure rate: off means the random source is never consulted; widget files never fail', async () => {
    expect((await tokenViaRoute(sandbox, body)).status).toBe(200)
    expect(randomCalls).toBe(0)
    control.set({ failureRate: 1 })
    expect((await call(sandbox, '/widgets-launcher/app.js')).status).toBe(200)
    expect(randomCalls).toBe(0)
  })

  it('rejectKey: the right key is refused with 401 until the mode is off', async () => {
    control.set({ rejectKey: true })
    const refused = await tokenViaRoute(sandbox, body)
    expect(refused.status).toBe(401)
    expect(await qrveyError(refused)).toEqual([REJECTED_KEY_MESSAGE])
    expect(REJECTED_KEY_MESSAGE).toBe('Invalid API key (sandbox rehearsal mode)')
    control.set({ rejectKey: false })
    expect((await tokenViaRoute(sandbox, body)).status).toBe(200)
  })

  it('tokenLifetimeSeconds: overrides expiresIn', async () => {
    control.set({ tokenLifetimeSeconds: 45 })
    const response = await tokenViaRoute(sandbox, { ...body, expiresIn: '1w' })
    const verified = await sandbox.issuer.verify(((await response.json()) as { token: string }).token)
    expect(verified.ok && verified.claims.exp - verified.claims.iat).toBe(45)
  })

  it('clockSkewSeconds: the issuer clock is off, so a large negative skew issues tokens the data routes call expired', async () => {
    control.set({ clockSkewSeconds: 600 })
    const ahead = await sandbox.issuer.verify(((await (await tokenViaRoute(sandbox, body)).json()) as { token: string }).token)
    expect(ahead.ok && ahead.claims.iat).toBe(NOW / 1000 + 600)

    control.set({ clockSkewSeconds: -7200 })
    const response = await tokenViaRoute(sandbox, body)
    expect(response.status).toBe(200)
    const { token } = (await response.json()) as { token: string }
    const rejected = await call(sandbox, appPath, { token })
    expect(rejected.status).toBe(401)
    expect(await qrveyError(rejected)).toEqual([AUTH_MESSAGES.expired])
  })

  it('a change applies to the next request without a restart', async () => {
    control.set({ rejectKey: true })
    expect((await tokenViaRoute(sandbox, body)).status).toBe(401)
    control.reset()
    expect((await tokenViaRoute(sandbox, body)).status).toBe(200)
  })
})

describe('closing with latency pending', () => {
  it('does not wait out the latency: the real delay ends when the sandbox closes, and close() resolves', async () => {
    let waiting!: () => void
    const started = new Promise<void>((resolve) => (waiting = resolve))
    const slow = await startSandbox({
      apiKey: 'k',
      control: new SandboxControl({ latencyMs: 30_000 }),
      // The real delay, plus a signal that the request is now waiting in it.
      delay: (ms, signal) => {
        waiting()
        return realDelay(ms, signal)
      }
    })
    const pending = tokenViaRoute(slow, body)
    await started
    await slow.close()
    // Answered (not cut off), and told to drop the connection.
    const response = await pending
    expect(response.status).toBe(200)
    expect(response.headers.get('connection')).toBe('close')
  })
})
