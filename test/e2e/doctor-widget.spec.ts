/**
 * Issue 13: Test connection's last step runs the same "widget loaded" rules
 * as `qwb run` (src/main/headless/loaded-rules.ts). Here in browser mode
 * (headless Chromium); the desktop app runs the same loop in a hidden window
 * (test/e2e/electron/test-connection.spec.ts).
 */
import { expect, fillTokenForm, test } from './fixtures'
import { shots } from './shots'

test('Test connection with a dashboard id the app does not have: the widget opens another one, and the widget step warns, naming it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.getByTestId('widget-card-page-view').click()
  await page.getByTestId('widget-field-dashboardId').fill('no-such-dashboard')
  await fillTokenForm(page, { userid: 'doctor-user', appid: '59VShVtjM' })
  await page.getByTestId('env-test-connection').click()
  await expect(page.getByTestId('doctor-step-widget')).toHaveAttribute('data-status', 'warn', { timeout: 45_000 })
  await expect(page.getByTestId('doctor-step-widget')).toContainText('rendered, but warned')
  await expect(page.getByTestId('doctor-step-widget')).toContainText('no-such-dashboard')
  for (const id of ['url', 'dns', 'tcp', 'token', 'launcher', 'data-api']) {
    await expect(page.getByTestId(`doctor-step-${id}`)).toHaveAttribute('data-status', 'pass')
  }
  await shots(page, 'test-connection-widget-warns', { sizes: ['small'], prepare: () => page.getByTestId('doctor-step-widget').scrollIntoViewIfNeeded() })
})
