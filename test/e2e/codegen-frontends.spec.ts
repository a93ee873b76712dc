/**
 * Each generated front end (HTML/JS, React, Vue, Angular), loaded in
 * Chromium from the generated Node backend against the sandbox: it must
 * fetch its token from /qrvey-token, render the widget, and on expiry
 * (qvTokenExpired, QRVEY.md §3) fetch a new token and create the element
 * again (QRVEY.md §2). Hostile values ride along in every field.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test, expect, type Page } from '@playwright/test'
import { CODE_CONTRACT, findCodeLanguage } from '../../src/shared/codegen'
import { htmlPage } from '../../src/shared/codegen/frontends/html'
import { startSandbox, type SandboxHandle } from '../../src/sandbox/server/server'
import { HOSTILE, hostileRequest, runProgram, stopPrograms, waitForLine } from '../support/codegen-fixtures'
import { bundleFrontend } from '../support/frontend-bundles'

const KEY = `frontend-key-${process.pid}`
const TOKEN_LIFETIME_SECONDS = 4
/** A dashboard that exists (so the widget loads its items); the hostile text rides in themeId. */
const WIDGET_FIELDS = { dashboardId: 'overview', themeId: `theme ${HOSTILE}` }

let sandbox: SandboxHandle
let folder: string

test.beforeEach(async () => {
  sandbox = await startSandbox({ apiKey: KEY, port: 0 })
  folder = await mkdtemp(join(tmpdir(), 'qwb-frontend-'))
})
test.afterEach(async () => {
  stopPrograms()
  await sandbox.close()
  await rm(folder, { recursive: true, force: true })
})

/** The generated Node backend, serving `index.html` from its folder. */
async function startBackend(request: ReturnType<typeof hostileRequest>, indexHtml: string): Promise<string> {
  await writeFile(join(folder, 'server.mjs'), findCodeLanguage('node-fetch')!.generate(request))
  await writeFile(join(folder, 'index.html'), indexHtml)
  const program = runProgram(process.execPath, ['server.mjs'], folder, { QRVEY_API_KEY: KEY, QRVEY_DOMAIN: sandbox.url, PORT: '0' })
  return (await waitForLine(program, new RegExp(`${CODE_CONTRACT.listeningPrefix}(http://127\\.0\\.0\\.1:\\d+)`), 20_000))[1]
}

async function watchPage(page: Page): Promise<{ tokenFetches: () => number }> {
  let tokenFetches = 0
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === CODE_CONTRACT.endpoint) tokenFetches++
  })
  await page.addInitScript(() => {
    const seen: string[] = []
    ;(window as unknown as { __events: string[] }).__events = seen
    for (const name of ['qvDSHPageLoaded', 'qvDSHItemsLoaded', 'qvTokenExpired']) document.addEventListener(name, () => seen.push(name))
  })
  return { tokenFetches: () => tokenFetches }
}

const events = (page: Page) => page.evaluate(() => (window as unknown as { __events: string[] }).__events.slice())
const configToken = (page: Page) => page.evaluate(() => (window as unknown as { qrveyConfig?: { qvToken?: string } }).qrveyConfig?.qvToken)

async function renderAndRenew(page: Page, url: string, tokenFetches: () => number) {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    // The expiry's own 401s and the favicon's 404 are network noise, not errors of the page's code.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text())
  })
  await page.goto(url)
  await expect.poll(() => events(page), { timeout: 20_000 }).toContain('qvDSHItemsLoaded')
  await expect(page.locator('qrvey-end-user')).toHaveCount(1)
  const first = await configToken(page)
  expect(first).toMatch(/^eyJ/)
  expect(tokenFetches()).toBeGreaterThanOrEqual(1)

  // A token expires in a widget's eyes when it next calls the API: apply (empty) user filters until it reports
  // qvTokenExpired and the page has put a new token in place (tokens live 4 s, so one may already have).
  await expect
    .poll(
      async () => {
        await page.evaluate(() => window.dispatchEvent(new CustomEvent('atApplyUserFilters', { detail: { filters: [] } })))
        return (await events(page)).includes('qvTokenExpired') && (await configToken(page)) !== first
      },
      { timeout: 40_000, intervals: [1_000] }
    )
    .toBe(true)
  // Renewed: a new token from the backend, the element created again, and the widget loads its data again.
  expect(tokenFetches()).toBeGreaterThanOrEqual(2)
  await expect.poll(async () => (await events(page)).filter((e) => e === 'qvDSHItemsLoaded').length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2)
  await expect(page.locator('qrvey-end-user')).toHaveCount(1)
  await expect(page.getByRole('status')).toContainText('Token issued at')
  expect(errors).toEqual([])
}

test('HTML/JS: renders the widget and renews it on qvTokenExpired', async ({ page }) => {
  sandbox.control.set({ tokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS })
  const request = hostileRequest(sandbox.url, 'page-view', true, WIDGET_FIELDS)
  const html = htmlPage(request)
  const backend = await startBackend(request, html)
  const { tokenFetches } = await watchPage(page)
  await renderAndRenew(page, `${backend}/`, tokenFetches)
  // The hostile dashboardId reached the widget configuration intact.
  expect(await page.evaluate(() => (window as unknown as { qrveyConfig: { themeId: string } }).qrveyConfig.themeId)).toBe(request.config.themeId)
})

for (const kind of ['react', 'vue', 'angular'] as const) {
  test(`${kind}: the generated component renders the widget and renews it on qvTokenExpired`, async ({ page }) => {
    test.setTimeout(120_000)
    sandbox.control.set({ tokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS })
    const request = hostileRequest(sandbox.url, 'page-view', true, WIDGET_FIELDS)
    const built = await bundleFrontend(kind, findCodeLanguage(kind)!.generate(request))
    const backend = await startBackend(request, `<!doctype html>\n<html><head><meta charset="utf-8"><title>${kind}</title></head><body>${built.body}<script type="module" src="/app.js"></script></body></html>\n`)
    // The bundle is the only file the backend does not serve itself.
    await page.route(`${backend}/app.js`, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: built.js }))
    const { tokenFetches } = await watchPage(page)
    await renderAndRenew(page, `${backend}/`, tokenFetches)
    expect(await page.evaluate(() => (window as unknown as { qrveyConfig: { themeId: string } }).qrveyConfig.themeId)).toBe(request.config.themeId)
  })
}
