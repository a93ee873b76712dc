import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AUTH_MESSAGES } from '../../../../src/sandbox/server/bearer-auth'
import { DEMO_APPS, demoDataset, runQuery, SALES_DATASET_ID, visibleRows } from '../../../../src/sandbox/data'
import { startSandbox, type SandboxHandle } from '../../../../src/sandbox/server/server'
import { TokenIssuer } from '../../../../src/sandbox/server/token-issuer'
import type { DatasetPermission } from '../../../../src/shared/permissions'
import { SANDBOX_PATHS, SANDBOX_SELF_ID, type Dashboard, type QueryRequest, type QueryResult, type SandboxApp } from '../../../../src/shared/sandbox-api'
import { call, qrveyError, tokenFor } from './sandbox-client'

const APP = '59VShVtjM'
const USER = 'jane.doe@example.com'
const DATASET = SALES_DATASET_ID

let now = Date.UTC(2025, 5, 1, 12, 0, 0)
let sandbox: SandboxHandle

beforeAll(async () => {
  // A clock the tests move, shared by issuing and verifying.
  sandbox = await startSandbox({ apiKey: 'data-routes-key', issuer: new TokenIssuer({ clock: () => now }) })
})

afterAll(async () => {
  await sandbox?.close()
})

const paths = {
  app: (user = USER, app = APP) => SANDBOX_PATHS.app(user, app),
  dashboard: (id: string, user = USER, app = APP) => SANDBOX_PATHS.dashboard(user, app, id),
  panel: (id: string, dataset = DATASET, app = APP) => SANDBOX_PATHS.panel(USER, app, dataset, id),
  query: (dataset = DATASET, app = APP) => SANDBOX_PATHS.query(USER, app, dataset)
}

const token = (extra: Record<string, unknown> = {}) => tokenFor(sandbox, { userid: USER, appid: APP, ...extra })

describe('data routes: authentication', () => {
  it('answers 401 "Missing token" without a bearer token, on every route', async () => {
    const requests: Array<[string, string, unknown]> = [
      ['GET', paths.app(), undefined],
      ['GET', paths.dashboard('overview'), undefined],
      ['PUT', paths.dashboard('overview'), {}],
      ['GET', paths.panel('total-revenue'), undefined],
      ['POST', paths.query(), { columns: ['region'] }]
    ]
    for (const [method, path, body] of requests) {
      const response = await call(sandbox, path, { method, body })
      expect(response.status, `${method} ${path}`).toBe(401)
      expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_request"')
      expect(await qrveyError(response)).toEqual([AUTH_MESSAGES.missing])
    }
    const basic = await call(sandbox, paths.app(), { headers: { authorization: 'Basic dTpw' } })
    expect(basic.status).toBe(401)
    expect((await qrveyError(basic))[0]).toMatch(/^Missing token/)
  })

  it('answers 401 "Invalid token" for garbage and for a token from another sandbox run', async () => {
    for (const bad of ['garbage', await new TokenIssuer().issue({ userid: USER, appid: APP })]) {
      const response = await call(sandbox, paths.app(), { token: bad })
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"')
      expect((await qrveyError(response))[0]).toMatch(/^Invalid token/)
    }
  })

  it('answers 401 "Token expired" once the token has expired', async () => {
    const short = await token({ expiresIn: '30s' })
    expect((await call(sandbox, paths.app(), { token: short })).status).toBe(200)
    now += 31_000
    const response = await call(sandbox, paths.app(), { token: short })
    expect(response.status).toBe(401)
    expect(await qrveyError(response)).toEqual([AUTH_MESSAGES.expired])
    expect(AUTH_MESSAGES.expired).toMatch(/^Token expired/)
  })

  it('answers 403 when the URL names another user or app than the token', async () => {
    const jane = await token()
    const otherUser = await call(sandbox, paths.app('someone-else'), { token: jane })
    expect(otherUser.status).toBe(403)
    expect(await qrveyError(otherUser)).toEqual([`The token is for user "${USER}", not "someone-else" in the URL`])
    const otherApp = await call(sandbox, paths.app(USER, 'ops-demo'), { token: jane })
    expect(otherApp.status).toBe(403)
    expect(await qrveyError(otherApp)).toEqual([`The token is for app "${APP}", not "ops-demo" in the URL`])
  })

  it('answers 404 for an unknown app, naming the demo apps', async () => {
    const response = await call(sandbox, paths.app(USER, 'no-such-app'), { token: await token({ appid: 'no-such-app' }) })
    expect(response.status).toBe(404)
    expect(await qrveyError(response)).toEqual(['Unknown app "no-such-app"; the sandbox\'s demo apps are: 59VShVtjM (Sales Analytics), ops-demo (Operations)'])
  })

  it('reads "me" in the URL as the token\'s own user and app (a widget cannot decrypt the token)', async () => {
    const ops = await token({ appid: 'ops-demo', clientid: 'dana' })
    const app = await call(sandbox, paths.app(SANDBOX_SELF_ID, SANDBOX_SELF_ID), { token: ops })
    expect(app.status).toBe(200)
    expect(await app.json()).toMatchObject({ appId: 'ops-demo', name: 'Operations' })

    // An edit saved through "me" is the same user's edit as through the explicit ids.
    const original = DEMO_APPS['ops-demo'].dashboards[1]
    const renamed = { ...structuredClone(original), name: 'Dana\'s regions' }
    const put = await call(sandbox, paths.dashboard(original.id, SANDBOX_SELF_ID, SANDBOX_SELF_ID), { method: 'PUT', token: ops, body: renamed })
    expect(put.status).toBe(200)
    expect(await (await call(sandbox, paths.dashboard(original.id, USER, 'ops-demo'), { token: ops })).json()).toEqual(renamed)

    const query = await call(sandbox, SANDBOX_PATHS.query(SANDBOX_SELF_ID, 'ops-demo', DATASET), { token: ops, body: { measures: [{ column: 'units', aggregate: 'sum' }] } })
    expect(query.status).toBe(200)
    // "me" only stands in for the token's ids; naming another app is still refused.
    expect((await call(sandbox, paths.app(SANDBOX_SELF_ID, APP), { token: ops })).status).toBe(403)
  })

  it('lets any userid use the demo apps, including ids that need encoding or are long', async () => {
    for (const userid of ['a/b c?d', 'u'.repeat(256)]) {
      const response = await call(sandbox, paths.app(userid), { token: await token({ userid }) })
      expect(response.status, userid.slice(0, 10)).toBe(200)
    }
  })
})

describe('data routes: app, dashboards, panels', () => {
  it('describes the app: datasets with columns, dashboards by id and name', async () => {
    const response = await call(sandbox, paths.app(), { token: await token() })
    expect(response.status).toBe(200)
    const app = (await response.json()) as SandboxApp
    expect(app).toEqual({
      appId: APP,
      name: 'Sales Analytics',
      datasets: [demoDataset().meta],
      dashboards: [
        { id: 'overview', name: 'Overview' },
        { id: 'products', name: 'Products' }
      ],
      // What the dashboard page events need (qvDSHSaveDashboard is "unable" without a clientid in the token).
      personalization: { hasClientId: false, personalized: [] }
    })
  })

  it('serves each dashboard of each app as defined', async () => {
    for (const app of Object.values(DEMO_APPS)) {
      const appToken = await token({ appid: app.appId })
      for (const dashboard of app.dashboards) {
        const response = await call(sandbox, paths.dashboard(dashboard.id, USER, app.appId), { token: appToken })
        expect(response.status).toBe(200)
        expect(await response.json()).toEqual(dashboard)
      }
    }
  })

  it('answers 404 for an unknown dashboard, naming the app\'s dashboards', async () => {
    const response = await call(sandbox, paths.dashboard('nope'), { token: await token() })
    expect(response.status).toBe(404)
    expect(await qrveyError(response)).toEqual(['Unknown dashboard "nope" in app 59VShVtjM; its dashboards are: overview, products'])
  })

  it('serves named panels for Single Panel', async () => {
    const jane = await token()
    for (const [id, kind] of [
      ['revenue-by-region', 'bar'],
      ['total-revenue', 'kpi'],
      ['revenue-by-product', 'table']
    ]) {
      const response = await call(sandbox, paths.panel(id), { token: jane })
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({ id, kind, datasetId: DATASET })
    }
  })

  it('answers 404 for an unknown panel or dataset', async () => {
    const jane = await token()
    const panel = await call(sandbox, paths.panel('nope'), { token: jane })
    expect(panel.status).toBe(404)
    expect((await qrveyError(panel))[0]).toMatch(/^Unknown panel "nope" in dataset sales-orders of app 59VShVtjM; its panels are: total-revenue, /)
    const dataset = await call(sandbox, paths.panel('total-revenue', 'other-dataset'), { token: jane })
    expect(dataset.status).toBe(404)
    expect(await qrveyError(dataset)).toEqual(['Unknown dataset "other-dataset" in app 59VShVtjM; its datasets are: sales-orders'])
  })
})

describe('data routes: dashboards saved by Page Builder', () => {
  const original = DEMO_APPS[APP].dashboards.find((dashboard) => dashboard.id === 'products')!
  const edited: Dashboard = { ...structuredClone(original), name: 'My products', panels: original.panels.slice(0, 2) }

  it('keeps an edit per clientid: the same clientid sees it, others do not', async () => {
    const alice = await token({ clientid: 'alice' })
    const put = await call(sandbox, paths.dashboard('products'), { method: 'PUT', token: alice, body: edited })
    expect(put.status).toBe(200)
    expect(await put.json()).toEqual(edited)

    const again = await call(sandbox, paths.dashboard('products'), { token: await token({ clientid: 'alice' }) })
    expect(await again.json()).toEqual(edited)
    const app = (await (await call(sandbox, paths.app(), { token: alice })).json()) as SandboxApp
    expect(app.dashboards).toContainEqual({ id: 'products', name: 'My products' })

    for (const other of [await token({ clientid: 'bob' }), await token()]) {
      const response = await call(sandbox, paths.dashboard('products'), { token: other })
      expect(await response.json()).toEqual(original)
    }
  })

  it('answers 400 naming the field for an invalid dashboard, and saves nothing', async () => {
    const carol = await token({ clientid: 'carol' })
    const bad = { ...edited, id: 'overview', panels: [{ ...edited.panels[0], measure: { column: 'region', aggregate: 'sum' } }] }
    const response = await call(sandbox, paths.dashboard('products'), { method: 'PUT', token: carol, body: bad })
    expect(response.status).toBe(400)
    expect(await qrveyError(response)).toEqual([
      'id: id must be "products", the dashboard in the URL',
      'panels[0].measure.aggregate: sum needs a number column; "region" is text'
    ])
    expect(await (await call(sandbox, paths.dashboard('products'), { token: carol })).json()).toEqual(original)

    const notObject = await call(sandbox, paths.dashboard('products'), { method: 'PUT', token: carol, body: [edited] })
    expect(notObject.status).toBe(400)
    const extraKey = await call(sandbox, paths.dashboard('products'), { method: 'PUT', token: carol, body: { ...edited, theme: 'dark' } })
    expect(extraKey.status).toBe(400)
    expect((await qrveyError(extraKey))[0]).toMatch(/theme/)
  })

  it('answers 404 for a PUT to a dashboard the app does not have', async () => {
    const response = await call(sandbox, paths.dashboard('brand-new'), { method: 'PUT', token: await token(), body: { ...edited, id: 'brand-new' } })
    expect(response.status).toBe(404)
  })
})

describe('data routes: queries under record permissions', () => {
  const totals: QueryRequest = {
    measures: [
      { column: 'revenue', aggregate: 'sum' },
      { column: 'order_id', aggregate: 'count' }
    ]
  }
  const europe: DatasetPermission[] = [{ dataset_id: '*', record_permissions: [{ security_name: 'region', validation_type: 'EQUAL', values: ['Europe'] }] }]
  const enterpriseInAmericas: DatasetPermission[] = [
    {
      dataset_id: [DATASET],
      operator: 'AND',
      record_permissions: [
        { security_name: 'customer_segment', validation_type: 'EQUAL', values: ['Enterprise'] },
        { operator: 'OR', record_permissions: [{ security_name: 'region', validation_type: 'END_WITH', values: ['america'] }] }
      ]
    }
  ]

  async function query(request: QueryRequest, permissions?: DatasetPermission[]): Promise<QueryResult> {
    const response = await call(sandbox, paths.query(), { token: await token(permissions ? { version: '2', permissions } : {}), body: request })
    expect(response.status).toBe(200)
    return (await response.json()) as QueryResult
  }

  function expected(request: QueryRequest, permissions?: DatasetPermission[]) {
    return runQuery(visibleRows(demoDataset().rows, DATASET, permissions), request)
  }

  it('gives different totals for tokens with different permissions, each equal to the pure computation', async () => {
    const all = await query(totals)
    const eu = await query(totals, europe)
    const ent = await query(totals, enterpriseInAmericas)

    expect(all).toEqual({ ...expected(totals), permissionsApplied: false })
    expect(eu).toEqual({ ...expected(totals, europe), permissionsApplied: true })
    expect(ent).toEqual({ ...expected(totals, enterpriseInAmericas), permissionsApplied: true })

    expect(all.rows[0][1]).toBe(5000)
    const revenues = [all, eu, ent].map((result) => result.rows[0][0] as number)
    expect(new Set(revenues).size).toBe(3)
    expect(revenues[1]).toBeLessThan(revenues[0])
    expect(revenues[2]).toBeLessThan(revenues[0])
  })

  it('groups the visible rows only', async () => {
    const request: QueryRequest = { measures: [{ column: 'revenue', aggregate: 'sum' }], groupBy: ['region'] }
    const result = await query(request, europe)
    expect(result.rows.map((row) => row[0])).toEqual(['Europe'])
    expect(result).toEqual({ ...expected(request, europe), permissionsApplied: true })

    const byMonth: QueryRequest = { measures: [{ column: 'revenue', aggregate: 'sum' }], groupBy: ['month'] }
    const months = (await query(byMonth)).rows.map((row) => row[0])
    expect(months).toHaveLength(24)
    expect(months).toEqual([...months].sort())
  })

  it('returns raw rows with sort and limit', async () => {
    const request: QueryRequest = { columns: ['order_id', 'revenue'], sort: { column: 'revenue', direction: 'desc' }, limit: 5 }
    const result = await query(request, europe)
    expect(result.rows).toHaveLength(5)
    expect(result.totalRows).toBe(visibleRows(demoDataset().rows, DATASET, europe).length)
    expect(result).toEqual({ ...expected(request, europe), permissionsApplied: true })
  })

  it('answers 400 naming the field for an unknown column, and for a body that is not an object', async () => {
    const jane = await token()
    const unknown = await call(sandbox, paths.query(), { token: jane, body: { measures: [{ column: 'profit', aggregate: 'sum' }] } })
    expect(unknown.status).toBe(400)
    expect((await qrveyError(unknown))[0]).toMatch(/^measures\[0\]\.column: unknown column "profit"; the columns of sales-orders are: order_id, /)
    const list = await call(sandbox, paths.query(), { token: jane, body: [1] })
    expect(list.status).toBe(400)
    expect((await qrveyError(list))[0]).toMatch(/must be a JSON object/)
  })

  it('answers 403 naming an unknown security_name, showing no rows', async () => {
    const permissions: DatasetPermission[] = [{ dataset_id: '*', record_permissions: [{ security_name: 'tenant_id', validation_type: 'EQUAL', values: ['t1'] }] }]
    const response = await call(sandbox, paths.query(), { token: await token({ version: '2', permissions }), body: totals })
    expect(response.status).toBe(403)
    expect((await qrveyError(response))[0]).toMatch(/^permissions\[0\]\.record_permissions\[0\]: security_name "tenant_id" is not a security column of dataset "sales-orders"/)
  })
})

describe('data routes: CORS', () => {
  it.each(['PUT', 'POST', 'GET'])('allows a %s preflight with Authorization from any origin', async (method) => {
    const response = await fetch(`${sandbox.url}${method === 'POST' ? paths.query() : paths.dashboard('overview')}`, {
      method: 'OPTIONS',
      headers: { origin: 'https://customer.example.com', 'access-control-request-method': method, 'access-control-request-headers': 'authorization, content-type' },
      signal: AbortSignal.timeout(10_000)
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('access-control-allow-methods')).toContain(method)
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/)
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type']))
  })

  it('sends the CORS header on real answers, errors included', async () => {
    const ok = await call(sandbox, paths.app(), { token: await token(), headers: { origin: 'https://customer.example.com' } })
    expect(ok.headers.get('access-control-allow-origin')).toBe('*')
    const denied = await call(sandbox, paths.app(), { headers: { origin: 'https://customer.example.com' } })
    expect(denied.status).toBe(401)
    expect(denied.headers.get('access-control-allow-origin')).toBe('*')
  })
})
