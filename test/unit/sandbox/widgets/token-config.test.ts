/**
 * Config keys inside the token (QRVEY.md §1: "any widget config key may travel
 * inside the token instead of the page ... The widget uses the token's
 * value"): the widgets read them from the app answer's `tokenConfig`.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Dashboard, QueryResult, SandboxApp } from '../../../../src/shared/sandbox-api'
import { withTokenConfig } from '../../../../src/sandbox/widgets/core/token-config'
import '../../../../src/sandbox/widgets/entries/widgets-launcher'
import '../../../../src/sandbox/widgets/entries/an-widgets'
import '../../../../src/sandbox/widgets/entries/qrvey-dashboard'
import { mountWidget, qrveyError, startStub, waitFor, type StubServer } from './stub-server'

let server: StubServer | undefined

beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
})

afterEach(async () => {
  document.body.replaceChildren()
  vi.restoreAllMocks()
  await server?.close()
  server = undefined
})

const base = { domain: 'http://x', auth: { mode: 'token' as const, token: 't' }, userId: 'me', appId: 'me' }

describe('withTokenConfig', () => {
  it('lays the token\'s keys over the page\'s, and a token dashboard under any spelling replaces every page spelling', () => {
    const config = withTokenConfig({ ...base, raw: { dashboardId: 'overview', pageId: 'old', styles: { a: 1 }, qrveyId: 'ds-page' } }, { pageid: 'products', qrveyid: 'ds-token', orgId: 'o1' })
    expect(config.raw).toEqual({ styles: { a: 1 }, pageid: 'products', qrveyid: 'ds-token', orgId: 'o1' })
  })

  it('leaves the page\'s configuration alone when the token carries nothing', () => {
    const config = { ...base, raw: { dashboardId: 'overview' } }
    expect(withTokenConfig(config, undefined)).toBe(config)
    expect(withTokenConfig(config, {})).toBe(config)
  })
})

const sales = { id: 'sales', name: 'Sales', rowCount: 1, columns: [{ id: 'revenue', label: 'Revenue', type: 'number' as const }] }
const dashboard = (id: string, name: string): Dashboard => ({
  id,
  name,
  panels: [{ id: `${id}-kpi`, title: `${name} total`, kind: 'kpi', datasetId: 'sales', measure: { column: 'revenue', aggregate: 'sum' }, layout: { x: 0, y: 0, w: 12, h: 2 } }]
})

async function serveApp(tokenConfig: Record<string, unknown>): Promise<string> {
  const app: SandboxApp = { appId: 'a', name: 'App', datasets: [sales], dashboards: [{ id: 'overview', name: 'Overview' }, { id: 'products', name: 'Products' }], tokenConfig }
  server = await startStub((request) => {
    if (/\/app\/[^/]+$/.test(request.path)) return { status: 200, body: app }
    const page = /\/builder\/page\/([^/]+)$/.exec(request.path)
    if (page) return { status: 200, body: dashboard(page[1], page[1] === 'products' ? 'Products' : 'Overview') }
    if (request.path.endsWith('/qrvey/sales/analytiq/chart/sales-total')) return { status: 200, body: { ...dashboard('x', 'Sales').panels[0], id: 'sales-total' } }
    if (request.path.endsWith('/analytics/results')) {
      const result: QueryResult = { columns: ['sum_revenue'], rows: [[42]], totalRows: 1, permissionsApplied: false }
      return { status: 200, body: result }
    }
    return { status: 404, body: qrveyError(`No route for ${request.path}`) }
  })
  return server.url
}

describe('widgets honour the token\'s config', () => {
  it('Dashboard View opens the token\'s dashboardId, not the page\'s', async () => {
    const url = await serveApp({ dashboardId: 'products' })
    const el = mountWidget('qrvey-end-user', 'settings', { domain: url, qvToken: 't', dashboardId: 'overview' })
    await waitFor(() => el.dataset.qvState === 'ready')
    expect(el.shadowRoot?.querySelector('[data-qv="dashboard-title"]')?.textContent).toBe('Products')
  })

  it('qrvey-dashboard starts with the token\'s dashboardId when the page names none', async () => {
    const url = await serveApp({ dashboardId: 'products' })
    const el = mountWidget('qrvey-dashboard', 'settings', { domain: url, qvToken: 't' })
    await waitFor(() => el.dataset.qvState === 'ready')
    expect(el.shadowRoot?.querySelector('[data-qv="dashboard-title"]')?.textContent).toBe('Products')
  })

  it('Single Panel takes qrveyid from the token (widget-demo-server\'s Analytic Suite body carries it there)', async () => {
    const url = await serveApp({ qrveyid: 'sales' })
    const el = mountWidget('an-panel', 'config', { domain: url, qvToken: 't', type: 'METRIC', metricId: 'sales-total' })
    await waitFor(() => el.dataset.qvState === 'ready')
    expect(el.shadowRoot?.querySelector('[data-qv="kpi-value"]')?.getAttribute('data-value')).toBe('42')
    expect(server!.requests.some((request) => request.path.endsWith('/qrvey/sales/analytiq/chart/sales-total'))).toBe(true)
  })
})
