/**
 * The widgets against a real HTTP server on loopback: 401 -> qvTokenExpired,
 * other errors rendered with status and message, the bearer token and the
 * `me` placeholder in the URLs, page events, and aborting on removal.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Dashboard, QueryResult, SandboxApp } from '../../../../src/shared/sandbox-api'
import '../../../../src/sandbox/widgets/entries/widgets-launcher'
import '../../../../src/sandbox/widgets/entries/an-widgets'
import '../../../../src/sandbox/widgets/entries/qrvey-dashboard'
import { mountWidget, qrveyError, startStub, waitFor, type StubHandler, type StubServer } from './stub-server'

let server: StubServer | undefined
const events: Array<{ type: string; detail: unknown }> = []
const record = (event: Event): void => {
  events.push({ type: event.type, detail: (event as CustomEvent).detail })
}
const EVENTS = ['qvTokenExpired', 'qvDSHPageLoaded', 'qvDSHItemsLoaded']
/** The sandbox-only side channel the workbench's preview reads; never a Qrvey event. */
const infos: Array<{ event: string; info: Record<string, unknown> }> = []
const recordInfo = (event: Event): void => {
  infos.push((event as CustomEvent).detail as { event: string; info: Record<string, unknown> })
}

beforeEach(() => {
  events.length = 0
  infos.length = 0
  for (const type of EVENTS) document.addEventListener(type, record)
  document.addEventListener('qv-sandbox-info', recordInfo)
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})

afterEach(async () => {
  for (const type of EVENTS) document.removeEventListener(type, record)
  document.removeEventListener('qv-sandbox-info', recordInfo)
  document.body.replaceChildren()
  vi.restoreAllMocks()
  await server?.close()
  server = undefined
})

async function serve(handler: StubHandler): Promise<string> {
  server = await startStub(handler)
  return server.url
}

const app: SandboxApp = {
  appId: 'app-1',
  name: 'Sales Analytics',
  datasets: [
    {
      id: 'sales',
      name: 'Sales orders',
      rowCount: 3,
      columns: [
        { id: 'region', label: 'Region', type: 'text' },
        { id: 'order_id', label: 'Order ID', type: 'text' },
        { id: 'revenue', label: 'Revenue', type: 'number' }
      ]
    }
  ],
  dashboards: [
    { id: 'overview', name: 'Overview' },
    { id: 'detail', name: 'Detail' }
  ]
}

const overview: Dashboard = {
  id: 'overview',
  name: 'Overview',
  panels: [
    { id: 'total-revenue', title: 'Total revenue', kind: 'kpi', datasetId: 'sales', measure: { column: 'revenue', aggregate: 'sum' }, layout: { x: 0, y: 0, w: 6, h: 2 } },
    { id: 'orders', title: 'Orders', kind: 'kpi', datasetId: 'sales', measure: { column: 'order_id', aggregate: 'count' }, layout: { x: 6, y: 0, w: 6, h: 2 } },
    { id: 'by-region', title: 'Revenue by region', kind: 'table', datasetId: 'sales', measure: { column: 'revenue', aggregate: 'sum' }, groupBy: 'region', layout: { x: 0, y: 2, w: 12, h: 4 } }
  ]
}

function dataApi(request: { method: string; path: string; body: string }): { status: number; body: unknown } {
  if (request.path.endsWith('/builder/page/overview')) return { status: 200, body: overview }
  if (request.path.endsWith('/analytics/results')) {
    const query = JSON.parse(request.body) as { measures: Array<{ column: string; aggregate: string }>; groupBy?: string[] }
    const m = query.measures[0]
    const name = `${m.aggregate}_${m.column}`
    const result: QueryResult = query.groupBy
      ? { columns: ['region', name], rows: [['North', 1000.5], ['South', 234567.39]], totalRows: 2, permissionsApplied: true }
      : { columns: [name], rows: [[m.aggregate === 'count' ? 12345 : 1234567.89]], totalRows: 1, permissionsApplied: false }
    return { status: 200, body: result }
  }
  if (/\/app\/[^/]+$/.test(request.path)) return { status: 200, body: app }
  return { status: 404, body: qrveyError(`No route for ${request.method} ${request.path}`) }
}

describe('HTTP 401 from the data API', () => {
  it('dispatches qvTokenExpired on document with the widget name and shows the expired state', async () => {
    const url = await serve(() => ({ status: 401, body: qrveyError('Token expired: generate a new one') }))
    const el = mountWidget('qrvey-end-user', 'settings', { domain: `${url}/`, qv_token: 'tok-401', dashboardId: 'overview' })
    await waitFor(() => el.dataset.qvState === 'expired')
    expect(events).toEqual([{ type: 'qvTokenExpired', detail: { trigger: 'Dashboard View Widget' } }])
    expect(el.shadowRoot?.querySelector('[data-qv="expired"]')?.textContent).toMatch(/session has expired.*Token expired: generate a new one/s)
    expect(server!.requests[0]).toMatchObject({ method: 'GET', path: '/devapi/v4/user/me/app/me', authorization: 'Bearer tok-401' })
  })

  it('names the widget in the trigger: Report Builder, Dashboard Builder, Analytic Suite, Single Panel, Dashboard', async () => {
    const url = await serve(() => ({ status: 401, body: qrveyError('Invalid token') }))
    const cases: Array<[string, 'settings' | 'config', Record<string, unknown>, string]> = [
      ['qrvey-builders', 'settings', { reports_dashboard: true }, 'Report Builder Widget'],
      ['qrvey-builders', 'settings', {}, 'Dashboard Builder Widget'],
      ['an-dashboard', 'config', { qrveyId: 'sales' }, 'Analytic Suite Widget'],
      ['an-panel', 'config', { qrveyId: 'sales', type: 'METRIC', metricId: 'total-revenue' }, 'Single Panel Widget'],
      ['qrvey-dashboard', 'settings', { dashboardId: 'overview' }, 'Dashboard Widget']
    ]
    for (const [tag, attribute, extra, trigger] of cases) {
      events.length = 0
      const el = mountWidget(tag, attribute, { domain: url, qvToken: 't', ...extra })
      await waitFor(() => el.dataset.qvState === 'expired')
      expect(events.filter((e) => e.type === 'qvTokenExpired')).toEqual([{ type: 'qvTokenExpired', detail: { trigger } }])
      el.remove()
    }
  })
})

describe('qvTokenExpired is "a global event in the host application" (QRVEY.md §3)', () => {
  it('reaches a listener on window as well as one on document, once each, with detail {trigger}', async () => {
    const url = await serve(() => ({ status: 401, body: qrveyError('Token expired: generate a new one') }))
    const heard: Array<[string, unknown]> = []
    const onWindow = (event: Event): void => void heard.push(['window', (event as CustomEvent).detail])
    window.addEventListener('qvTokenExpired', onWindow)
    try {
      const el = mountWidget('qrvey-end-user', 'settings', { domain: url, qvToken: 'expired' })
      await waitFor(() => el.dataset.qvState === 'expired')
      expect(heard).toEqual([['window', { trigger: 'Dashboard View Widget' }]])
      expect(events.filter((e) => e.type === 'qvTokenExpired')).toHaveLength(1)
    } finally {
      window.removeEventListener('qvTokenExpired', onWindow)
    }
  })
})

describe('API-key mode (development only, widget-authentication.md)', () => {
  it('sends the key as x-api-key, no bearer token, the config ids in the URL and the page clientid; warns in the console', async () => {
    const url = await serve(dataApi)
    const warn = vi.mocked(console.warn)
    const el = mountWidget('qrvey-end-user', 'settings', { domain: url, apikey: 'dev-key', appid: 'app-1', clientid: 'c-9', dashboardId: 'overview' })
    await waitFor(() => el.dataset.qvState === 'ready')
    const first = server!.requests[0]
    expect(first).toMatchObject({ path: '/devapi/v4/user/me/app/app-1', authorization: undefined, apiKey: 'dev-key' })
    expect(first.headers?.['x-sandbox-clientid']).toBe('c-9')
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/API-key mode.*for dev & testing only/))
  })
})

describe('other HTTP failures', () => {
  it('renders the status and the server message for a 403, without qvTokenExpired', async () => {
    const url = await serve(() => ({ status: 403, body: qrveyError('The token is for app "a", not "b" in the URL') }))
    const el = mountWidget('qrvey-end-user', 'settings', { domain: url, qvToken: 't', userId: 'u1', app_id: 'b' })
    await waitFor(() => el.dataset.qvState === 'error')
    const box = el.shadowRoot?.querySelector<HTMLElement>('[data-qv="error"]')
    expect(box?.dataset.status).toBe('403')
    expect(box?.textContent).toMatch(/HTTP 403.*The token is for app "a", not "b" in the URL/s)
    expect(events).toEqual([])
    expect(console.error).toHaveBeenCalled()
    // Real ids from the config go into the URL.
    expect(server!.requests[0].path).toBe('/devapi/v4/user/u1/app/b')
  })

  it('renders a 5xx and an unreachable server clearly', async () => {
    const url = await serve(() => ({ status: 503, body: qrveyError('Simulated outage') }))
    const el = mountWidget('an-dashboard', 'config', { domain: url, qvToken: 't', qrveyId: 'sales' })
    await waitFor(() => el.dataset.qvState === 'error')
    expect(el.shadowRoot?.textContent).toMatch(/Server error \(HTTP 503\).*Simulated outage/s)

    const closed = mountWidget('an-dashboard', 'config', { domain: 'http://127.0.0.1:1', qvToken: 't', qrveyId: 'sales' })
    await waitFor(() => closed.dataset.qvState === 'error')
    expect(closed.shadowRoot?.textContent).toMatch(/Cannot reach the Qrvey server.*Could not reach http:\/\/127\.0\.0\.1:1/s)
  })
})

describe('a dashboard with data', () => {
  it('renders KPIs with formatted and raw values, tables, tabs, and dispatches the page events', async () => {
    const url = await serve(dataApi)
    const el = mountWidget('qrvey-end-user', 'settings', { domain: url, qvToken: 'tok', dashboardId: 'overview' })
    await waitFor(() => el.dataset.qvState === 'ready')
    const root = el.shadowRoot!
    const revenue = root.querySelector<HTMLElement>('[data-qv="kpi-value"][data-panel-id="total-revenue"]')!
    expect(revenue.textContent).toBe('$1,234,567.89')
    expect(revenue.dataset.value).toBe('1234567.89')
    expect(root.querySelector('[data-qv="kpi-value"][data-panel-id="orders"]')?.textContent).toBe('12,345')
    const cells = [...root.querySelectorAll<HTMLElement>('[data-qv="table-cell"]')].map((c) => c.textContent)
    expect(cells).toEqual(['North', '$1,000.50', 'South', '$234,567.39'])
    expect(root.querySelectorAll('[data-qv="panel"]')).toHaveLength(3)
    expect([...root.querySelectorAll('[data-qv="page-tab"]')].map((t) => [t.textContent, t.getAttribute('aria-selected')])).toEqual([
      ['Overview', 'true'],
      ['Detail', 'false']
    ])
    expect(root.querySelector('[data-qv="permissions-badge"]')).not.toBeNull()
    // custom-events.md: `new CustomEvent('qvDSHPageLoaded')` / `new CustomEvent('qvDSHItemsLoaded')`: no detail.
    // (Until issue 8 the sandbox sent an invented detail here; host code reading it would break on Qrvey.)
    expect(events).toEqual([
      { type: 'qvDSHPageLoaded', detail: null },
      { type: 'qvDSHItemsLoaded', detail: null }
    ])
    // What the workbench shows besides travels on the sandbox's own side channel.
    expect(infos).toEqual([
      { event: 'qvDSHPageLoaded', info: expect.objectContaining({ dashboardId: 'overview', panels: 3 }) },
      { event: 'qvDSHItemsLoaded', info: expect.objectContaining({ dashboardId: 'overview', items: 3, failed: 0 }) }
    ])
    const queries = server!.requests.filter((r) => r.method === 'POST')
    expect(queries.map((q) => JSON.parse(q.body))).toContainEqual({ measures: [{ column: 'revenue', aggregate: 'sum' }], groupBy: ['region'] })
    expect(queries.every((q) => q.path === '/devapi/v5/user/me/app/me/qrvey/sales/analytics/results')).toBe(true)
  })

  it('shows a failing panel inside that panel only', async () => {
    const url = await serve((request) =>
      request.path.endsWith('/analytics/results') && request.body.includes('order_id') ? { status: 400, body: qrveyError('measures[0].column: unknown column') } : dataApi(request)
    )
    const el = mountWidget('qrvey-end-user', 'settings', { domain: url, qvToken: 'tok' })
    await waitFor(() => el.dataset.qvState === 'ready')
    const broken = el.shadowRoot!.querySelector<HTMLElement>('[data-qv="panel"][data-panel-id="orders"]')!
    expect(broken.dataset.state).toBe('error')
    expect(broken.textContent).toMatch(/HTTP 400.*unknown column/s)
    expect(el.shadowRoot!.querySelector('[data-panel-id="total-revenue"] [data-qv="kpi-value"]')?.textContent).toBe('$1,234,567.89')
    expect(events.at(-1)).toEqual({ type: 'qvDSHItemsLoaded', detail: null })
    expect(infos.at(-1)?.info).toMatchObject({ failed: 1 })
  })

  it('aborts in-flight requests when the host removes the element', async () => {
    const url = await serve((request) => (request.path.endsWith('/app/me') ? { status: 200, body: app, delayMs: 2_000 } : dataApi(request)))
    const el = mountWidget('qrvey-end-user', 'settings', { domain: url, qvToken: 'tok' })
    await waitFor(() => server!.requests.length === 1)
    el.remove()
    await waitFor(() => server!.aborted.length === 1)
    expect(server!.aborted).toEqual(['/devapi/v4/user/me/app/me'])
    expect(events).toEqual([])
  })
})
