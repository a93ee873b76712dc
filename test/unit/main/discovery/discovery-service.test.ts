/**
 * Issue 11, point 1: the pickers' lists from main. The sandbox's come from
 * its own data (every app, dashboard, dataset with security names and the
 * values that exist, panel by type); a real instance's through the
 * documented dev API with the key held in main; a refusal leaves free text
 * and says why.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createHttpClient } from '../../../../src/main/http/http-client'
import { DiscoveryService } from '../../../../src/main/discovery/discovery-service'
import { SandboxDiscovery } from '../../../../src/main/discovery/sandbox-discovery'
import { ok } from '../../../../src/shared/result'
import { DEMO_APPS, demoDataset } from '../../../../src/sandbox/data'
import { respond, startServer, type RunningServer } from '../../../support/failure-servers'

const KEY = 'SENTINEL-discovery-key-5521'
const servers: RunningServer[] = []
afterEach(async () => Promise.all(servers.splice(0).map((s) => s.close())))

function service(domain: string, apiKey: string | undefined = KEY) {
  return new DiscoveryService({
    targets: { resolveTarget: () => ok({ domain, apiKey, timeoutMs: 2_000, name: 'Acme staging' }) },
    http: createHttpClient(),
    sandbox: { origin: 'http://127.0.0.1:1', source: new SandboxDiscovery() }
  })
}

describe('discovery from the offline sandbox', () => {
  const sandbox = service('http://127.0.0.1:1')

  it('lists every demo app, and the dashboards of one', async () => {
    const apps = await sandbox.list({ environmentId: 'sandbox', kind: 'apps' })
    expect(apps.ok && apps.value.items.map((i) => i.id)).toEqual(Object.keys(DEMO_APPS))
    const pages = await sandbox.list({ environmentId: 'sandbox', kind: 'pages', appid: '59VShVtjM' })
    expect(pages.ok && pages.value.items.map((i) => i.id)).toEqual(DEMO_APPS['59VShVtjM'].dashboards.map((d) => d.id))
  })

  it('lists datasets with their security names and only values that exist in the rows', async () => {
    const datasets = await sandbox.list({ environmentId: 'sandbox', kind: 'datasets', appid: '59VShVtjM' })
    if (!datasets.ok) throw new Error('refused')
    const region = datasets.value.items[0].securityNames?.find((s) => s.name === 'region')
    const rows = demoDataset().rows
    expect(region?.values.length).toBeGreaterThan(1)
    for (const value of region!.values) expect(rows.some((r) => r.region === value)).toBe(true)
    expect(region?.values).not.toContain('North')
  })

  it('groups panels as Single Panel types them: CHART, METRIC, SUMMARY', async () => {
    const panels = await sandbox.list({ environmentId: 'sandbox', kind: 'panels', appid: '59VShVtjM', datasetId: 'sales-orders' })
    if (!panels.ok) throw new Error('refused')
    const group = (id: string) => panels.value.items.find((p) => p.id === id)?.group
    expect([group('revenue-by-region'), group('total-revenue'), group('revenue-by-product')]).toEqual(['CHART', 'METRIC', 'SUMMARY'])
  })

  it('says why for an app it does not have', async () => {
    const pages = await sandbox.list({ environmentId: 'sandbox', kind: 'pages', appid: 'nope' })
    expect(pages.ok && pages.value.refused).toContain('no app "nope"')
  })
})

describe('discovery through a dev API', () => {
  it('lists apps and pages with x-api-key from main, reading Items', async () => {
    const seen: Array<{ method?: string; url?: string; key?: string }> = []
    const server = await startServer((req, res) => {
      seen.push({ method: req.method, url: req.url, key: req.headers['x-api-key'] as string })
      res.writeHead(200, { 'content-type': 'application/json' })
      if (req.url?.endsWith('/app/all')) res.end(JSON.stringify({ Items: [{ appid: 'A1', name: 'Finance' }], Count: 1 }))
      else res.end(JSON.stringify({ Items: [{ pageid: 'P1', name: 'Summary' }], Count: 1 }))
    })
    servers.push(server)
    const apps = await service(server.url).list({ environmentId: 'acme', kind: 'apps', userid: 'u 1' })
    expect(apps.ok && apps.value.items).toEqual([{ id: 'A1', label: 'Finance' }])
    const pages = await service(server.url).list({ environmentId: 'acme', kind: 'pages', userid: 'u1', appid: 'A1' })
    expect(pages.ok && pages.value.items).toEqual([{ id: 'P1', label: 'Summary' }])
    expect(seen[0]).toEqual({ method: 'POST', url: '/devapi/v4/user/u%201/app/all', key: KEY })
    expect(seen[1]).toEqual({ method: 'GET', url: '/devapi/v3/user/u1/app/A1/builder/page/?limit=100', key: KEY })
  })

  it('a refusal leaves free text and says what the instance answered, without the key', async () => {
    const server = await startServer(respond(403, `{"message":"Forbidden for ${KEY}"}`))
    servers.push(server)
    const apps = await service(server.url).list({ environmentId: 'acme', kind: 'apps', userid: 'u1' })
    expect(apps.ok).toBe(true)
    if (!apps.ok) return
    expect(apps.value.items).toEqual([])
    expect(apps.value.refused).toContain('HTTP 403')
    expect(apps.value.refused).not.toContain(KEY)
  })

  it('a label holding the key in three layers of escapes is scrubbed in the parsed list (found in review)', async () => {
    // The raw text was scrubbed: its JSON escapes made the three layers four, beyond what the views undo.
    const u = (t: string) => [...t].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')
    const pct = (t: string) => [...Buffer.from(t, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')
    const server = await startServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ Items: [{ appid: 'A1', name: u(pct(pct(String(req.headers['x-api-key'])))) }], Count: 1 }))
    })
    servers.push(server)
    const apps = await service(server.url).list({ environmentId: 'acme', kind: 'apps', userid: 'u1' })
    expect(apps.ok).toBe(true)
    if (!apps.ok) return
    const label = apps.value.items[0].label
    expect(label).toContain('[redacted')
    expect(decodeURIComponent(decodeURIComponent(JSON.parse(`"${label}"`)))).not.toContain(KEY)
  })

  it('needs a userid, and a key', async () => {
    const noUser = await service('https://acme.example').list({ environmentId: 'acme', kind: 'apps' })
    expect(noUser.ok && noUser.value.refused).toContain('userid')
    const noKey = await service('https://acme.example', '').list({ environmentId: 'acme', kind: 'apps', userid: 'u' })
    expect(noKey.ok && noKey.value.refused).toContain('no API key')
  })
})
