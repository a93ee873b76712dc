/**
 * What a browser may keep from the sandbox (issue 15): the answer to a CORS
 * preflight, for PREFLIGHT_MAX_AGE_SECONDS (it is the same for every caller and
 * never depends on a key, token or mode); never a token or a data answer,
 * which are `no-store`, so a changed key, token, permission or rehearsal mode
 * shows on the very next request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PREFLIGHT_MAX_AGE_SECONDS, startSandbox, type SandboxHandle } from '../../../../src/sandbox/server/server'
import { SANDBOX_PATHS } from '../../../../src/shared/sandbox-api'

let sandbox: SandboxHandle
beforeAll(async () => {
  sandbox = await startSandbox({ apiKey: 'preflight-key' })
})
afterAll(async () => {
  await sandbox?.close()
})

const origin = 'http://127.0.0.1:5999'
const tokenUrl = () => `${sandbox.url}/devapi/v4/core/login/token`

async function token(body: Record<string, unknown>): Promise<Response> {
  return fetch(tokenUrl(), { method: 'POST', headers: { origin, 'x-api-key': 'preflight-key', 'content-type': 'application/json' }, body: JSON.stringify(body) })
}

describe('what browsers may cache', () => {
  it('a preflight may be reused for a while, and says what it allows', async () => {
    const query = `${sandbox.url}${SANDBOX_PATHS.query('u', '59VShVtjM', 'sales-orders')}`
    for (const url of [tokenUrl(), query]) {
      const response = await fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } })
      expect(response.status).toBe(204)
      expect(response.headers.get('access-control-max-age')).toBe(String(PREFLIGHT_MAX_AGE_SECONDS))
      expect(response.headers.get('access-control-allow-headers')).toContain('authorization')
    }
    expect(PREFLIGHT_MAX_AGE_SECONDS).toBeLessThanOrEqual(7200)
  })

  it('tokens and errors are never stored, and carry no validator a cache could reuse them by', async () => {
    const ok = await token({ userid: 'u', appid: '59VShVtjM', expiresIn: '5m' })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('cache-control')).toBe('no-store')
    expect(ok.headers.get('etag')).toBeNull()
    expect(ok.headers.get('last-modified')).toBeNull()
    const refused = await fetch(tokenUrl(), { method: 'POST', headers: { origin, 'x-api-key': 'wrong', 'content-type': 'application/json' }, body: '{}' })
    expect(refused.status).toBe(401)
    expect(refused.headers.get('cache-control')).toBe('no-store')
  })

  it('data answers are never stored: a token with other permissions sees other rows on the next request', async () => {
    const body = { columns: ['region'], limit: 5 }
    const rows = async (permissions: unknown) => {
      const t = (await (await token({ userid: 'u', appid: '59VShVtjM', expiresIn: '5m', permissions })).json()) as { token: string }
      const response = await fetch(`${sandbox.url}${SANDBOX_PATHS.query('u', '59VShVtjM', 'sales-orders')}`, {
        method: 'POST',
        headers: { origin, authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body)
      })
      expect(response.status).toBe(200)
      expect(response.headers.get('cache-control')).toBe('no-store')
      expect(response.headers.get('etag')).toBeNull()
      return ((await response.json()) as { totalRows: number }).totalRows
    }
    const all = ['order_date', 'region', 'country', 'category', 'customer_segment'].map((security_name) => ({ security_name, values: ['*'] }))
    expect(await rows([{ dataset_id: 'sales-orders', record_permissions: all }])).toBeGreaterThan(0)
    // The same URL and body, another token: none of the rows (a missing security column restricts, QRVEY.md §1).
    expect(await rows([{ dataset_id: 'sales-orders', record_permissions: [{ security_name: 'region', values: ['North'] }] }])).toBe(0)
  })
})
