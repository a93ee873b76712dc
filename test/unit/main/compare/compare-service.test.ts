/**
 * Issue 12 points 2 and 3, main side, through the real composition
 * (createMainApp: TokenService, PreviewService, the sandbox on a free port,
 * real HTTP): one token and one preview per persona, and the values each
 * token sees read from the sandbox's data API. Expected figures are computed
 * here from the raw generated rows with a filter written for the test, not
 * with the sandbox's permission code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMainApp, type MainApp } from '../../../../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../../../../src/main/app/node-options'
import { SANDBOX_ENVIRONMENT_ID } from '../../../../src/shared/environment'
import type { CompareStarted, CompareValues, SandboxReading } from '../../../../src/shared/personas/compare'
import { observationOfReading } from '../../../../src/shared/personas/compare'
import { evaluateExpectations } from '../../../../src/shared/personas/evaluate-expectations'
import type { RequestOf } from '../../../../src/shared/ipc-contract'
import { generateSalesOrders, generateSalesTargets, round2, SALES_SECURITY_NAMES } from '../../../../src/sandbox/data'
import { makeTempDir } from '../../../support/temp-dir'
import { SANDBOX_SCHEME_ATTRIBUTE } from '../../../../src/shared/sandbox-themes'
import { FRAME_NAVIGATION, getWithHost, hostOf } from '../../../support/host-request'

const ORIGIN = 'app://workbench'
const trusted = { url: `${ORIGIN}/index.html`, isMainFrame: true }

const grant = (region: string) => [
  {
    dataset_id: 'sales-orders',
    record_permissions: SALES_SECURITY_NAMES.map((security_name) => ({ security_name, values: [security_name === 'region' ? region : '*'] }))
  }
]

const PERSONAS = [
  { name: 'All regions', token: { userid: 'all-regions', permissions: grant('*') } },
  { name: 'Europe only', token: { userid: 'eu-manager', permissions: grant('Europe') } },
  { name: 'No permissions', token: { userid: 'nobody' } }
]

const ORDERS = generateSalesOrders()
const sum = (rows: Array<{ revenue: number }>) => round2(rows.reduce((t, r) => t + r.revenue, 0))

let app: MainApp
let cleanup: () => void

beforeAll(async () => {
  const temp = makeTempDir('qwb-compare-')
  cleanup = temp.cleanup
  app = await createMainApp(nodeMainAppOptions(temp.dir, { rendererOrigin: ORIGIN, version: 'test' }))
})
afterAll(async () => {
  await app?.close()
  cleanup?.()
})

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const result = await app.registry.invoke(channel, payload, trusted)
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

function startRequest(overrides: Partial<RequestOf<'compare:start'>> = {}): RequestOf<'compare:start'> {
  return {
    environmentId: SANDBOX_ENVIRONMENT_ID,
    widgetId: 'page-view',
    fields: { dashboardId: 'overview' },
    qrvey86OrNewer: true,
    base: { userid: 'setup-user', appid: '59VShVtjM', expiresIn: '1h' },
    personas: PERSONAS,
    ...overrides
  }
}

describe('compare:start', () => {
  it('requests one token per persona with its own body and opens one preview page per token', async () => {
    const started = await call<CompareStarted>('compare:start', startRequest())
    expect(started.valuesReadable).toBe(true)
    expect(started.personas.map((p) => p.name)).toEqual(PERSONAS.map((p) => p.name))
    for (const [i, p] of started.personas.entries()) {
      expect(p.error).toBeUndefined()
      expect(p.status).toBe(200)
      expect(p.token, JSON.stringify(p)).toMatch(/^[\w-]+\.[\w-]*\.[\w-]+\.[\w-]+\.[\w-]+$/)
      // Each persona's page on its own compare origin (isolated previews), never the single preview's.
      expect(p.preview?.url.startsWith(`${app.previewServer.compareOrigins[i]}/preview/`), p.preview?.url).toBe(true)
      expect(p.preview?.hostPage).toContain(p.token)
    }
    expect(new Set(started.personas.map((p) => p.token)).size).toBe(3)
    expect(started.personas[1].body).toMatchObject({ userid: 'eu-manager', appid: '59VShVtjM', version: '2', permissions: grant('Europe') })
    expect(started.personas[2].body).toEqual({ userid: 'nobody', appid: '59VShVtjM', expiresIn: '1h' })
  })

  it('puts each persona\'s page on its own origin only, and clears a frame\'s storage only when the persona in it changes', async () => {
    const clearOf = async (started: CompareStarted) =>
      Promise.all(
        started.personas.map(async (p, i) => {
          const url = p.preview!.url
          // Never served on a sibling frame's origin.
          const sibling = app.previewServer.compareOrigins[(i + 1) % started.personas.length]
          expect((await getWithHost(`${app.previewServer.origin}${new URL(url).pathname}`, hostOf(sibling), FRAME_NAVIGATION)).status).toBe(404)
          return (await getWithHost(url, hostOf(url), FRAME_NAVIGATION)).headers['clear-site-data']
        })
      )
    await call<CompareStarted>('compare:start', startRequest())
    // The same personas in the same frames again: every frame keeps what its persona left.
    expect(await clearOf(await call<CompareStarted>('compare:start', startRequest()))).toEqual([undefined, undefined, undefined])
    // Another order: every frame now shows someone else, and starts clean.
    const reordered = [PERSONAS[1], PERSONAS[2], PERSONAS[0]]
    expect(await clearOf(await call<CompareStarted>('compare:start', startRequest({ personas: reordered })))).toEqual(Array(3).fill('"storage", "cookies"'))
    // A persona whose permissions changed is someone else too.
    const changed = [reordered[0], reordered[1], { ...reordered[2], token: { ...reordered[2].token, permissions: grant('Asia') } }]
    expect(await clearOf(await call<CompareStarted>('compare:start', startRequest({ personas: changed })))).toEqual([undefined, undefined, '"storage", "cookies"'])
  })

  it('dresses every persona\'s page for a dark workbench with the sandbox hint, as a single preview is; a light one gets none', async () => {
    const dark = await call<CompareStarted>('compare:start', startRequest({ sandboxScheme: 'dark', fields: { dashboardId: 'overview', themeId: 'sandbox-dark' } }))
    // The page as the frame loads it (the hint is in the preview block, never in the copyable host page).
    const served = async (url: string) => (await getWithHost(url, hostOf(url), FRAME_NAVIGATION)).body
    for (const p of dark.personas) {
      const page = await served(p.preview!.url)
      expect(page).toContain(SANDBOX_SCHEME_ATTRIBUTE)
      expect(page).toContain('sandbox-dark')
      expect(p.preview?.hostPage).not.toContain(SANDBOX_SCHEME_ATTRIBUTE)
    }
    const light = await call<CompareStarted>('compare:start', startRequest())
    for (const p of light.personas) expect(await served(p.preview!.url)).not.toContain(SANDBOX_SCHEME_ATTRIBUTE)
  })

  it('a persona without a userid (and none in the setup) gets a clear error; the others still start', async () => {
    const started = await call<CompareStarted>('compare:start', startRequest({ base: { appid: '59VShVtjM' }, personas: [PERSONAS[0], { name: 'Anonymous', token: {} }] }))
    expect(started.personas[0].token).toBeTruthy()
    expect(started.personas[1].token).toBeUndefined()
    expect(started.personas[1].error?.message).toBe('Anonymous has no userid, and the setup has none either: give the persona a userid (the Qrvey user its token is for).')
  })

  it('refuses fewer than 2 or more than 6 personas, with how to fix it', async () => {
    const one = await app.registry.invoke('compare:start', startRequest({ personas: [PERSONAS[0]] }), trusted)
    expect(one.ok).toBe(false)
    if (!one.ok) expect(one.error.message).toContain('at least 2 personas')
    const seven = await app.registry.invoke('compare:start', startRequest({ personas: Array.from({ length: 7 }, (_, i) => ({ name: `P${i}`, token: { userid: `u${i}` } })) }), trusted)
    expect(seven.ok).toBe(false)
    if (!seven.ok) expect(seven.error.message).toContain('at most 6 personas')
  })
})

describe('compare:values (the sandbox, over HTTP)', () => {
  let readings: SandboxReading[]
  beforeAll(async () => {
    const started = await call<CompareStarted>('compare:start', startRequest())
    const values = await call<CompareValues>('compare:values', { environmentId: SANDBOX_ENVIRONMENT_ID, tokens: started.personas.map((p) => p.token!) })
    readings = values.readings.map((r) => {
      if (!r.ok) throw new Error(r.error)
      return r.reading
    })
  })

  const orders = (i: number) => readings[i].datasets.find((d) => d.id === 'sales-orders')!

  it('all regions: every order, the total revenue of all rows, every region', () => {
    expect(orders(0).observation.rowCount).toBe(ORDERS.length)
    expect(orders(0).observation.totals.revenue).toBe(sum(ORDERS))
    expect([...orders(0).observation.visibleValues.region].sort()).toEqual([...new Set(ORDERS.map((o) => o.region))].sort())
  })

  it('Europe only: the European orders, their revenue, only Europe', () => {
    const europe = ORDERS.filter((o) => o.region === 'Europe')
    expect(europe.length).toBeGreaterThan(0)
    expect(orders(1).observation.rowCount).toBe(europe.length)
    expect(orders(1).observation.totals.revenue).toBe(sum(europe))
    expect(orders(1).observation.totals.units).toBe(europe.reduce((t, o) => t + o.units, 0))
    expect(orders(1).observation.visibleValues.region).toEqual(['Europe'])
  })

  it('no permissions: no rows of the secured dataset and why; the open dataset in full', () => {
    expect(orders(2).observation).toEqual({ rowCount: 0, totals: { units: 0, revenue: 0 }, visibleValues: Object.fromEntries(SALES_SECURITY_NAMES.map((n) => [n, []])) })
    expect(orders(2).security?.missing).toEqual(expect.arrayContaining([...SALES_SECURITY_NAMES]))
    expect(orders(2).security?.notes.join(' ')).toMatch(/no rows/i)
    const targets = readings[2].datasets.find((d) => d.id === 'sales-targets')!
    expect(targets.observation.rowCount).toBe(generateSalesTargets().length)
    expect(targets.securityColumns).toEqual([])
  })

  it('unit_price is for the Finance role only: not a measure without it', () => {
    expect(orders(0).measures.map((m) => m.id)).not.toContain('unit_price')
    expect(readings[0].hiddenColumns.map((c) => c.id)).toContain('unit_price')
  })

  it('the observation answers expectations', () => {
    const europe = ORDERS.filter((o) => o.region === 'Europe')
    const results = evaluateExpectations(
      [
        { kind: 'only-values', dataset: 'sales-orders', column: 'region', values: ['Europe'] },
        { kind: 'total', dataset: 'sales-orders', measure: 'revenue', equals: sum(europe) },
        { kind: 'page-visible', page: 'products' }
      ],
      observationOfReading(readings[1])
    )
    expect(results.map((r) => r.verdict)).toEqual(['met', 'met', 'met'])
    const none = evaluateExpectations([{ kind: 'no-rows', dataset: 'sales-orders' }, { kind: 'no-rows' }], observationOfReading(readings[2]))
    expect(none.map((r) => r.verdict)).toEqual(['met', 'failed'])
  })

  it('asset_permissions: a hidden dataset is reported with no rows and the reason; hidden pages are not visible', async () => {
    const started = await call<CompareStarted>(
      'compare:start',
      startRequest({
        personas: [
          PERSONAS[0],
          { name: 'Targets hidden', token: { userid: 'th', permissions: grant('*'), asset_permissions: { datasets: { dataset_ids: ['sales-orders'] }, pages: { page_ids: ['overview'] } } } }
        ]
      })
    )
    const values = await call<CompareValues>('compare:values', { environmentId: SANDBOX_ENVIRONMENT_ID, tokens: [started.personas[1].token!] })
    const reading = values.readings[0]
    expect(reading.ok).toBe(true)
    if (!reading.ok) return
    const targets = reading.reading.datasets.find((d) => d.id === 'sales-targets')!
    expect(targets.hidden).toBeTruthy()
    expect(targets.observation.rowCount).toBe(0)
    expect(reading.reading.visiblePages).toEqual(['overview'])
    expect(reading.reading.hiddenPages.map((p) => p.id)).toEqual(['products'])
  })

  it('a token the sandbox does not accept is reported in words, not thrown', async () => {
    const values = await call<CompareValues>('compare:values', { environmentId: SANDBOX_ENVIRONMENT_ID, tokens: ['eyJhbGciOiJkaXIifQ..aXY.Y3Q.dGFn'] })
    expect(values.readings[0]).toMatchObject({ ok: false, error: expect.stringMatching(/^The sandbox refused this token \(401\)/) })
  })
})

describe('a real instance', () => {
  it('values are not read there, and the answer says why', async () => {
    const state = await call<{ environments: Array<{ id: string; name: string }> }>('environments:create', { name: 'Acme', domain: 'https://acme.example.com', apiKey: 'acme-key-1234567890' })
    const acme = state.environments.find((e) => e.name === 'Acme')!
    const result = await app.registry.invoke('compare:values', { environmentId: acme.id, tokens: ['eyJhbGciOiJkaXIifQ..aXY.Y3Q.dGFn'] }, trusted)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('UNSUPPORTED')
      expect(result.error.message).toContain('Values are not readable on Acme')
    }
  })
})
