/**
 * Issue 11, point 5 in Chromium against the real sandbox: after an
 * auto-renewal the widget comes back on the page the user had opened (by the
 * documented `dashboardId` config key), the event log says the state was
 * kept, and the History gets one entry per renewal.
 */
import type { Page } from '@playwright/test'
import { expect, fillTokenForm, selectWidget, test } from './fixtures'
import { shots } from './shots'

const entry = (page: Page, kind: string, name: string) => page.locator(`[data-testid="event-log-entry"][data-kind="${kind}"][data-name="${name}"]`)

test('auto-renew brings the widget back to the page the user was on, and says so', async ({ page }) => {
  await selectWidget(page, 'page-view')
  await page.getByTestId('widget-field-dashboardId').fill('overview')
  await fillTokenForm(page, { userid: 'state-user', appid: '59VShVtjM', expiresIn: '10m' })
  await page.getByTestId('generate-button').click()
  await expect(page.getByTestId('result-status')).toHaveText('200')
  await page.getByTestId('preview-button').click()
  const frame = page.frameLocator('[data-testid="preview-frame"]')
  const tab = (id: string) => frame.locator(`[data-qv="page-tab"][data-dashboard-id="${id}"]`)
  await expect(tab('overview')).toHaveAttribute('aria-selected', 'true', { timeout: 20_000 })

  // The user moves to Products, then the token expires (fast-forward) and auto-renew takes over.
  await tab('products').click()
  await expect(tab('products')).toHaveAttribute('aria-selected', 'true')
  await page.getByTestId('preview-pane').getByTestId('token-fast-forward').click()
  await expect(entry(page, 'workbench', 'renewal-sent')).toHaveCount(1, { timeout: 20_000 })
  await expect(entry(page, 'workbench', 'state-kept').last()).toContainText('dashboardId "products"', { timeout: 20_000 })
  await expect(tab('products')).toHaveAttribute('aria-selected', 'true', { timeout: 20_000 })
  await expect(frame.locator('[data-qv="panel"]').first()).toBeAttached()

  await page.getByTestId('sidebar-tab-history').click()
  await expect(page.getByTestId('history-entry').and(page.locator('[data-kind="token"]'))).toHaveCount(2)
  await shots(page, 'renewal-state-kept')
})
