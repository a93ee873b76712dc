/**
 * The host-backend list endpoints answer with x-api-key (QRVEY.md §1: "Host
 * backends also call the dev API with x-api-key (QDA): GET
 * /devapi/v3/user/{u}/app/{a}/builder/page/?limit=100 ... and
 * /devapi/v4/.../qollect/dataset/all"). Shapes are what QrveyDemoApp reads:
 * `response.Items`, `report.pageid`, `report.name`, `Items[0].datasetId`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_APPS, SALES_SECURITY_NAMES } from '../../../../src/sandbox/data'
import { startSandbox, type SandboxHandle } from '../../../../src/sandbox/server/server'
import { DEV_API_PATHS, type DevApiApp, type DevApiDataset, type DevApiList, type DevApiPage, type DevApiPanel } from '../../../../src/shared/sandbox-api'
import { call, qrveyError } from './sandbox-client'

let sandbox: SandboxHandle
const key = () => ({ 'x-api-key': sandbox.apiKey })

beforeAll(async () => {
  sandbox = await startSandbox({ apiKey: 'dev-api-key' })
})

afterAll(async () => {
  await sandbox?.close()
})

async function list<T>(path: string, body?: unknown): Promise<DevApiList<T>> {
  const response = await call(sandbox, path, { headers: key(), body, method: body === undefined ? 'GET' : 'POST' })
  expect(response.status, await response.clone().text()).toBe(200)
  const parsed = (await response.json()) as DevApiList<T>
  expect(parsed.Count).toBe(parsed.Items.length)
  return parsed
}

describe('dev API lists', () => {
  it('refuses a missing or wrong x-api-key on every list', async () => {
    for (const path of [DEV_API_PATHS.apps('u'), DEV_API_PATHS.pages('u', '59VShVtjM'), DEV_API_PATHS.datasets('u', '59VShVtjM'), DEV_API_PATHS.panels('u', '59VShVtjM', 'sales-orders')]) {
      expect((await call(sandbox, path)).status, path).toBe(401)
      expect((await call(sandbox, path, { headers: { 'x-api-key': 'wrong' } })).status, path).toBe(401)
    }
  })

  it('lists pages as QrveyDemoApp calls it: GET /devapi/v3/user/{u}/app/{a}/builder/page/?limit=100', async () => {
    const pages = await list<DevApiPage>(`${DEV_API_PATHS.pages('any-user', '59VShVtjM')}?limit=100`)
    expect(pages.Items.map((page) => [page.pageid, page.name])).toEqual([
      ['overview', 'Overview'],
      ['products', 'Products']
    ])
    expect((await list<DevApiPage>(`${DEV_API_PATHS.pages('u', '59VShVtjM')}?limit=1`)).Items).toHaveLength(1)
    const bad = await call(sandbox, `${DEV_API_PATHS.pages('u', '59VShVtjM')}?limit=0`, { headers: key() })
    expect(bad.status).toBe(400)
    const unknown = await call(sandbox, DEV_API_PATHS.pages('u', 'nope'), { headers: key() })
    expect(unknown.status).toBe(404)
    expect((await qrveyError(unknown))[0]).toMatch(/^Unknown app "nope"; the sandbox's demo apps are: 59VShVtjM \(Sales Analytics\)/)
  })

  it('lists datasets with their security names and values, and QrveyDemoApp\'s POST search finds one by name', async () => {
    const all = await list<DevApiDataset>(DEV_API_PATHS.datasets('u', '59VShVtjM'))
    expect(all.Items.map((item) => item.datasetId)).toEqual(['sales-orders', 'sales-targets'])
    const sales = all.Items[0]
    expect(sales.securityColumns.map((column) => column.security_name)).toEqual(['order_date', ...SALES_SECURITY_NAMES.filter((name) => name !== 'order_date')])
    expect(sales.securityColumns.find((column) => column.security_name === 'region')?.values).toEqual(['Asia Pacific', 'Europe', 'Latin America', 'North America'])
    expect(sales.securityColumns.find((column) => column.security_name === 'order_date')?.values).toEqual(['2024-01-01', '2025-12-31'])
    expect(sales.columns.find((column) => column.id === 'unit_price')?.accessRoles).toEqual(['Finance'])
    expect(all.Items[1].securityColumns).toEqual([])
    const found = await list<DevApiDataset>(DEV_API_PATHS.datasets('u', '59VShVtjM'), { limit: 1, filters: [{ filterType: 'CONTAINS', column: 'search', value: 'targets' }], warning: false })
    expect(found.Items.map((item) => item.datasetId)).toEqual(['sales-targets'])
    const one = await call(sandbox, DEV_API_PATHS.dataset('u', '59VShVtjM', 'sales-orders'), { headers: key() })
    expect(((await one.json()) as DevApiDataset).rowCount).toBe(5000)
  })

  it('lists apps (POST /devapi/v4/user/{userid}/app/all, as Qrvey\'s API tutorial) and panels by type', async () => {
    const apps = await list<DevApiApp>(DEV_API_PATHS.apps('u'), {})
    expect(apps.Items.map((app) => app.appid)).toEqual(Object.keys(DEMO_APPS))
    const metrics = await list<DevApiPanel>(`${DEV_API_PATHS.panels('u', '59VShVtjM', 'sales-orders')}?type=METRIC`)
    expect(metrics.Items.map((panel) => panel.id)).toEqual(['total-revenue', 'order-count', 'units-sold', 'avg-order-value'])
    expect(metrics.Items.every((panel) => panel.idKey === 'metricId')).toBe(true)
    const summaries = await list<DevApiPanel>(`${DEV_API_PATHS.panels('u', '59VShVtjM', 'sales-orders')}?type=summary`)
    expect(summaries.Items.map((panel) => panel.id)).toEqual(['revenue-by-product', 'revenue-by-country'])
  })
})
