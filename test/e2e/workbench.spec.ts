/**
 * Issue 2 flows in Chromium against the real handlers and sandbox: first
 * start, a token for every widget in the catalog, explained failures, and
 * several environments.
 */
import { decodeProtectedHeader } from 'jose'
import { addEnvironment, expect, fillTokenForm, selectWidget, test } from './fixtures'
import { closedPortUrl, hang, startServer } from '../support/failure-servers'

/** The config fields each widget needs before Generate is enabled. */
const WIDGET_FIELDS: Record<string, Record<string, string>> = {
  'page-view': { dashboardId: 'overview' },
  'page-builder': {},
  'report-builder': {},
  'analytic-suite': { qrveyId: 'sales-orders' },
  'single-panel': { qrveyId: 'sales-orders', type: 'CHART', chartId: 'revenue-by-region' },
  'qrvey-dashboard': { dashboardId: 'overview' }
}

test('first start: one environment, the offline sandbox, active, with its demo key set', async ({ page, harness }) => {
  const items = page.getByTestId('environment-item')
  await expect(items).toHaveCount(1)
  await expect(items.first()).toContainText('Offline sandbox')
  await expect(items.first()).toHaveAttribute('aria-current', 'true')
  await expect(page.getByTestId('key-status')).toContainText(`ends in ${harness.app.sandbox.apiKey.slice(-4)}`)
  await expect(page.getByTestId('status-sandbox-url')).toContainText(harness.app.sandbox.url)
  await expect(page.getByTestId('request-url-preview')).toContainText(`${harness.app.sandbox.url}/devapi/v4/core/login/token`)
})

for (const [widgetId, fields] of Object.entries(WIDGET_FIELDS)) {
  test(`generates a sandbox token for ${widgetId} and shows the widget configuration`, async ({ page, harness }) => {
    await selectWidget(page, widgetId)
    for (const [key, value] of Object.entries(fields)) {
      const field = page.getByTestId(`widget-field-${key}`)
      if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value)
      else await field.fill(value)
    }
    await fillTokenForm(page, { userid: 'izfZIkc', appid: '59VShVtjM', clientid: 'sampleuser@sampledomain.com', expiresIn: '10m' })
    await page.getByTestId('generate-button').click()

    await expect(page.getByTestId('result-status')).toHaveText('200')
    const token = (await page.getByTestId('token-output').textContent())!.trim()
    expect(token.split('.')).toHaveLength(5)
    expect(decodeProtectedHeader(token).kid).toBeTruthy()
    await expect(page.getByTestId('token-format')).toHaveText('JWE')
    await expect(page.getByTestId('token-header')).toContainText('"kid"')

    const config = JSON.parse((await page.getByTestId('config-output').textContent())!)
    expect(config).toMatchObject({ domain: harness.app.sandbox.url, qvToken: token, ...fields })
    if (widgetId === 'report-builder') expect(config.reports_dashboard).toBe(true)

    // The "Qrvey 8.6+" switch picks the token key.
    await page.getByTestId('qrvey86-switch').uncheck()
    const older = JSON.parse((await page.getByTestId('config-output').textContent())!)
    expect(older.qv_token).toBe(token)
    expect(older.qvToken).toBeUndefined()

    // The request as sent: the key redacted, the body as typed.
    await expect(page.getByTestId('request-headers')).toContainText(`ends in ${harness.app.sandbox.apiKey.slice(-4)}`)
    await expect(page.getByTestId('request-headers')).not.toContainText(harness.app.sandbox.apiKey)
    await expect(page.getByTestId('request-body')).toContainText('"clientid": "sampleuser@sampledomain.com"')
  })
}

test('copies the widget configuration to the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await fillTokenForm(page, { userid: 'u1', appid: '59VShVtjM' })
  await page.getByTestId('generate-button').click()
  await expect(page.getByTestId('result-status')).toHaveText('200')
  await page.getByTestId('copy-config').click()
  const copied = await page.evaluate(() => navigator.clipboard.readText())
  expect(JSON.parse(copied)).toEqual(JSON.parse((await page.getByTestId('config-output').textContent())!))
})

test('a wrong API key is explained, with the raw detail one click away', async ({ page, harness }) => {
  await addEnvironment(page, { name: 'Wrong key', domain: harness.app.sandbox.url, apiKey: 'not-the-right-key-0000' })
  await fillTokenForm(page, { userid: 'u1', appid: '59VShVtjM' })
  await page.getByTestId('generate-button').click()
  const alert = page.getByTestId('token-error')
  await expect(alert.getByTestId('error-message')).toContainText('The API key was rejected (401)')
  await expect(alert.getByTestId('error-detail')).toBeHidden()
  await alert.getByTestId('error-details-toggle').click()
  await expect(alert.getByTestId('error-detail')).toContainText('HTTP 401')
  await expect(alert.getByTestId('error-code')).toContainText('HTTP_401')
})

test('refused connections and timeouts each get their own explanation', async ({ page }) => {
  const stuck = await startServer(hang)
  try {
    await addEnvironment(page, { name: 'Nothing there', domain: await closedPortUrl(), apiKey: 'some-key-12345678' })
    await fillTokenForm(page, { userid: 'u1', appid: 'a1' })
    await page.getByTestId('generate-button').click()
    await expect(page.getByTestId('token-error').getByTestId('error-message')).toContainText('refused the connection')

    await addEnvironment(page, { name: 'Stuck', domain: stuck.url, apiKey: 'some-key-12345678', timeoutMs: 500 })
    await page.getByTestId('generate-button').click()
    await expect(page.getByTestId('token-error').getByTestId('error-message')).toContainText('did not answer within 500 ms')
  } finally {
    await stuck.close()
  }
})

test('adds a second environment, switches between them, and keeps the key write-only', async ({ page, harness }) => {
  await addEnvironment(page, { name: 'Acme staging', domain: 'https://acme-staging.qrveyapp.com', apiKey: 'acme-staging-key-7781' })
  await expect(page.getByTestId('environment-item')).toHaveCount(2)
  await expect(page.getByTestId('key-status')).toContainText('ends in 7781')
  await expect(page.getByTestId('request-url-preview')).toContainText('https://acme-staging.qrveyapp.com/devapi/v4/core/login/token')
  await expect(page.locator('input[type="password"]')).toHaveCount(0)

  // Replace the key: the UI learns only the new last four.
  await page.getByTestId('key-replace').click()
  await page.getByTestId('key-input').fill('acme-staging-key-9902')
  await page.getByTestId('key-save').click()
  await expect(page.getByTestId('key-status')).toContainText('ends in 9902')

  await page.getByTestId('environment-item').filter({ hasText: 'Offline sandbox' }).click()
  await expect(page.getByTestId('request-url-preview')).toContainText(harness.app.sandbox.url)
  await fillTokenForm(page, { userid: 'u1', appid: '59VShVtjM' })
  await page.getByTestId('generate-button').click()
  await expect(page.getByTestId('result-status')).toHaveText('200')

  await page.getByTestId('environment-item').filter({ hasText: 'Acme staging' }).click()
  await expect(page.getByTestId('key-status')).toContainText('ends in 9902')

  // Remove the key: Generate now says what is missing.
  await page.getByTestId('key-remove').click()
  await expect(page.getByTestId('key-status')).not.toContainText('ends in')
  await expect(page.getByTestId('generate-button')).toBeDisabled()
  await expect(page.getByTestId('generate-reason')).toContainText(/API key/i)

  // It survives a reload of the page (it lives in main, not in the page).
  await page.reload()
  await expect(page.getByTestId('environment-item')).toHaveCount(2)
})

test('refuses plain http for a remote host as the user types, and saves nothing', async ({ page }) => {
  await page.getByTestId('env-add').click()
  await page.getByTestId('env-form-name').fill('Plain')
  await page.getByTestId('env-form-domain').fill('http://acme.qrveyapp.com')
  await expect(page.getByTestId('env-form-domain-error')).toContainText('https://acme.qrveyapp.com')
  await page.getByTestId('env-form-domain').fill('http://127.0.0.1:8080')
  await expect(page.getByTestId('env-form-domain-error')).toHaveCount(0)
  await page.getByTestId('env-form-domain').fill('http://acme.qrveyapp.com')
  await page.getByTestId('env-form-submit').click()
  await expect(page.getByTestId('environment-item')).toHaveCount(1)
  await expect(page.getByTestId('env-form-name')).toHaveValue('Plain')
})

test('places a permissions error where it is and blocks Generate until fixed', async ({ page }) => {
  await fillTokenForm(page, { userid: 'u1', appid: '59VShVtjM' })
  const editor = page.getByTestId('permissions-editor-input')
  await editor.fill('[{"dataset_id": "*", "record_permissions": [{"security_name": "region", "validation_type": "EQUALS", "values": ["Europe"]}]}]')
  await expect(page.getByTestId('permissions-editor-error').first()).toContainText('line 1')
  await expect(page.getByTestId('permissions-editor-error').first()).toContainText('validation_type must be one of')
  await expect(page.getByTestId('generate-button')).toBeDisabled()
  await editor.fill('[{"dataset_id": "*", "record_permissions": [{"security_name": "region", "validation_type": "EQUAL", "values": ["Europe"]}]}]')
  await expect(page.getByTestId('permissions-editor-error')).toHaveCount(0)
  await expect(page.getByTestId('permissions-version-hint')).toBeVisible()
  await page.getByTestId('generate-button').click()
  await expect(page.getByTestId('result-status')).toHaveText('200')
  await expect(page.getByTestId('request-body')).toContainText('"version": "2"')
  await expect(page.getByTestId('request-body')).toContainText('"validation_type": "EQUAL"')
})
