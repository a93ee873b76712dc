/**
 * Issue 13, points 2 and 3 in the workbench: Test connection in the
 * environment details shows each step with its verdict (all green against
 * the sandbox, the widget rendered in headless Chromium; the failing step
 * and its fix against a broken server), and the support bundle's dialog
 * lists what goes in before the download.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { mkdirSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { containsCompactJose } from '../../src/shared/jose-scan'
import { startQrveyLike } from '../support/doctor-servers'
import { findKeyEncodings } from '../support/key-encodings'
import { addEnvironment, expect, test } from './fixtures'

const SHOTS = process.env.SHOTS_DIR ?? '/work/shots/cli-doctor'

async function shoot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true })
  await page.setViewportSize({ width: 1280, height: 800 })
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.screenshot({ path: join(SHOTS, `${name}-1280x800-${scheme}.png`) })
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

test('Test connection against the sandbox: every step green, the widget rendered', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await expect(page.getByTestId('env-details')).toBeVisible()
  await page.getByTestId('env-test-connection').click()
  await expect(page.getByTestId('env-test-connection')).toHaveText('Testing…')
  await expect(page.getByTestId('doctor-summary')).toHaveText('All checks passed.', { timeout: 45_000 })
  for (const id of ['url', 'dns', 'tcp', 'token', 'launcher', 'data-api', 'widget']) {
    await expect(page.getByTestId(`doctor-step-${id}`)).toHaveAttribute('data-status', 'pass')
  }
  await expect(page.getByTestId('doctor-step-tls')).toHaveAttribute('data-status', 'skip')
  await expect(page.getByTestId('doctor-step-widget')).toContainText('qvDSHItemsLoaded')
  await page.getByTestId('doctor-step-widget').scrollIntoViewIfNeeded()
  await shoot(page, 'test-connection-sandbox')
})

test('Test connection against a server whose launcher has no CORS: that step fails with its fix, nothing after it runs', async ({ page }) => {
  const key = 'doctor-e2e-key-0042'
  const server = await startQrveyLike({ apiKey: key, launcher: 'no-cors' })
  try {
    await addEnvironment(page, { name: 'Broken CORS', domain: server.url, apiKey: key, timeoutMs: 3000 })
    await page.getByTestId('env-test-connection').click()
    await expect(page.getByTestId('doctor-summary')).toHaveText('Failed at “Launcher scripts”.', { timeout: 30_000 })
    await expect(page.getByTestId('doctor-step-token')).toHaveAttribute('data-status', 'pass')
    await expect(page.getByTestId('doctor-step-launcher')).toHaveAttribute('data-status', 'fail')
    await expect(page.getByTestId('doctor-step-launcher')).toContainText('does not allow other origins')
    await expect(page.getByTestId('doctor-fix-launcher')).toContainText('Access-Control-Allow-Origin')
    await expect(page.getByTestId('doctor-step-data-api')).toHaveAttribute('data-status', 'not-run')
    await expect(page.getByTestId('doctor-step-widget')).toHaveAttribute('data-status', 'not-run')
    await shoot(page, 'test-connection-failing')
  } finally {
    await server.close()
  }
})

test('the steps arrive one by one while the test runs', async ({ page }) => {
  const key = 'doctor-e2e-key-0044'
  let release!: () => void
  const server = await startQrveyLike({ apiKey: key, dataApiGate: new Promise<void>((resolve) => (release = resolve)) })
  try {
    await addEnvironment(page, { name: 'Slow data API', domain: server.url, apiKey: key, timeoutMs: 60_000 })
    await page.getByTestId('input-userid').fill('u1')
    await page.getByTestId('input-appid').fill('a1')
    await page.getByTestId('env-test-connection').click()
    // While the data API keeps the run waiting, the steps before it already show their verdicts.
    await expect(page.getByTestId('doctor-step-launcher')).toHaveAttribute('data-status', 'pass')
    await expect(page.getByTestId('doctor-step-token')).toContainText('answered 200')
    await expect(page.getByTestId('env-test-connection')).toHaveText('Testing…')
    await expect(page.getByTestId('doctor-step-data-api')).toContainText('Checking…')
    release()
    await expect(page.getByTestId('doctor-summary')).toHaveText('Failed at “Data API accepts the token”.', { timeout: 20_000 })
    await expect(page.getByTestId('doctor-step-data-api')).toContainText('The data API refused the token (401)')
  } finally {
    release()
    await server.close()
  }
})

test('Test connection against a refused port names the TCP step', async ({ page }) => {
  await addEnvironment(page, { name: 'Nothing there', domain: 'http://127.0.0.1:9', apiKey: 'doctor-e2e-key-0043', timeoutMs: 2000 })
  await page.getByTestId('env-test-connection').click()
  await expect(page.getByTestId('doctor-summary')).toHaveText('Failed at “TCP connection”.', { timeout: 30_000 })
  await expect(page.getByTestId('doctor-fix-tcp')).toContainText('Check the port')
})

test('Support bundle: the dialog lists what goes in; Save downloads it, without the key or the token', async ({ page, harness }) => {
  const key = 'doctor-bundle-key-"/&<>-0077'
  const server = await startQrveyLike({ apiKey: key })
  try {
    await addEnvironment(page, { name: 'Bundle env', domain: server.url, apiKey: key, timeoutMs: 3000 })
    await page.getByTestId('env-test-connection').click()
    await expect(page.getByTestId('doctor-summary')).not.toHaveText('Testing the connection…', { timeout: 30_000 })
    await page.getByTestId('env-support-bundle').click()
    const dialog = page.getByTestId('bundle-dialog')
    await expect(dialog).toBeVisible()
    const items = page.getByTestId('bundle-items')
    for (const title of ['Setup', 'Environment', 'Token request as sent', 'Token header', 'Last preview', 'Doctor result', 'Versions']) await expect(items.locator('dt', { hasText: title })).toHaveCount(1)
    await expect(page.getByTestId('bundle-item-environment')).toContainText('the API key is not included')
    await expect(page.getByTestId('bundle-item-doctor-result')).toContainText(/passed|failed at/)
    await shoot(page, 'support-bundle-dialog')
    const download = page.waitForEvent('download')
    await page.getByTestId('bundle-save').click()
    const file = await (await download).path()
    const text = readFileSync(file, 'utf8')
    expect(JSON.parse(text).environment.name).toBe('Bundle env')
    expect(findKeyEncodings(text, key)).toEqual([])
    expect(containsCompactJose(text)).toBe(false)
    await expect(dialog).toHaveCount(0)
    await expect(page.getByTestId('bundle-saved')).toContainText('qwb-support-Bundle-env-')
    // Nothing in what crossed the bridge carried the key either.
    expect(findKeyEncodings(JSON.stringify(harness.ipc.filter((x) => x.channel.startsWith('support:') || x.channel.startsWith('doctor:'))), key)).toEqual([])
  } finally {
    await server.close()
  }
})

test('Support bundle after Generate and Preview on the sandbox: the request, the token header and the preview log go in; the key and the token do not', async ({ page, harness }) => {
  await page.getByTestId('result-pane').locator('[data-demo-id="page-view"]').click()
  await page.getByTestId('generate-button').click()
  await expect(page.getByTestId('result-status')).toHaveText('200')
  await page.getByTestId('preview-button').click()
  await expect(page.getByTestId('event-log-entry').filter({ hasText: 'qvDSHItemsLoaded' }).first()).toBeAttached({ timeout: 25_000 })
  await page.getByTestId('env-support-bundle').click()
  await expect(page.getByTestId('bundle-item-token-request-as-sent')).toContainText('/devapi/v4/core/login/token, the x-api-key header redacted')
  await expect(page.getByTestId('bundle-item-token-header')).toContainText('alg, enc, kid')
  await expect(page.getByTestId('bundle-item-last-preview')).toContainText("the workbench's preview:")
  await expect(page.getByTestId('bundle-item-doctor-result')).toContainText('not run')
  const download = page.waitForEvent('download')
  await page.getByTestId('bundle-save').click()
  const text = readFileSync(await (await download).path(), 'utf8')
  const bundle = JSON.parse(text)
  expect(bundle.lastPreview.events.map((e: { name: string }) => e.name)).toContain('qvDSHItemsLoaded')
  expect(bundle.setup.body.userid).toBe('demo-user')
  expect(findKeyEncodings(text, harness.app.sandbox.apiKey)).toEqual([])
  expect(containsCompactJose(text)).toBe(false)
  const generated = harness.ipc.find((x) => x.channel === 'tokens:generate')?.result as { value: { token: string } }
  const token = generated.value.token
  expect(token.length).toBeGreaterThan(40)
  expect(text).not.toContain(token.split('.').at(-2))
})
