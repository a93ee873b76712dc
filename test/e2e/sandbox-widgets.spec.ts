/**
 * Issue 8, point 6: every widget of QRVEY.md §2 in the workbench preview,
 * served at its documented launcher path by the offline sandbox, renders
 * something real from the demo data. Screenshots at 1280x800, light and
 * dark, go to /work/shots/sandbox-widgets/.
 */
import type { Frame, Page } from '@playwright/test'
import { SALES_DATASET_ID } from '../../src/sandbox/data'
import { expect, fillTokenForm, selectWidget, test } from './fixtures'

const SHOTS = '/work/shots/sandbox-widgets'
/** Every security column granted, so these tests show data whatever a token without permissions sees. */
const ALL = [
  {
    dataset_id: SALES_DATASET_ID,
    record_permissions: ['region', 'country', 'category', 'customer_segment'].map((security_name) => ({ security_name, validation_type: 'EQUAL', values: ['*'] }))
  }
]

async function fields(page: Page, values: Record<string, string | boolean>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    const field = page.getByTestId(`widget-field-${key}`)
    if (typeof value === 'boolean') await field.setChecked(value)
    else if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value)
    else await field.fill(value)
  }
}

async function preview(page: Page, clientid: string, permissions = true): Promise<Frame> {
  await fillTokenForm(page, { userid: 'izfZIkc', appid: '59VShVtjM', clientid })
  // The permissions stay in the form across widgets; filled once per test.
  if (permissions) await page.getByTestId('permissions-editor-input').fill(JSON.stringify(ALL))
  await page.getByTestId('generate-button').click()
  await expect(page.getByTestId('result-status')).toHaveText('200')
  await page.getByTestId('preview-button').click()
  const iframe = page.getByTestId('preview-frame')
  await expect(iframe).toBeVisible()
  const url = (await iframe.getAttribute('src')) ?? ''
  let frame: Frame | undefined
  await expect.poll(() => (frame = page.frames().find((f) => f.url() === url)), { timeout: 15_000 }).toBeTruthy()
  return frame as Frame
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.emulateMedia({ colorScheme: 'light' })
  await page.screenshot({ path: `${SHOTS}/${name}-light.png` })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: `${SHOTS}/${name}-dark.png` })
  await page.emulateMedia({ colorScheme: 'light' })
}

const CASES: Array<{ id: string; element: string; values: Record<string, string | boolean>; shows: string; text?: RegExp }> = [
  { id: 'pixel-perfect-reports', element: 'qrvey-pixel-builder', values: { reportId: 'orders-by-region', defaultMode: 'preview' }, shows: '[data-qv="report-page"]', text: /Page 1 of \d+/ },
  { id: 'automation', element: 'qrvey-workflow-design', values: {}, shows: '[data-qv="workflow-item"]', text: /Weekly revenue digest/ },
  { id: 'web-form-design', element: 'qrvey-design-widgets', values: { qrvey_id: 'customer-feedback', app_type: 'FORM' }, shows: '[data-qv="design-question"]', text: /How satisfied are you\?/ },
  { id: 'web-form-end-user', element: 'qrvey-webform-enduser', values: { qrvey_hash: 'fb7QxK2a' }, shows: '[data-qv="webform"]', text: /Customer feedback/ },
  { id: 'qrvey-dashboard', element: 'qrvey-dashboard', values: {}, shows: '[data-qv="browse-dashboard"]', text: /Products/ }
]

for (const c of CASES) {
  test(`${c.id}: <${c.element}> loads from its launcher and shows demo data`, async ({ page }) => {
    await selectWidget(page, c.id)
    await fields(page, c.values)
    const frame = await preview(page, `${c.id}@example.com`)
    const shown = frame.locator(`${c.element} ${c.shows}`).first()
    await expect(shown).toBeVisible({ timeout: 20_000 })
    if (c.text) await expect(frame.locator(c.element)).toContainText(c.text)
    await expect(page.getByTestId('event-log-entry').filter({ hasText: 'element-undefined' })).toHaveCount(0)
    await shoot(page, c.id)
  })
}

test('download-manager: a dashboard CSV download of this clientid is listed; the log shows qvDSHPageLoaded without detail', async ({ page }) => {
  const clientid = 'dm-e2e@example.com'
  await selectWidget(page, 'page-view')
  await fields(page, { dashboardId: 'overview' })
  const view = await preview(page, clientid)
  await expect(view.locator('qrvey-end-user[data-qv-state="ready"]')).toHaveCount(1, { timeout: 20_000 })
  // The workbench's log: the Qrvey event has no detail; the sandbox's note rides in the message.
  const loaded = page.locator('[data-testid="event-log-entry"][data-kind="event"][data-name="qvDSHPageLoaded"]')
  await expect(loaded).toHaveCount(1)
  await expect(loaded).toContainText('sandbox: dashboardId "overview"')
  await expect(loaded.locator('.event-detail')).toHaveCount(0)

  await view.evaluate(() => window.dispatchEvent(new CustomEvent('qvDSHDownloadDashboard', { detail: { format: 'CSV' } })))
  await expect(view.locator('qrvey-end-user [data-qv="toast"]')).toContainText('Download Manager', { timeout: 15_000 })

  await selectWidget(page, 'download-manager')
  await fields(page, { widgetView: 'table' })
  const manager = await preview(page, clientid, false)
  const row = manager.locator('qrvey-download-manager [data-qv="export-row"]')
  await expect(row).toHaveCount(1, { timeout: 20_000 })
  await expect(row).toContainText('Dashboard View: Overview')
  await shoot(page, 'download-manager')
})
