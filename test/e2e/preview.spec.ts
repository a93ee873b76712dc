/**
 * Issue 3, the live preview, in Chromium against the real handlers, the real
 * sandbox (token endpoint, widget launchers, data API) and the real preview
 * server: the widget runs on its own origin, reports to the event log, stays
 * isolated from the workbench and its key, explains broken launchers, and
 * renews expired tokens (or says why not).
 */
import { createHash } from 'node:crypto'
import type { Frame, Page, Request } from '@playwright/test'
import type { Harness } from '../support/harness'
import { expect, test } from './fixtures'
import { closedPortUrl, startServer, type RunningServer } from '../support/failure-servers'

const SANDBOX_USER = { userid: 'e2e-user', appid: '59VShVtjM' }

const entry = (page: Page, kind: string, name: string) => page.locator(`[data-testid="event-log-entry"][data-kind="${kind}"][data-name="${name}"]`)

async function generate(page: Page, user = SANDBOX_USER): Promise<string> {
  await page.getByTestId('input-userid').fill(user.userid)
  await page.getByTestId('input-appid').fill(user.appid)
  await page.getByTestId('generate-button').click()
  await expect(page.getByTestId('token-output')).toHaveText(/^eyJ/, { timeout: 15_000 })
  return (await page.getByTestId('token-output').textContent()) ?? ''
}

/** Presses Preview and returns the preview's frame once its page is there. */
async function startPreview(page: Page, harness: Harness, options: { expired?: boolean } = {}): Promise<Frame> {
  await page.getByTestId('preview-button').click()
  // Issue 11: a token known to be expired warns first; these tests preview it anyway.
  if (options.expired) await page.getByTestId('preview-anyway').click()
  const iframe = page.getByTestId('preview-frame')
  await expect(iframe).toBeVisible()
  const url = (await iframe.getAttribute('src')) ?? ''
  expect(url.startsWith(`${harness.app.previewServer.origin}/preview/`)).toBe(true)
  let frame: Frame | undefined
  await expect.poll(() => (frame = page.frames().find((f) => f.url() === url)), { timeout: 15_000 }).toBeTruthy()
  return frame as Frame
}

async function setSandboxModes(page: Page, modes: { ttl?: string; skew?: string }) {
  if (modes.ttl !== undefined) await page.getByTestId('sandbox-token-ttl').fill(modes.ttl)
  if (modes.skew !== undefined) await page.getByTestId('sandbox-clock-skew').fill(modes.skew)
  await page.getByTestId('sandbox-apply').click()
  await expect(page.getByTestId('sandbox-saved')).toBeVisible()
}

/**
 * A token only expires in a widget's eyes when it next calls the API. Like a
 * host page applying its own filters, this dispatches atApplyUserFilters
 * (which reloads the widget's data) in the preview until the widget reports
 * qvTokenExpired. (It used qvDSHRestoreDashboard without a version until
 * issue 8; Qrvey's docs make that event "unable" without {version}.)
 */
async function waitForExpiry(page: Page, frame: Frame) {
  await expect
    .poll(
      async () => {
        await frame.evaluate(() => window.dispatchEvent(new CustomEvent('atApplyUserFilters', { detail: { filters: [] } }))).catch(() => {})
        return entry(page, 'event', 'qvTokenExpired').count()
      },
      { timeout: 30_000, intervals: [1_000] }
    )
    .toBeGreaterThan(0)
}

/**
 * A stand-in for a customer's Qrvey domain: answers the token endpoint with
 * a token, and serves the launcher however the test says.
 */
async function fakeQrvey(launcher: { status: number; body: string }): Promise<RunningServer> {
  return startServer((req, res) => {
    if (req.method === 'POST' && req.url === '/devapi/v4/core/login/token') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ token: 'eyJraWQiOiJmYWtlIiwiYWxnIjoiZGlyIiwiZW5jIjoiQTI1NkdDTSJ9..aXY.Y2lwaGVy.dGFn' }))
    } else if (req.url === '/widgets-launcher/app.js' && launcher.status === 200) {
      res.writeHead(200, { 'content-type': 'application/javascript' })
      res.end(launcher.body)
    } else {
      res.writeHead(launcher.status === 200 ? 404 : launcher.status, { 'content-type': 'text/plain' })
      res.end(launcher.body)
    }
  })
}

async function addEnvironment(page: Page, env: { name: string; domain: string; apiKey: string }) {
  await page.getByTestId('env-add').click()
  await page.getByTestId('env-form-name').fill(env.name)
  await page.getByTestId('env-form-domain').fill(env.domain)
  await page.getByTestId('env-form-key').fill(env.apiKey)
  await page.getByTestId('env-form-submit').click()
  await expect(page.getByTestId('environment-item').filter({ hasText: env.name })).toHaveAttribute('aria-current', 'true')
}

test('starts the preview: the widget mounts and the log shows mounted and qvDSHPageLoaded', async ({ page, harness }, testInfo) => {
  await generate(page)
  await startPreview(page, harness)
  const iframe = page.getByTestId('preview-frame')
  await expect(iframe).toHaveAttribute('sandbox', 'allow-scripts allow-same-origin allow-downloads allow-forms allow-popups')
  await expect(iframe).toHaveAttribute('referrerpolicy', 'no-referrer')
  await expect(iframe).toHaveAttribute('title', 'Preview of Page View (Offline sandbox)')
  await expect(entry(page, 'workbench', 'preview-started')).toHaveCount(1)
  await expect(entry(page, 'lifecycle', 'mounted')).toHaveCount(1, { timeout: 15_000 })
  await expect(entry(page, 'event', 'qvDSHPageLoaded')).toHaveCount(1, { timeout: 15_000 })
  await expect(page.getByTestId('preview-status')).toHaveText('Running')
  await expect(page.getByTestId('preview-problem')).toHaveCount(0)
  // Timestamps as HH:MM:SS.mmm.
  await expect(entry(page, 'lifecycle', 'mounted').locator('time')).toHaveText(/^\d\d:\d\d:\d\d\.\d{3}$/)
  // The host page to copy is the preview without its reporter block, with the same configuration.
  await page.getByTestId('drawer-tab-host').click()
  const hostPage = (await page.getByTestId('preview-host-page').textContent()) ?? ''
  expect(hostPage).toContain('document.createElement("qrvey-end-user")')
  expect(hostPage).toContain(`${harness.app.sandbox.url}/widgets-launcher/app.js`)
  expect(hostPage).not.toContain('workbench-preview')
  await page.getByTestId('drawer-tab-log').click()
  await entry(page, 'event', 'qvDSHItemsLoaded').waitFor({ timeout: 15_000 }).catch(() => {})
  await page.screenshot({ path: testInfo.outputPath('preview-running.png') })
})

test('isolation: the preview frame has no bridge, no Node, and cannot reach the workbench', async ({ page, harness }) => {
  await generate(page)
  const frame = await startPreview(page, harness)
  await expect(entry(page, 'lifecycle', 'mounted')).toHaveCount(1, { timeout: 15_000 })
  const inside = await frame.evaluate(async () => {
    const g = window as unknown as Record<string, unknown>
    let parentDocument = 'readable'
    try {
      void window.parent.document.title
    } catch {
      parentDocument = 'blocked'
    }
    let parentBridge = 'readable'
    try {
      void (window.parent as unknown as Record<string, unknown>).workbench
    } catch {
      parentBridge = 'blocked'
    }
    const invoke = g.__workbenchInvoke
    const invoked = typeof invoke === 'function' ? await (invoke as (c: string, p: unknown) => Promise<unknown>)('app:info', undefined) : 'absent'
    return { workbench: typeof g.workbench, require: typeof g.require, process: typeof g.process, parentDocument, parentBridge, invoked }
  })
  expect(inside).toMatchObject({ workbench: 'undefined', require: 'undefined', process: 'undefined', parentDocument: 'blocked', parentBridge: 'blocked' })
  // The harness's raw binding may still exist in frames; if it does, main refuses the frame as a sender.
  if (inside.invoked !== 'absent') expect(inside.invoked).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
  expect(frame.url().startsWith(harness.app.previewServer.origin)).toBe(true)
  expect(new URL(frame.url()).origin).not.toBe(new URL(page.url()).origin)
})

test('the API key never reaches the preview: not in its DOM, storage, configuration or any request it makes', async ({ page, harness }) => {
  const apiKey = harness.app.sandbox.apiKey
  const keyHash = createHash('sha256').update(apiKey).digest('hex')
  const previewRequests: Request[] = []
  page.on('request', (request) => {
    if (!request.url().startsWith('http://workbench.test')) previewRequests.push(request)
  })
  const token = await generate(page)
  const frame = await startPreview(page, harness)
  await expect(entry(page, 'event', 'qvDSHPageLoaded')).toHaveCount(1, { timeout: 15_000 })

  const seen = await frame.evaluate(() => {
    const parts: string[] = [document.documentElement.outerHTML]
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) {
          parts.push(el.shadowRoot.innerHTML)
          walk(el.shadowRoot)
        }
      }
    }
    walk(document)
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i++) parts.push(`${storage.key(i)}=${storage.getItem(storage.key(i) ?? '')}`)
    }
    parts.push(document.cookie, JSON.stringify((window as unknown as { qrveyConfig?: unknown }).qrveyConfig))
    return parts.join('\n')
  })
  expect(seen).toContain(token) // the check sees what the page holds: the token is there...
  expect(seen).not.toContain(apiKey) // ...and the key is not
  expect(seen).not.toContain(keyHash)

  expect(previewRequests.length).toBeGreaterThan(2)
  const withToken: string[] = []
  for (const request of previewRequests) {
    const headers = await request.allHeaders()
    const text = [request.url(), JSON.stringify(headers), request.postData() ?? ''].join('\n')
    expect(text, `${request.method()} ${request.url()}`).not.toContain(apiKey)
    expect(Object.keys(headers).map((h) => h.toLowerCase())).not.toContain('x-api-key')
    if (headers.authorization === `Bearer ${token}`) withToken.push(request.url())
  }
  // The widget's API calls carry the token, and only the token.
  expect(withToken.length).toBeGreaterThan(0)
})

test('a wrong domain: the launcher cannot load, the pane says so in plain words and the log has it', async ({ page, harness }) => {
  const qrvey = await fakeQrvey({ status: 200, body: '' })
  try {
    await addEnvironment(page, { name: 'Acme staging', domain: qrvey.url, apiKey: 'acme-staging-key-0001' })
    await generate(page, { userid: 'u1', appid: 'a1' })
    // The environment now points where nothing answers (a typo in the port, a host that is down).
    const wrong = await closedPortUrl()
    await page.getByTestId('env-edit').click()
    await page.getByTestId('env-edit-form-domain').fill(wrong)
    await page.getByTestId('env-edit-form-submit').click()
    await expect(page.getByTestId('env-details-domain')).toHaveText(wrong)
    await startPreview(page, harness)
    const problem = page.getByTestId('preview-problem')
    await expect(problem).toHaveCount(1, { timeout: 15_000 })
    await expect(problem).toContainText('The widget script did not load')
    await expect(problem).toContainText(`${wrong}/widgets-launcher/app.js`)
    await expect(entry(page, 'script-error', 'script-load-failed')).toHaveCount(1)
    await expect(page.getByTestId('preview-status')).toHaveText('Failed')
  } finally {
    await qrvey.close()
  }
})

test('a launcher that answers 404: a problem banner and a log entry', async ({ page, harness }, testInfo) => {
  const qrvey = await fakeQrvey({ status: 404, body: 'Not Found' })
  try {
    await addEnvironment(page, { name: 'No widgets here', domain: qrvey.url, apiKey: 'no-widgets-key-0001' })
    await generate(page, { userid: 'u1', appid: 'a1' })
    await startPreview(page, harness)
    await expect(page.getByTestId('preview-problem')).toContainText('The widget script did not load', { timeout: 15_000 })
    await expect(page.getByTestId('preview-problem')).toContainText(`${qrvey.url}/widgets-launcher/app.js`)
    await expect(entry(page, 'script-error', 'script-load-failed')).toHaveCount(1)
    // The element that was never defined is logged, without a second banner.
    await expect(entry(page, 'script-error', 'element-undefined')).toHaveCount(1)
    await expect(page.getByTestId('preview-problem')).toHaveCount(1)
    expect(qrvey.requests.some((r) => r.url === '/widgets-launcher/app.js')).toBe(true)
    await page.screenshot({ path: testInfo.outputPath('preview-launcher-404.png') })
  } finally {
    await qrvey.close()
  }
})

test('a launcher that throws: a problem banner in plain words and a page-error log entry', async ({ page, harness }) => {
  const qrvey = await fakeQrvey({ status: 200, body: "throw new Error('launcher exploded: unsupported Qrvey version')\n" })
  try {
    await addEnvironment(page, { name: 'Old Qrvey', domain: qrvey.url, apiKey: 'old-qrvey-key-0001' })
    await generate(page, { userid: 'u1', appid: 'a1' })
    await startPreview(page, harness)
    // The launcher comes from another origin without CORS, as Qrvey's do: the browser mutes its error to "Script error.".
    const problem = page.getByTestId('preview-problem').filter({ hasText: 'threw an error' })
    await expect(problem).toContainText('A script from the Qrvey domain failed while loading', { timeout: 15_000 })
    await expect(entry(page, 'page-error', 'uncaught-error')).toHaveCount(1)
    await expect(entry(page, 'script-error', 'element-undefined')).toHaveCount(1)
    await expect(page.getByTestId('preview-problem')).toHaveCount(1)
  } finally {
    await qrvey.close()
  }
})

test('token expiry with auto-renew on: a new token from the same request, applied without reloading the page', async ({ page, harness }) => {
  await setSandboxModes(page, { ttl: '3' })
  await expect(page.getByTestId('sandbox-modes-badge')).toHaveText('Sandbox: tokens live 3 s')
  const first = await generate(page)
  const frame = await startPreview(page, harness)
  await expect(page.getByTestId('auto-renew')).toBeChecked()
  await expect(entry(page, 'lifecycle', 'mounted')).toHaveCount(1, { timeout: 15_000 })
  await frame.evaluate(() => ((window as unknown as { loadMarker: number }).loadMarker = 42))

  await waitForExpiry(page, frame)
  await expect(entry(page, 'workbench', 'renewal-requested').first()).toBeVisible()
  await expect(entry(page, 'workbench', 'renewal-sent').first()).toBeVisible({ timeout: 15_000 })
  await expect(entry(page, 'lifecycle', 'token-renewed').first()).toBeVisible({ timeout: 15_000 })

  // The result pane shows the new token, and the running page has it, without a reload.
  await page.getByTestId('tab-result').click()
  await expect(page.getByTestId('token-output')).not.toHaveText(first)
  const renewed = (await page.getByTestId('token-output').textContent()) ?? ''
  const inPage = await frame.evaluate(() => {
    const w = window as unknown as { loadMarker?: number; qrveyConfig: { qvToken?: string } }
    return { marker: w.loadMarker, token: w.qrveyConfig.qvToken }
  })
  expect(inPage.marker).toBe(42)
  expect(renewed).not.toBe(first)
  expect(inPage.token).toMatch(/^eyJ/)
  expect(inPage.token).not.toBe(first)
  const generateCalls = harness.ipc.filter((x) => x.channel === 'tokens:generate')
  expect(generateCalls.length).toBeGreaterThanOrEqual(2)
  // Renewal sends exactly the request that produced the first token.
  expect((generateCalls[1].payload as { body: unknown }).body).toEqual((generateCalls[0].payload as { body: unknown }).body)
  await page.getByTestId('tab-preview').click()
  await expect(page.getByTestId('preview-expired')).toHaveCount(0)
})

test('token expiry with auto-renew off: reported, not renewed; a new token is applied the Qrvey way', async ({ page, harness }, testInfo) => {
  await setSandboxModes(page, { ttl: '3' })
  // Auto-renew off before the preview: on a loaded machine a 3 s token can expire before a later click.
  await page.getByTestId('tab-preview').click()
  await page.getByTestId('auto-renew').uncheck()
  await page.getByTestId('tab-result').click()
  await generate(page)
  const frame = await startPreview(page, harness)
  await expect(entry(page, 'workbench', 'auto-renew')).toHaveCount(1)
  await expect(entry(page, 'lifecycle', 'mounted')).toHaveCount(1, { timeout: 15_000 })
  await frame.evaluate(() => ((window as unknown as { loadMarker: number }).loadMarker = 7))

  await waitForExpiry(page, frame)
  await expect(entry(page, 'workbench', 'token-expired').first()).toContainText('Token expired; auto-renew is off — generate a new token')
  await expect(page.getByTestId('preview-expired')).toContainText('auto-renew is off')
  await page.screenshot({ path: testInfo.outputPath('preview-expired.png') })
  expect(harness.ipc.filter((x) => x.channel === 'tokens:generate')).toHaveLength(1)
  await expect(entry(page, 'workbench', 'renewal-requested')).toHaveCount(0)

  // A new token: posted to the page, which re-creates the widget (no reload).
  await page.getByTestId('sandbox-reset').click()
  await page.getByTestId('preview-generate').click()
  await expect(entry(page, 'workbench', 'token-applied')).toHaveCount(1, { timeout: 15_000 })
  await expect(entry(page, 'lifecycle', 'token-renewed')).toHaveCount(1, { timeout: 15_000 })
  await expect(page.getByTestId('preview-expired')).toHaveCount(0)
  expect(await frame.evaluate(() => (window as unknown as { loadMarker?: number }).loadMarker)).toBe(7)
})

test('renewal loop guard: with every fresh token already expired (clock skew), auto-renew stops after 3 renewals and says why', async ({ page, harness }) => {
  await setSandboxModes(page, { skew: '-7200' })
  await expect(page.getByTestId('sandbox-modes-badge')).toHaveText('Sandbox: clock −2 h')
  await generate(page)
  await startPreview(page, harness, { expired: true })
  await expect(entry(page, 'workbench', 'renewal-stopped')).toHaveCount(1, { timeout: 30_000 })
  await expect(entry(page, 'workbench', 'renewal-stopped')).toContainText('Auto-renew stopped')
  await expect(entry(page, 'workbench', 'renewal-requested')).toHaveCount(3)
  await expect(page.getByTestId('preview-expired')).toContainText('Auto-renew stopped')
  expect(harness.ipc.filter((x) => x.channel === 'tokens:generate')).toHaveLength(4)
  await page.getByTestId('sandbox-reset').click()
  await expect(page.getByTestId('sandbox-modes-badge')).toHaveCount(0)
})
