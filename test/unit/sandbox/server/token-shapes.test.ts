/**
 * The token route accepts every body shape Qrvey's docs and samples send
 * (QRVEY.md §1), and warns, in the x-qrvey-sandbox-warning header, where the
 * docs are silent. Each case names the doc or sample it comes from.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SANDBOX_SECURITY_EXAMPLE_NAMES } from './security-fixtures'
import { startSandbox, type SandboxHandle } from '../../../../src/sandbox/server/server'
import { SANDBOX_WARNING_HEADER } from '../../../../src/shared/sandbox-api'
import type { QrveyTokenBody } from '../../../../src/shared/token-request'
import { qrveyError, tokenViaRoute } from './sandbox-client'

let sandbox: SandboxHandle

beforeAll(async () => {
  sandbox = await startSandbox({ apiKey: 'token-shapes-key' })
})

afterAll(async () => {
  await sandbox?.close()
})

async function issue(body: Record<string, unknown>): Promise<{ status: number; warnings: string[]; claims?: Record<string, unknown> }> {
  const response = await tokenViaRoute(sandbox, body)
  const warnings = JSON.parse(response.headers.get(SANDBOX_WARNING_HEADER) ?? '[]') as string[]
  if (response.status !== 200) return { status: response.status, warnings }
  const { token } = (await response.json()) as { token: string }
  const verified = await sandbox.issuer.verify(token)
  return { status: response.status, warnings, claims: verified.ok ? (verified.claims as Record<string, unknown>) : undefined }
}

const grantAll = SANDBOX_SECURITY_EXAMPLE_NAMES.map((security_name) => ({ security_name, values: ['*'] }))

describe('bodies from Qrvey\'s docs and samples are accepted', () => {
  it.each<[string, Record<string, unknown>]>([
    ['validation_type omitted ("Default: EQUAL"; QrveyDemoApp\'s RLS body)', { userid: 'u', appid: '59VShVtjM', expiresIn: '1h', version: '2', permissions: [{ dataset_id: 'sales-orders', record_permissions: grantAll }] }],
    ['version 2 as a number (the schema table types it Number)', { userid: 'u', appid: '59VShVtjM', expiresIn: '1h', version: 2, permissions: [{ dataset_id: 'sales-orders', record_permissions: grantAll }] }],
    ['NOT_RANGE with an object', { userid: 'u', appid: 'a', expiresIn: '1h', version: '2', permissions: [{ dataset_id: 'x', record_permissions: [{ security_name: 'n', validation_type: 'NOT_RANGE', values: [{ gte: 1, lte: 2 }] }] }] }],
    ['DATE with group_value', { userid: 'u', appid: 'a', expiresIn: '1h', version: '2', permissions: [{ dataset_id: 'x', record_permissions: [{ security_name: 'd', validation_type: 'DATE', group_value: 'month', values: ['Jun 2020'] }] }] }],
    ['clientid null (QrveyDemoApp\'s builder token, with asset_permissions {})', { userid: 'u', appid: 'a', expiresIn: '1h', clientid: null, pageid: 'overview', asset_permissions: {}, styles: { main_color: '#123456' } }],
    ['no appid (widget-demo-server\'s Analytic Suite body)', { userid: 'u', clientid: 'c', qrveyid: 'sales-orders' }],
    ['no userid (a v9 page marks it not required)', { appid: '59VShVtjM', expiresIn: '10m' }],
    ['the docs\' RLS example: RANGE {gte: "Jun 2020", lte: "Dec 2020"} by month, nested OR, RANGE {gte: 1e6}', {
      version: '2', userid: 'userId', appid: 'appId', expiresIn: '1h',
      permissions: [{ dataset_id: 'datasetId', operator: 'AND', record_permissions: [
        { security_name: 'MyDateSecurityName', validation_type: 'RANGE', group_value: 'month', values: [{ gte: 'Jun 2020', lte: 'Dec 2020' }] },
        { operator: 'OR', record_permissions: [
          { security_name: 'MyCountrySecurityName', validation_type: 'CONTAIN', values: ['ina', 'col'] },
          { security_name: 'MyNumericSecurityName', validation_type: 'RANGE', values: [{ gte: 1e6 }] }
        ] }
      ] }]
    }]
  ])('%s', async (_name, body) => {
    const result = await issue(body)
    expect(result.status).toBe(200)
    expect(result.claims).toBeDefined()
  })

  it('still refuses what no doc shows: a validation_type outside the list, a values that is not a list', async () => {
    for (const rule of [{ security_name: 'r', validation_type: 'EQUALS', values: ['x'] }, { security_name: 'r', values: 'x' }]) {
      // Deliberately invalid: cast past the type that would refuse it.
      const response = await tokenViaRoute(sandbox, { userid: 'u', appid: 'a', permissions: [{ dataset_id: '*', record_permissions: [rule] }] } as unknown as QrveyTokenBody)
      expect(response.status).toBe(400)
      expect((await qrveyError(response))[0]).toMatch(/^permissions\[0\]\.record_permissions\[0\]/)
    }
  })
})

describe('where the docs are silent, the answer warns', () => {
  it('says the lifetime it chose when expiresIn is missing ("Default and maximum are not documented")', async () => {
    const { warnings } = await issue({ userid: 'u', appid: '59VShVtjM' })
    expect(warnings).toEqual(['expiresIn is missing and Qrvey does not document a default lifetime; the sandbox\'s token lives 1 hour.'])
  })

  it('says it capped an expiresIn beyond its maximum', async () => {
    const result = await issue({ userid: 'u', appid: '59VShVtjM', expiresIn: '30d' })
    expect(result.warnings).toEqual(['expiresIn "30d" is longer than the sandbox allows and Qrvey does not document a maximum; the sandbox\'s token lives 1 week.'])
    expect(Number(result.claims?.exp) - Number(result.claims?.iat)).toBe(7 * 24 * 3600)
  })

  it('warns about a missing userid and a missing appid, naming the app it falls back to', async () => {
    const noUser = await issue({ appid: '59VShVtjM', expiresIn: '1h' })
    expect(noUser.warnings).toEqual([expect.stringMatching(/^userid is missing\. Qrvey's 8\.x docs mark it required, one v9 page does not/)])
    const noApp = await issue({ userid: 'u', qrveyid: 'sales-orders', expiresIn: '1h' })
    expect(noApp.warnings).toEqual([expect.stringMatching(/^appid is missing \(as in widget-demo-server's Analytic Suite body\).*else 59VShVtjM, the app of qrveyid sales-orders\.$/)])
  })

  it('warns when permissions come without version, about undocumented value shapes, and about security columns left out', async () => {
    const { warnings } = await issue({
      userid: 'u',
      appid: '59VShVtjM',
      expiresIn: '1h',
      permissions: [{ dataset_id: 'sales-orders', record_permissions: [{ security_name: 'region', values: ['Europe'] }, { security_name: 'order_date', validation_type: 'BETWEEN', values: ['2024-01-01', '2024-06-30'] }] }]
    })
    expect(warnings).toEqual([
      'version is missing; the docs\' Security Token Schema marks it required ("The current version is 2"). The sandbox read the permissions as version 2.',
      'Qrvey does not document the values of BETWEEN; the sandbox reads range objects {"gte", "lte"} or a [low, high] pair, both ends included.',
      'Dataset sales-orders is secured by order_date, region, country, category and customer_segment; the token grants nothing for country, category and customer_segment, so it will show no rows of it.'
    ])
  })

  it('warns about asset_permissions shapes the docs do not cover, and not about QrveyDemoApp\'s empty object', async () => {
    const { warnings } = await issue({ userid: 'u', appid: '59VShVtjM', expiresIn: '1h', asset_permissions: { pages: { page_ids: [] }, reports: { report_ids: ['r'] }, charts: {} } })
    expect(warnings).toEqual([
      'asset_permissions.pages.page_ids is empty; Qrvey does not say what an empty list means, the sandbox shows no pages.',
      'asset_permissions.reports is not an asset type Qrvey documents (pages, charts, metrics, summaries, datasets); the sandbox ignores it.',
      'asset_permissions.charts has no chart_ids list; the sandbox does not restrict charts.'
    ])
    expect((await issue({ userid: 'u', appid: '59VShVtjM', expiresIn: '1h', asset_permissions: {} })).warnings).toEqual([])
  })

  it('says nothing for a complete, documented body', async () => {
    const { warnings } = await issue({ userid: 'u', appid: '59VShVtjM', expiresIn: '1h', version: '2', permissions: [{ dataset_id: 'sales-orders', record_permissions: grantAll }] })
    expect(warnings).toEqual([])
  })

  it('exposes the header to browser hosts (CORS)', async () => {
    const response = await fetch(`${sandbox.url}/devapi/v4/core/login/token`, {
      method: 'POST',
      headers: { 'x-api-key': sandbox.apiKey, 'content-type': 'application/json', origin: 'https://host.example.com' },
      body: JSON.stringify({ userid: 'u', appid: 'a' })
    })
    expect((response.headers.get('access-control-expose-headers') ?? '').toLowerCase()).toContain(SANDBOX_WARNING_HEADER)
  })
})
