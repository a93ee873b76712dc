/**
 * Issue 15: a dashboard widget asks for its configured first page with the
 * app (`?dashboard=<id>`), and when the answer carries it, opens it without
 * a GET builder/page of its own: its panel queries follow the app answer
 * directly. Everything else stays a GET of its own: another page (tab), a
 * refresh, a restore of the original, an answer that left the page out, and a
 * token whose own dashboardId differs from the page's. Widgets without a
 * dashboardId ask for the app as before.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Dashboard, QueryResult, SandboxApp } from '../../../../src/shared/sandbox-api'
import '../../../../src/sandbox/widgets/entries/widgets-launcher'
import '../../../../src/sandbox/widgets/entries/an-widgets'
import '../../../../src/sandbox/widgets/entries/qrvey-dashboard'
import { mountWidget, qrveyError, startStub, waitFor, type StubServer } from './stub-server'

let server: StubServer | undefined
const events: string[] = []
const record = (event: Event): void => {
  events.push(event.type)
}

beforeEach(() => {
  events.length = 0
  for (const type of ['qvDSHPageLoaded', 'qvDSHItemsLoaded']) document.addEventListener(type, record)
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})

afterEach(async () => {
  for (const type of ['qvDSHPageLoaded', 'qvDSHItemsLoaded']) document.removeEventListener(type, record)
  document.body.replaceChildren()
  vi.restoreAllMocks()
  await server?.close()
  server = undefined
})

const sales = { id: 'sales', name: 'Sales', rowCount: 1, columns: [{ id: 'revenue', label: 'Revenue', type: 'number' as const }, { id: 'region', label: 'Region', type: 'text' as const }] }
const page = (id: string, name: string, title = `${name} total`): Dashboard => ({
  id,
  name,
  panels: [
    { id: `${id}-kpi`, title, kind: 'kpi', datasetId: 'sales', measure: { column: 'revenue', aggregate: 'sum' }, layout: { x: 0, y: 0, w: 6, h: 2 } },
    { id: `${id}-table`, title: `${name} by region`, kind: 'table', datasetId: 'sales', measure: { column: 'revenue', aggregate: 'sum' }, groupBy: 'region', layout: { x: 6, y: 0, w: 6, h: 2 } }
  ]
})

/** carry: whether the app answer includes the asked-for page (the sandbox leaves it out when it may not). */
async function serve(options: { carry: boolean; tokenConfig?: Record<string, unknown> }): Promise<string> {
  server = await startStub((request) => {
    const url = new URL(request.path, 'http://stub')
    if (/\/app\/[^/]+$/.test(url.pathname)) {
      const asked = url.searchParams.get('dashboard')
      const app: SandboxApp = { appId: 'a', name: 'App', datasets: [sales], dashboards: [{ id: 'overview', name: 'Overview' }, { id: 'products', name: 'Products' }], tokenConfig: options.tokenConfig }
      // The carried page differs in its panel title from the GET answer, so the test sees which one is shown.
      if (options.carry && asked) app.dashboard = page(asked, asked === 'products' ? 'Products' : 'Overview', 'carried with the app')
      return { status: 200, body: app }
    }
    const pageMatch = /\/builder\/page\/([^/?]+)/.exec(url.pathname)
    if (pageMatch) return { status: 200, body: page(pageMatch[1], pageMatch[1] === 'products' ? 'Products' : 'Overview', url.search ? 'original version' : 'from GET builder/page') }
    if (url.pathname.endsWith('/analytics/results')) {
      const query = JSON.parse(request.body) as { groupBy?: string[] }
      const result: QueryResult = query.groupBy
        ? { columns: ['region', 'sum_revenue'], rows: [['North', 1], ['South', 2]], totalRows: 2, permissionsApplied: false }
        : { columns: ['sum_revenue'], rows: [[42]], totalRows: 1, permissionsApplied: false }
      return { status: 200, body: result }
    }
    return { status: 404, body: qrveyError(`No route for ${request.path}`) }
  })
  return server.url
}

const paths = () => server!.requests.map((r) => `${r.method} ${r.path}`)
const pageGets = () => paths().filter((p) => p.includes('/builder/page/'))
const firstTitle = (el: HTMLElement) => el.shadowRoot?.querySelector('[data-qv="panel-title"]')?.textContent

describe('the first page comes with the app', () => {
  for (const [tag, extra] of [
    ['qrvey-end-user', {}],
    ['qrvey-builders', {}],
    ['qrvey-dashboard', {}]
  ] as const) {
    it(`${tag}: asks for the configured page with the app, opens the carried page without a GET, then queries`, async () => {
      const url = await serve({ carry: true })
      const el = mountWidget(tag, 'settings', { domain: url, qvToken: 't', dashboardId: 'overview', ...extra })
      await waitFor(() => el.dataset.qvState === 'ready')
      expect(paths()[0]).toBe('GET /devapi/v4/user/me/app/me?dashboard=overview')
      expect(pageGets()).toEqual([])
      expect(paths().slice(1).every((p) => p.startsWith('POST ') && p.endsWith('/analytics/results'))).toBe(true)
      expect(firstTitle(el)).toBe('carried with the app')
      // The same page events as when the page came from its own GET.
      expect(events).toEqual(['qvDSHPageLoaded', 'qvDSHItemsLoaded'])
    })
  }

  it('a refresh, another tab and the way back are GETs of their own (the carried page is used once)', async () => {
    const url = await serve({ carry: true })
    const el = mountWidget('qrvey-end-user', 'settings', { domain: url, qvToken: 't', dashboardId: 'overview' })
    await waitFor(() => el.dataset.qvState === 'ready')
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-qv="refresh"]')!.click()
    await waitFor(() => pageGets().length === 1 && el.dataset.qvState === 'ready' && firstTitle(el) === 'from GET builder/page')
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-qv="page-tab"][data-dashboard-id="products"]')!.click()
    await waitFor(() => pageGets().length === 2 && el.dataset.qvState === 'ready')
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-qv="page-tab"][data-dashboard-id="overview"]')!.click()
    await waitFor(() => pageGets().length === 3 && el.dataset.qvState === 'ready')
    expect(pageGets()).toEqual([
      'GET /devapi/v4/user/me/app/me/builder/page/overview',
      'GET /devapi/v4/user/me/app/me/builder/page/products',
      'GET /devapi/v4/user/me/app/me/builder/page/overview'
    ])
    expect(firstTitle(el)).toBe('from GET builder/page')
  })

  it('falls back to GET builder/page when the app answer left the page out', async () => {
    const url = await serve({ carry: false })
    const el = mountWidget('qrvey-end-user', 'settings', { domain: url, qvToken: 't', dashboardId: 'overview' })
    await waitFor(() => el.dataset.qvState === 'ready')
    expect(pageGets()).toEqual(['GET /devapi/v4/user/me/app/me/builder/page/overview'])
    expect(firstTitle(el)).toBe('from GET builder/page')
  })

  it('opens the token\'s own dashboardId with a GET when it differs from the page\'s (the carried page is not it)', async () => {
    const url = await serve({ carry: true, tokenConfig: { dashboardId: 'products' } })
    const el = mountWidget('qrvey-end-user', 'settings', { domain: url, qvToken: 't', dashboardId: 'overview' })
    await waitFor(() => el.dataset.qvState === 'ready')
    expect(pageGets()).toEqual(['GET /devapi/v4/user/me/app/me/builder/page/products'])
    expect(el.shadowRoot?.querySelector('[data-qv="dashboard-title"]')?.textContent).toBe('Products')
    expect(firstTitle(el)).toBe('from GET builder/page')
  })

  it('widgets without a dashboardId ask for the app alone', async () => {
    const url = await serve({ carry: true })
    const cases: Array<[string, 'settings' | 'config', Record<string, unknown>]> = [
      ['qrvey-builders', 'settings', { reports_dashboard: true }],
      ['an-dashboard', 'config', { qrveyId: 'sales' }],
      ['qrvey-end-user', 'settings', {}]
    ]
    const appRequests = () => server!.requests.filter((r) => /\/app\/me(\?|$)/.test(r.path)).map((r) => r.path)
    for (const [tag, attribute, extra] of cases) {
      const before = appRequests().length
      const el = mountWidget(tag, attribute, { domain: url, qvToken: 't', ...extra })
      await waitFor(() => appRequests().length > before && el.dataset.qvState !== 'loading')
      el.remove()
    }
    expect(appRequests()).toEqual(cases.map(() => '/devapi/v4/user/me/app/me'))
  })
})
