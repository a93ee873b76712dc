/**
 * Issue 11, point 1 in Chromium against the real main process and sandbox:
 * the app, dashboard, dataset and panel fields offer the environment's
 * values (panels grouped CHART / METRIC / SUMMARY); picking a panel of
 * another type switches Single Panel's type; an unknown app is flagged
 * before Preview; a refused list leaves free text and says why.
 */
import { expect, addEnvironment, fillTokenForm, selectWidget, test } from './fixtures'
import { shots } from './shots'
import { startServer } from '../support/failure-servers'

test('the sandbox offers its apps, dashboards, datasets and panels; an unknown app is flagged', async ({ page }) => {
  await fillTokenForm(page, { userid: 'picker-user', appid: '' })
  await page.getByTestId('picker-toggle-input-appid').click()
  const apps = page.getByTestId('picker-option-input-appid')
  await expect(apps).toHaveCount(2)
  await expect(page.getByTestId('picker-status-input-appid')).toHaveText('2 from the offline sandbox')
  await apps.filter({ hasText: '59VShVtjM' }).click()
  await expect(page.getByTestId('input-appid')).toHaveValue('59VShVtjM')

  // Page View: the dashboards of that app.
  await selectWidget(page, 'page-view')
  await page.getByTestId('picker-toggle-widget-field-dashboardId').click()
  await expect(page.getByTestId('picker-option-widget-field-dashboardId')).toHaveText([/overview\s*Overview/, /products\s*Products/])
  await page.getByTestId('picker-option-widget-field-dashboardId').filter({ hasText: 'products' }).click()
  await expect(page.getByTestId('widget-field-dashboardId')).toHaveValue('products')

  // Single Panel: the dataset, then its panels grouped by type.
  await selectWidget(page, 'single-panel')
  await page.getByTestId('picker-toggle-widget-field-qrveyId').click()
  await page.getByTestId('picker-option-widget-field-qrveyId').filter({ hasText: 'sales-orders' }).click()
  await page.getByTestId('widget-field-type').selectOption('CHART')
  await page.getByTestId('picker-toggle-widget-field-chartId').click()
  await expect(page.getByTestId('picker-group-widget-field-chartId')).toHaveText(['CHART', /METRIC/, /SUMMARY/])
  await shots(page, 'pickers-panel', {
    prepare: async () => {
      if (!(await page.getByTestId('picker-options-widget-field-chartId').isVisible())) await page.getByTestId('picker-toggle-widget-field-chartId').click()
    }
  })
  // A metric picked in "Chart id" switches the type: Single Panel reads metricId for METRIC.
  await page.getByTestId('picker-option-widget-field-chartId').filter({ hasText: 'total-revenue' }).click()
  await expect(page.getByTestId('widget-field-type')).toHaveValue('METRIC')
  await expect(page.getByTestId('widget-field-metricId')).toHaveValue('total-revenue')

  // An app the sandbox does not have: flagged at the field, before Generate and Preview.
  await page.getByTestId('input-appid').fill('no-such-app')
  await expect(page.getByTestId('input-appid-unknown')).toContainText('has no application "no-such-app"')
  await shots(page, 'pickers-unknown-app', { sizes: ['small'] })
})

test('a Qrvey instance that refuses the list leaves the field free text, saying why', async ({ page }) => {
  const instance = await startServer((_req, res) => {
    res.writeHead(403, { 'content-type': 'application/json' })
    res.end('{"message":"Missing Authentication Token"}')
  })
  try {
    await addEnvironment(page, { name: 'Refusing', domain: instance.url.replace('127.0.0.1', 'localhost'), apiKey: 'refusing-key-0001' })
    await fillTokenForm(page, { userid: 'u1', appid: '' })
    await page.getByTestId('picker-toggle-input-appid').click()
    await expect(page.getByTestId('picker-status-input-appid')).toContainText('Free text: Refusing refused the list (HTTP 403')
    await expect(page.getByTestId('input-userid-unknown')).toContainText('Check the userid')
    await page.getByTestId('input-appid').fill('typed-by-hand')
    await expect(page.getByTestId('input-appid')).toHaveValue('typed-by-hand')
    expect(instance.requests[0].headers['x-api-key']).toBe('refusing-key-0001')
  } finally {
    await instance.close()
  }
})
