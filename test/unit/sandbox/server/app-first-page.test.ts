/**
 * Issue 15: the app answer carries the page a dashboard widget opens first
 * (`?dashboard=<id>`), so the widget starts its panel queries without a
 * second round trip. It must be exactly what GET builder/page would answer
 * this caller at that moment, and it must never reveal or answer what that
 * GET would refuse: an unknown or hidden id is left out silently (200, no
 * field), and with rehearsal latency or failures on it is left out too, so
 * every page request still meets them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_APPS } from '../../../../src/sandbox/data'
import { startSandbox, type SandboxHandle } from '../../../../src/sandbox/server/server'
import { NORMAL_SANDBOX_MODES, SANDBOX_PATHS, type Dashboard, type SandboxApp } from '../../../../src/shared/sandbox-api'
import { call, tokenFor } from './sandbox-client'

const APP = '59VShVtjM'
const USER = 'first-page@example.com'
let sandbox: SandboxHandle

beforeAll(async () => {
  sandbox = await startSandbox({ apiKey: 'first-page-key' })
})

afterAll(async () => {
  await sandbox?.close()
})

const token = (extra: Record<string, unknown> = {}) => tokenFor(sandbox, { userid: USER, appid: APP, ...extra })
const appWith = (id: string | undefined) => `${SANDBOX_PATHS.app(USER, APP)}${id === undefined ? '' : `?dashboard=${encodeURIComponent(id)}`}`

async function appAnswer(tok: string, id: string | undefined): Promise<SandboxApp> {
  const response = await call(sandbox, appWith(id), { token: tok })
  expect(response.status).toBe(200)
  return (await response.json()) as SandboxApp
}

async function pageAnswer(tok: string, id: string): Promise<{ status: number; body: unknown }> {
  const response = await call(sandbox, SANDBOX_PATHS.dashboard(USER, APP, id), { token: tok })
  return { status: response.status, body: await response.json() }
}

describe('GET app ?dashboard=<id>', () => {
  it('carries the page exactly as GET builder/page answers it, for every demo dashboard', async () => {
    const tok = await token()
    for (const { id } of DEMO_APPS[APP].dashboards) {
      const app = await appAnswer(tok, id)
      const page = await pageAnswer(tok, id)
      expect(page.status).toBe(200)
      expect(app.dashboard, id).toEqual(page.body)
    }
  })

  it('carries the panels the token hides as GET does (hiddenPanels), never the hidden panels themselves', async () => {
    const limited = await token({ asset_permissions: { metrics: { metric_ids: ['total-revenue'] }, datasets: { dataset_ids: ['sales-orders'] } } })
    const app = await appAnswer(limited, 'overview')
    const page = await pageAnswer(limited, 'overview')
    expect(app.dashboard).toEqual(page.body)
    expect(app.dashboard?.hiddenPanels?.length).toBeGreaterThan(0)
    const hiddenIds = new Set(app.dashboard?.hiddenPanels?.map((p) => p.id))
    expect(app.dashboard?.panels.some((p) => hiddenIds.has(p.id))).toBe(false)
  })

  it('carries the version this clientid saved, as GET does; another clientid gets the app\'s own', async () => {
    const original = DEMO_APPS[APP].dashboards.find((d) => d.id === 'products')!
    const edited: Dashboard = { ...structuredClone(original), name: 'First-page products', panels: original.panels.slice(0, 1) }
    const carol = await token({ clientid: 'carol-first-page' })
    expect((await call(sandbox, SANDBOX_PATHS.dashboard(USER, APP, 'products'), { method: 'PUT', token: carol, body: edited })).status).toBe(200)
    expect((await appAnswer(carol, 'products')).dashboard).toEqual(edited)
    const other = await token({ clientid: 'someone-else' })
    expect((await appAnswer(other, 'products')).dashboard).toEqual((await pageAnswer(other, 'products')).body)
    expect((await appAnswer(other, 'products')).dashboard?.name).toBe(original.name)
  })

  it('leaves out, silently, an id GET would refuse: unknown (404) or hidden by asset_permissions (403)', async () => {
    const limited = await token({ asset_permissions: { pages: { page_ids: ['overview'] } } })
    expect((await pageAnswer(limited, 'products')).status).toBe(403)
    const hidden = await appAnswer(limited, 'products')
    expect(hidden).not.toHaveProperty('dashboard')
    // The rest of the answer is what it was without the parameter.
    expect(hidden).toEqual(await appAnswer(limited, undefined))

    const tok = await token()
    expect((await pageAnswer(tok, 'no-such-page')).status).toBe(404)
    expect(await appAnswer(tok, 'no-such-page')).not.toHaveProperty('dashboard')
    expect(await appAnswer(tok, '')).not.toHaveProperty('dashboard')
  })

  it('carries nothing without the parameter', async () => {
    expect(await appAnswer(await token(), undefined)).not.toHaveProperty('dashboard')
  })

  it('carries nothing while rehearsal latency or failures are on, so each page request meets them', async () => {
    const tok = await token()
    try {
      sandbox.control.set({ latencyMs: 1 })
      expect(await appAnswer(tok, 'overview')).not.toHaveProperty('dashboard')
      sandbox.control.set({ latencyMs: 0, failureRate: 0.000001 })
      // failureRate this small never fires in practice; the answer still leaves the page out.
      expect(await appAnswer(tok, 'overview')).not.toHaveProperty('dashboard')
    } finally {
      sandbox.control.set({ latencyMs: NORMAL_SANDBOX_MODES.latencyMs, failureRate: NORMAL_SANDBOX_MODES.failureRate })
    }
    expect((await appAnswer(tok, 'overview')).dashboard?.id).toBe('overview')
  })
})
