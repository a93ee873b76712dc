/**
 * The data routes enforce what the token says besides rows (QRVEY.md §1):
 * asset_permissions ("Any assets not defined in the list ... will not be
 * visible or usable"), roles (column-level security: "Users must be members of
 * at least one of the assigned roles for CLS in order to see data for that
 * column"), config keys inside the token ("The widget uses the token's
 * value"), and explain record-level security in a `security` block and the
 * x-qrvey-sandbox-notice header.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SALES_SECURITY_NAMES } from '../../../../src/sandbox/data'
import { startSandbox, type SandboxHandle } from '../../../../src/sandbox/server/server'
import { SANDBOX_NOTICE_HEADER, SANDBOX_PATHS, SANDBOX_SELF_ID, type Dashboard, type QueryResult, type SandboxApp } from '../../../../src/shared/sandbox-api'
import { call, qrveyError, tokenFor } from './sandbox-client'

const APP = '59VShVtjM'
const USER = 'u1'
let sandbox: SandboxHandle

beforeAll(async () => {
  sandbox = await startSandbox({ apiKey: 'security-routes-key' })
})

afterAll(async () => {
  await sandbox?.close()
})

const token = (extra: Record<string, unknown> = {}) => tokenFor(sandbox, { userid: USER, appid: APP, ...extra })
const grantAll = SALES_SECURITY_NAMES.map((security_name) => ({ security_name, values: ['*'] }))
const revenue = { measures: [{ column: 'revenue', aggregate: 'sum' }] }

async function json<T>(response: Response): Promise<T> {
  expect(response.status, await response.clone().text()).toBe(200)
  return (await response.json()) as T
}

describe('asset_permissions', () => {
  it('a token limited to page overview lists only Overview, and GET products answers 403 saying why', async () => {
    const limited = await token({ asset_permissions: { pages: { page_ids: ['overview'] } } })
    const app = await json<SandboxApp>(await call(sandbox, SANDBOX_PATHS.app(USER, APP), { token: limited }))
    expect(app.dashboards).toEqual([{ id: 'overview', name: 'Overview' }])
    expect(app.hidden?.dashboards).toEqual([{ id: 'products', name: 'Products', reason: 'Dashboard "Products" is not in the token\'s asset_permissions.pages.page_ids (overview).' }])
    const products = await call(sandbox, SANDBOX_PATHS.dashboard(USER, APP, 'products'), { token: limited })
    expect(products.status).toBe(403)
    expect(await qrveyError(products)).toEqual(['Dashboard "Products" is not in the token\'s asset_permissions.pages.page_ids (overview).'])
  })

  it('Qrvey 8.6\'s assetPermissions spelling works too, and an empty object restricts nothing (QrveyDemoApp sends {})', async () => {
    const spelled = await token({ assetPermissions: { pages: { page_ids: ['products'] } } })
    expect((await json<SandboxApp>(await call(sandbox, SANDBOX_PATHS.app(USER, APP), { token: spelled }))).dashboards.map((d) => d.id)).toEqual(['products'])
    const open = await token({ asset_permissions: {} })
    expect((await json<SandboxApp>(await call(sandbox, SANDBOX_PATHS.app(USER, APP), { token: open }))).dashboards.map((d) => d.id)).toEqual(['overview', 'products'])
  })

  it('charts / metrics / datasets lists hide panels with a reason, and the hidden ones cannot be loaded', async () => {
    const limited = await token({ asset_permissions: { metrics: { metric_ids: ['total-revenue'] }, datasets: { dataset_ids: ['sales-orders'] } } })
    const overview = await json<Dashboard>(await call(sandbox, SANDBOX_PATHS.dashboard(USER, APP, 'overview'), { token: limited }))
    expect(overview.panels.map((panel) => panel.id)).toEqual(['total-revenue', 'revenue-by-region', 'revenue-by-month', 'revenue-by-category'])
    expect(overview.hiddenPanels?.map((panel) => [panel.id, panel.reason])).toEqual([
      ['order-count', 'The metric "Orders" is not in the token\'s asset_permissions.metrics.metric_ids (total-revenue).'],
      ['units-sold', 'The metric "Units sold" is not in the token\'s asset_permissions.metrics.metric_ids (total-revenue).'],
      ['avg-order-value', 'The metric "Average order value" is not in the token\'s asset_permissions.metrics.metric_ids (total-revenue).'],
      ['target-by-region', '"Revenue target by region" uses dataset sales-targets, which is not in the token\'s asset_permissions.datasets.dataset_ids (sales-orders).']
    ])
    const panel = await call(sandbox, SANDBOX_PATHS.panel(USER, APP, 'sales-orders', 'order-count'), { token: limited })
    expect(panel.status).toBe(403)
    const query = await call(sandbox, SANDBOX_PATHS.query(USER, APP, 'sales-targets'), { token: limited, body: { measures: [{ column: 'target', aggregate: 'sum' }] } })
    expect(query.status).toBe(403)
    expect(await qrveyError(query)).toEqual(['Dataset "Sales targets" is not in the token\'s asset_permissions.datasets.dataset_ids (sales-orders).'])
  })
})

describe('Page Builder saves under asset_permissions', () => {
  it('a restricted user\'s save keeps the panels it cannot see, and may not add hidden ones', async () => {
    const clientid = 'restricted-saver'
    const limited = await token({ clientid, asset_permissions: { metrics: { metric_ids: ['total-revenue'] } } })
    const shown = await json<Dashboard>(await call(sandbox, SANDBOX_PATHS.dashboard(USER, APP, 'overview'), { token: limited }))
    const { hiddenPanels, ...editable } = shown
    expect(hiddenPanels?.map((panel) => panel.id)).toEqual(['order-count', 'units-sold', 'avg-order-value'])
    const renamed = { ...editable, name: 'Renamed', panels: editable.panels.filter((panel) => panel.id !== 'revenue-by-month') }
    const saved = await json<Dashboard>(await call(sandbox, SANDBOX_PATHS.dashboard(USER, APP, 'overview'), { token: limited, method: 'PUT', body: renamed }))
    expect(saved.panels.map((panel) => panel.id)).not.toContain('order-count')
    // The same end user without the restriction sees the hidden panels still there, and the removed one gone.
    const full = await json<Dashboard>(await call(sandbox, SANDBOX_PATHS.dashboard(USER, APP, 'overview'), { token: await token({ clientid }) }))
    expect(full.name).toBe('Renamed')
    expect(full.panels.map((panel) => panel.id)).toEqual(expect.arrayContaining(['order-count', 'units-sold', 'avg-order-value']))
    expect(full.panels.map((panel) => panel.id)).not.toContain('revenue-by-month')
    const sneaky = { ...renamed, panels: [...renamed.panels, { ...shown.panels[0], id: 'order-count', title: 'Orders', kind: 'kpi', measure: { column: 'order_id', aggregate: 'count' }, layout: { x: 0, y: 20, w: 3, h: 2 } }] }
    const refused = await call(sandbox, SANDBOX_PATHS.dashboard(USER, APP, 'overview'), { token: limited, method: 'PUT', body: sneaky })
    expect(refused.status).toBe(403)
  })
})

describe('roles: column-level security', () => {
  it('hides unit_price without the Finance role, and refuses a query that reads it', async () => {
    const plain = await token({ version: '2', permissions: [{ dataset_id: 'sales-orders', record_permissions: grantAll }] })
    const app = await json<SandboxApp>(await call(sandbox, SANDBOX_PATHS.app(USER, APP), { token: plain }))
    expect(app.datasets[0].columns.map((column) => column.id)).not.toContain('unit_price')
    const refused = await call(sandbox, SANDBOX_PATHS.query(USER, APP, 'sales-orders'), { token: plain, body: { columns: ['order_id', 'unit_price'] } })
    expect(refused.status).toBe(403)
    expect(await qrveyError(refused)).toEqual(["Column Unit price (unit_price) of Sales orders is visible only to role Finance; the token's roles: none."])
  })

  it('shows it to a token with roles "Finance" or ["Sales", "Finance"]', async () => {
    for (const roles of ['Finance', ['Sales', 'Finance']]) {
      const finance = await token({ roles, version: '2', permissions: [{ dataset_id: 'sales-orders', record_permissions: grantAll }] })
      const app = await json<SandboxApp>(await call(sandbox, SANDBOX_PATHS.app(USER, APP), { token: finance }))
      expect(app.datasets[0].columns.map((column) => column.id)).toContain('unit_price')
      const result = await json<QueryResult>(await call(sandbox, SANDBOX_PATHS.query(USER, APP, 'sales-orders'), { token: finance, body: { columns: ['unit_price'], limit: 1 } }))
      expect(result.rows).toHaveLength(1)
    }
  })
})

describe('record-level security explained', () => {
  it('a token without permissions sees no rows of the secured dataset, with the reason in the body and the notice header', async () => {
    const bare = await token()
    const response = await call(sandbox, SANDBOX_PATHS.query(USER, APP, 'sales-orders'), { token: bare, body: revenue })
    const result = await json<QueryResult>(response)
    expect(result.rows).toEqual([[0]])
    expect(result.security?.missing).toEqual(['order_date', 'region', 'country', 'category', 'customer_segment'])
    const note = 'Dataset sales-orders is secured by order_date, region, country, category and customer_segment, and the token has no permissions for it, so it shows no rows. Add a permission for this dataset that names every security column (values ["*"] with EQUAL grants all).'
    expect(result.security?.notes).toEqual([note])
    expect(JSON.parse(response.headers.get(SANDBOX_NOTICE_HEADER) ?? '[]')).toEqual([note])
  })

  it('the open dataset answers every token in full, without a notice', async () => {
    const response = await call(sandbox, SANDBOX_PATHS.query(USER, APP, 'sales-targets'), { token: await token(), body: { measures: [{ column: 'month', aggregate: 'count' }] } })
    const result = await json<QueryResult>(response)
    expect(result.rows).toEqual([[96]])
    expect(result.permissionsApplied).toBe(false)
    expect(response.headers.get(SANDBOX_NOTICE_HEADER)).toBeNull()
  })

  it('reports a value that matches no row ("region: North")', async () => {
    const north = await token({ version: '2', permissions: [{ dataset_id: 'sales-orders', record_permissions: [...grantAll.filter((rule) => rule.security_name !== 'region'), { security_name: 'region', values: ['North'] }] }] })
    const result = await json<QueryResult>(await call(sandbox, SANDBOX_PATHS.query(USER, APP, 'sales-orders'), { token: north, body: revenue }))
    expect(result.security?.unmatched).toEqual(['region EQUAL "North" matches no row (its values: Asia Pacific, Europe, Latin America, North America)'])
  })
})

describe('config keys inside the token', () => {
  it('the app answer carries them as tokenConfig, without the security claims', async () => {
    const withConfig = await token({ dashboardId: 'products', orgId: 'org-1', styles: { main_color: '#ff0000' }, featurePermission: { downloads: { hideGeneralDownload: true } }, clientid: 'c1', roles: ['Finance'], asset_permissions: {}, version: '2', permissions: [] })
    const app = await json<SandboxApp>(await call(sandbox, SANDBOX_PATHS.app(SANDBOX_SELF_ID, SANDBOX_SELF_ID), { token: withConfig }))
    expect(app.tokenConfig).toEqual({ userid: USER, appid: APP, dashboardId: 'products', orgId: 'org-1', styles: { main_color: '#ff0000' }, featurePermission: { downloads: { hideGeneralDownload: true } }, clientid: 'c1' })
  })

  it('a token without appid (widget-demo-server\'s Analytic Suite) reaches the app of its qrveyid; without either, 404 says what to set', async () => {
    const noApp = await tokenFor(sandbox, { userid: USER, qrveyid: 'sales-targets' })
    const app = await json<SandboxApp>(await call(sandbox, SANDBOX_PATHS.app(SANDBOX_SELF_ID, SANDBOX_SELF_ID), { token: noApp }))
    expect(app.appId).toBe(APP)
    // The widget's own appId works too.
    expect((await json<SandboxApp>(await call(sandbox, SANDBOX_PATHS.app(SANDBOX_SELF_ID, 'ops-demo'), { token: noApp }))).appId).toBe('ops-demo')
    const nothing = await call(sandbox, SANDBOX_PATHS.app(SANDBOX_SELF_ID, SANDBOX_SELF_ID), { token: await tokenFor(sandbox, { userid: USER }) })
    expect(nothing.status).toBe(404)
    expect((await qrveyError(nothing))[0]).toMatch(/^The token has no appid and the widget configuration no appId/)
  })

  it('a token without userid works for any user in the URL', async () => {
    const noUser = await tokenFor(sandbox, { appid: APP })
    expect((await call(sandbox, SANDBOX_PATHS.app('whoever', APP), { token: noUser })).status).toBe(200)
    expect((await call(sandbox, SANDBOX_PATHS.app(SANDBOX_SELF_ID, SANDBOX_SELF_ID), { token: noUser })).status).toBe(200)
  })
})
