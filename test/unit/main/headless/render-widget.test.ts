/**
 * The one render loop (src/main/headless/render-widget.ts) through the
 * Playwright page driver: real headless Chromium, the real offline sandbox
 * and Qrvey-like servers on loopback, the preview page as the workbench
 * builds it. The same loop drives the desktop app's hidden Electron window
 * (src/main/electron-page-driver.ts), so what passes here is what Test
 * connection and `qwb run` decide there.
 */
import type { Browser } from '@playwright/test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumPath, launchChromium } from '../../../../src/main/headless/chromium'
import { openPlaywrightDriver } from '../../../../src/main/headless/playwright-driver'
import { renderWidget, type RenderObservation } from '../../../../src/main/headless/render-widget'
import { expectsItemsLoaded } from '../../../../src/main/headless/loaded-rules'
import { createHttpClient } from '../../../../src/main/http/http-client'
import { startPreviewServer, type PreviewServerHandle } from '../../../../src/main/preview/preview-server'
import { TokenService } from '../../../../src/main/tokens/token-service'
import { demoSetups } from '../../../../src/sandbox/data/demo-setups'
import { generateDemoKey } from '../../../../src/sandbox/server/demo-key'
import { startSandbox, type SandboxHandle } from '../../../../src/sandbox/server/server'
import { buildHostPage, hostPageCsp } from '../../../../src/shared/host-page'
import { ok } from '../../../../src/shared/result'
import { tokenBodyOfSetup, type Setup } from '../../../../src/shared/setup'
import { findWidget } from '../../../../src/shared/widget-catalog'
import { buildWidgetConfig } from '../../../../src/shared/widget-config'
import { closedPortUrl } from '../../../support/failure-servers'
import { startQrveyLike, type RunningQrveyLike } from '../../../support/doctor-servers'

let sandbox: SandboxHandle
let previews: PreviewServerHandle
let browser: Browser
const servers: RunningQrveyLike[] = []

beforeAll(async () => {
  sandbox = await startSandbox({ apiKey: generateDemoKey(), port: 0 })
  previews = await startPreviewServer({ frameAncestors: "'none'" })
  browser = await launchChromium(chromiumPath(process.env))
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await previews?.close()
  await sandbox?.close()
  await Promise.all(servers.map((s) => s.close()))
})

function demo(id: string, fields: Record<string, string | boolean> = {}): Setup {
  const found = demoSetups().find((d) => d.id === id)
  if (!found) throw new Error(`no demo setup ${id}`)
  const setup = structuredClone(found.setup)
  return { ...setup, widgetFields: { ...setup.widgetFields, ...fields } }
}

/** A token from the sandbox's token route, as the Generate button gets it (the app's TokenService). */
async function sandboxToken(setup: Setup): Promise<string> {
  const tokens = new TokenService(createHttpClient(), { resolveTarget: () => ok({ domain: sandbox.url, apiKey: sandbox.apiKey, timeoutMs: 10_000, name: 'sandbox' }) })
  const generated = await tokens.generate({ environmentId: 'sandbox', body: tokenBodyOfSetup(setup) })
  if (!generated.ok) throw new Error(generated.error.message)
  return generated.value.token
}

/** The preview page (host page + reporter block) on the preview server. */
function publishPreview(setup: Setup, domain: string, token: string): string {
  const widget = findWidget(setup.widget)!
  const config = buildWidgetConfig({ widget, domain, token, qrvey86OrNewer: setup.qrvey86OrNewer, fields: setup.widgetFields })
  const html = buildHostPage({ widget, domain, config, preview: { parentOrigin: previews.origin } })
  return previews.publish({ html, csp: hostPageCsp(domain) })
}

async function render(url: string, setup: Setup, timeoutMs = 20_000): Promise<RenderObservation> {
  const widget = findWidget(setup.widget)!
  const driver = await openPlaywrightDriver(browser)
  try {
    return await renderWidget(driver, { url, element: widget.element, waitForItemsLoaded: expectsItemsLoaded(widget.id, setup.widgetFields, tokenBodyOfSetup(setup) as Record<string, unknown>), timeoutMs })
  } finally {
    await driver.close()
  }
}

async function renderOnSandbox(setup: Setup, timeoutMs?: number): Promise<RenderObservation> {
  return render(publishPreview(setup, sandbox.url, await sandboxToken(setup)), setup, timeoutMs)
}

describe('the render loop against the offline sandbox (Playwright driver, real Chromium)', () => {
  it('Page View: loaded on qvDSHItemsLoaded, after qvDSHPageLoaded, with no console error and no failed request', async () => {
    const seen = await renderOnSandbox(demo('page-view'))
    expect(seen.reason).toBe('qvDSHItemsLoaded')
    expect(seen).toMatchObject({ outcome: 'loaded', settledBy: 'items-loaded', consoleErrors: [], pageErrors: [], failedRequests: [] })
    expect(seen.events.slice(0, 2)).toEqual(['qvDSHPageLoaded', 'qvDSHItemsLoaded'])
    expect(seen.reports.filter((r) => r.kind === 'console-warn')).toEqual([])
  }, 60_000)

  it('Single Panel sends no qvDSHItemsLoaded: loaded on its own ready state', async () => {
    const setup = demo('single-panel')
    expect(expectsItemsLoaded(setup.widget, setup.widgetFields, {})).toBe(false)
    const seen = await renderOnSandbox(setup)
    expect(seen).toMatchObject({ outcome: 'loaded', settledBy: 'ready', state: 'ready', failedRequests: [] })
    expect(seen.events).not.toContain('qvDSHItemsLoaded')
  }, 60_000)

  it('rehearsal "issuer clock 2 h behind": the token is born expired, the widget says qvTokenExpired, the render fails', async () => {
    sandbox.control.set({ clockSkewSeconds: -7200 })
    try {
      const seen = await renderOnSandbox(demo('page-view'))
      expect(seen).toMatchObject({ outcome: 'failed', settledBy: 'token-expired' })
      expect(seen.events).toContain('qvTokenExpired')
      expect(seen.reason).toContain('qvTokenExpired')
    } finally {
      sandbox.control.reset()
    }
  }, 60_000)

  it('rehearsal "every API request fails": the widget shows its error, the render fails and lists the 5xx answers', async () => {
    // The token was issued before the failures began; only the widget's own API calls fail.
    const setup = demo('page-view')
    const token = await sandboxToken(setup)
    sandbox.control.set({ failureRate: 1 })
    try {
      const seen = await render(publishPreview(setup, sandbox.url, token), setup)
      expect(seen.outcome).toBe('failed')
      expect(seen.settledBy).toBe('error-state')
      expect(seen.reason).toMatch(/^the widget shows an error \(state error\)/)
      expect(seen.failedRequests.some((r) => /answered 5\d\d$/.test(r))).toBe(true)
    } finally {
      sandbox.control.reset()
    }
  }, 60_000)

  it('a wrong dashboard: the widget opens another one and warns; the loop passes the warning on', async () => {
    const seen = await renderOnSandbox(demo('page-view', { dashboardId: 'no-such-dashboard' }))
    const warnings = seen.reports.filter((r) => r.kind === 'console-warn').map((r) => r.message)
    expect(warnings.join('\n')).toContain('no-such-dashboard')
  }, 60_000)

  it('console errors the page logs are collected (the Web Form designer notes what the sandbox does not simulate)', async () => {
    const seen = await renderOnSandbox(demo('web-form-design'))
    expect(seen.outcome).toBe('loaded')
    expect(seen.consoleErrors.some((e) => /not simulated offline/.test(e))).toBe(true)
  }, 60_000)
})

describe('the render loop against broken servers', () => {
  it('a launcher that answers 404: failed at once on the script error, and the launcher is a failed request', async () => {
    const server = await startQrveyLike({ apiKey: 'k', launcher: 'missing' })
    servers.push(server)
    const setup = demo('page-view')
    const started = Date.now()
    const seen = await render(publishPreview(setup, server.url, 'not-a-token'), setup, 15_000)
    expect(seen).toMatchObject({ outcome: 'failed', settledBy: 'script-error' })
    expect(seen.reason).toContain('Could not load the widget script')
    // A JSON 404 for a script: Chromium either reports the status or blocks the body (net::ERR_BLOCKED_BY_ORB).
    expect(seen.failedRequests.filter((r) => r.startsWith(`GET ${server.url}/widgets-launcher/app.js`)), JSON.stringify(seen.failedRequests)).toHaveLength(1)
    expect(Date.now() - started, 'a missing script ends the wait, it does not time out').toBeLessThan(12_000)
  }, 30_000)

  it('a launcher that never defines the element: no verdict until the deadline, which says so', async () => {
    const server = await startQrveyLike({ apiKey: 'k', launcher: 'silent' })
    servers.push(server)
    const setup = demo('page-view')
    const seen = await render(publishPreview(setup, server.url, 'not-a-token'), setup, 3_000)
    expect(seen).toMatchObject({ outcome: 'timeout', settledBy: 'timeout' })
    expect(seen.reason).toBe('no qvDSHItemsLoaded within 3 s (the launcher never defined <qrvey-end-user>: is this the right Qrvey version and widget?)')
  }, 30_000)

  it('a page that cannot be opened (nothing listens there): failed, with the browser\'s reason', async () => {
    const url = `${await closedPortUrl()}/preview/x`
    const setup = demo('page-view')
    const seen = await render(url, setup, 5_000)
    expect(seen).toMatchObject({ outcome: 'failed', settledBy: 'not-opened' })
    expect(seen.reason).toMatch(/^the page could not be opened: .*ERR_CONNECTION_REFUSED/)
  }, 30_000)
})
