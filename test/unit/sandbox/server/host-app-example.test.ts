import { afterEach, describe, expect, it } from 'vitest'
import { SANDBOX_PATHS } from '../../../../src/shared/sandbox-api'
import { firstLines, killSpawned, spawnCli, spawnProcess, WAIT_MS } from './processes'

const KEY = 'host-example-key-0123'

afterEach(killSpawned)

async function startBoth(): Promise<{ sandboxUrl: string; hostUrl: string }> {
  const sandbox = spawnCli(['--port', '0', '--api-key', KEY])
  const [listening] = await firstLines(sandbox, 2)
  const sandboxUrl = listening.replace('Qrvey sandbox listening on ', '')
  const host = spawnProcess(process.execPath, ['examples/host-app/server.mjs'], { ...process.env, QRVEY_DOMAIN: sandboxUrl, QRVEY_API_KEY: KEY, PORT: '0' })
  const [hostLine] = await firstLines(host, 1)
  expect(hostLine).toMatch(/^Host app listening on http:\/\/127\.0\.0\.1:\d+$/)
  return { sandboxUrl, hostUrl: hostLine.replace('Host app listening on ', '') }
}

describe('examples/host-app against the sandbox CLI', () => {
  it('serves a page that loads the launcher from the Qrvey domain and never contains the key', async () => {
    const { sandboxUrl, hostUrl } = await startBoth()
    const response = await fetch(`${hostUrl}/`, { signal: AbortSignal.timeout(WAIT_MS) })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await response.text()
    expect(html).toContain(`<script src="${sandboxUrl}/widgets-launcher/app.js"></script>`)
    expect(html).toContain("document.createElement('qrvey-end-user')")
    expect(html).toContain("setAttribute('settings', 'qrveyConfig')")
    expect(html).toContain('qvTokenExpired')
    expect(html).not.toContain(KEY)
  }, 40_000)

  it('hands out tokens from its backend that the sandbox data API accepts', async () => {
    const { sandboxUrl, hostUrl } = await startBoth()
    const response = await fetch(`${hostUrl}/api/token`, { method: 'POST', signal: AbortSignal.timeout(WAIT_MS) })
    expect(response.status).toBe(200)
    const text = await response.text()
    expect(text).not.toContain(KEY)
    const { token } = JSON.parse(text) as { token: string }
    expect(token.split('.')).toHaveLength(5)

    const app = await fetch(`${sandboxUrl}${SANDBOX_PATHS.app('demo-user', '59VShVtjM')}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(WAIT_MS)
    })
    expect(app.status).toBe(200)
    expect(await app.json()).toMatchObject({ appId: '59VShVtjM', name: 'Sales Analytics' })
    // Its token names every security column of the secured sales orders, so it sees all 5,000 rows.
    const orders = await fetch(`${sandboxUrl}${SANDBOX_PATHS.query('demo-user', '59VShVtjM', 'sales-orders')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ measures: [{ column: 'order_id', aggregate: 'count' }] }),
      signal: AbortSignal.timeout(WAIT_MS)
    })
    expect(((await orders.json()) as { rows: unknown[][] }).rows).toEqual([[5000]])

    expect((await fetch(`${hostUrl}/api/token`, { signal: AbortSignal.timeout(WAIT_MS) })).status).toBe(405)
  }, 40_000)

  it('explains a refused key without revealing it', async () => {
    const sandbox = spawnCli(['--port', '0', '--api-key', KEY])
    const [listening] = await firstLines(sandbox, 2)
    const host = spawnProcess(process.execPath, ['examples/host-app/server.mjs'], {
      ...process.env,
      QRVEY_DOMAIN: listening.replace('Qrvey sandbox listening on ', ''),
      QRVEY_API_KEY: 'wrong-key-9876',
      PORT: '0'
    })
    const [hostLine] = await firstLines(host, 1)
    const response = await fetch(`${hostLine.replace('Host app listening on ', '')}/api/token`, { method: 'POST', signal: AbortSignal.timeout(WAIT_MS) })
    expect(response.status).toBe(502)
    const text = await response.text()
    expect(JSON.parse(text)).toEqual({ error: 'Qrvey answered 401: Invalid API key' })
    expect(text).not.toContain('wrong-key-9876')
  }, 40_000)
})
