/**
 * Issue 11, point 4 in Chromium against the real sandbox: the token's
 * expiry with a live countdown (exact for the sandbox's tokens) in the
 * Result pane and the preview bar; "fast-forward" expires the running
 * token in the sandbox, and auto-renew takes over (one History entry per
 * renewal); an expired token warns before a preview.
 */
import type { Page } from '@playwright/test'
import { expect, fillTokenForm, test } from './fixtures'
import { shots } from './shots'

const entry = (page: Page, kind: string, name: string) => page.locator(`[data-testid="event-log-entry"][data-kind="${kind}"][data-name="${name}"]`)

test('the Result pane and the preview bar count down to the exact expiry; fast-forward rehearses renewal', async ({ page }) => {
  await fillTokenForm(page, { userid: 'life-user', appid: '59VShVtjM', expiresIn: '10m' })
  await page.getByTestId('generate-button').click()
  await expect(page.getByTestId('result-status')).toHaveText('200')
  const life = page.getByTestId('result-pane').getByTestId('token-life')
  await expect(life.getByTestId('token-lifetime-source')).toHaveText('exact')
  await expect(life.getByTestId('token-countdown')).toHaveText(/^in (10:00|9:5\d)$/)
  await shots(page, 'countdown-result')
  await page.setViewportSize({ width: 1440, height: 900 })
  const first = await life.getByTestId('token-countdown').textContent()
  await expect(life.getByTestId('token-countdown')).not.toHaveText(first ?? '', { timeout: 5_000 })

  await page.getByTestId('preview-button').click()
  await expect(page.getByTestId('preview-status')).toHaveText('Running', { timeout: 20_000 })
  const bar = page.getByTestId('preview-pane').getByTestId('token-life')
  await expect(bar.getByTestId('token-countdown')).toHaveText(/^in \d+:\d\d$/)
  const before = await page.getByTestId('token-output').textContent()

  await page.getByTestId('sidebar-tab-history').click()
  const tokenEntries = page.getByTestId('history-entry').and(page.locator('[data-kind="token"]'))
  await expect(tokenEntries).toHaveCount(1)

  // Fast-forward: the sandbox now refuses the token; the widget meets it, auto-renew gets a new one.
  await bar.getByTestId('token-fast-forward').click()
  await expect(entry(page, 'event', 'qvTokenExpired').first()).toBeAttached({ timeout: 20_000 })
  await expect(entry(page, 'workbench', 'renewal-sent')).toHaveCount(1, { timeout: 20_000 })
  await expect(page.getByTestId('token-output')).not.toHaveText(before ?? '')
  await expect(bar.getByTestId('token-countdown')).toHaveText(/^in (10:00|9:5\d)$/)
  // One History entry per renewal.
  await expect(tokenEntries).toHaveCount(2)
  await page.waitForTimeout(1_500)
  await expect(tokenEntries).toHaveCount(2)
})

test('Preview with an expired token warns first', async ({ page }) => {
  await fillTokenForm(page, { userid: 'short-user', appid: '59VShVtjM', expiresIn: '2s' })
  await page.getByTestId('generate-button').click()
  await expect(page.getByTestId('result-status')).toHaveText('200')
  await expect(page.getByTestId('token-countdown')).toHaveText(/^expired /, { timeout: 5_000 })
  await page.getByTestId('preview-button').click()
  const warning = page.getByTestId('preview-expired-warning')
  await expect(warning).toContainText('The token has expired')
  await expect(page.getByTestId('preview-frame')).toHaveCount(0)
  await page.getByTestId('input-expiresIn').fill('10m')
  await warning.getByTestId('preview-generate-first').click()
  await expect(page.getByTestId('preview-status')).toHaveText('Running', { timeout: 20_000 })
  await expect(page.getByTestId('preview-pane').getByTestId('token-countdown')).toHaveText(/^in /)
})
