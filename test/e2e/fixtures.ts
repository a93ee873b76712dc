/**
 * Playwright fixtures: every test gets a fresh main process (temp data folder,
 * its own sandbox and preview server) and the built renderer open in Chromium
 * through the bridge. After each test, the page must not have hit its CSP.
 */
import { test as base, expect, type Page } from '@playwright/test'
import { startHarness, type Harness, type HarnessOptions } from '../support/harness'

export const test = base.extend<{ harness: Harness; harnessOptions: HarnessOptions }>({
  /** Set with test.use({ harnessOptions: { dialogs: false } }) to run without the scripted dialogs. */
  harnessOptions: [{}, { option: true }],
  // Automatic: every test opens the workbench, whether or not it names the harness.
  harness: [
    async ({ page, harnessOptions }, use) => {
      const harness = await startHarness(harnessOptions)
      await harness.open(page)
      await use(harness)
      await harness.close()
      const violations = harness.console.filter((line) => /Content Security Policy|Refused to (load|execute|apply|frame|connect)/i.test(line))
      expect(violations, 'the workbench page must run under its CSP without violations').toEqual([])
    },
    { auto: true }
  ]
})

export { expect }

export async function fillTokenForm(page: Page, fields: { userid: string; appid: string; clientid?: string; expiresIn?: string }): Promise<void> {
  await page.getByTestId('input-userid').fill(fields.userid)
  await page.getByTestId('input-appid').fill(fields.appid)
  if (fields.clientid !== undefined) await page.getByTestId('input-clientid').fill(fields.clientid)
  if (fields.expiresIn !== undefined) await page.getByTestId('input-expiresIn').fill(fields.expiresIn)
}

export async function addEnvironment(page: Page, env: { name: string; domain: string; apiKey?: string; timeoutMs?: number }): Promise<void> {
  await page.getByTestId('env-add').click()
  await page.getByTestId('env-form-name').fill(env.name)
  await page.getByTestId('env-form-domain').fill(env.domain)
  if (env.apiKey) await page.getByTestId('env-form-key').fill(env.apiKey)
  if (env.timeoutMs) await page.getByTestId('env-form-timeout').fill(String(env.timeoutMs))
  await page.getByTestId('env-form-submit').click()
  await expect(page.getByTestId('environment-item').filter({ hasText: env.name })).toHaveAttribute('aria-current', 'true')
}

export async function selectWidget(page: Page, widgetId: string): Promise<void> {
  await page.getByTestId(`widget-card-${widgetId}`).click()
  await expect(page.getByTestId(`widget-option-${widgetId}`)).toBeChecked()
}

/**
 * Presses "+ New". A modified form must ask first (Save, Discard, Cancel):
 * the test reads the "modified" mark before pressing, then waits for the
 * dialog and discards. Checking the dialog's visibility right after the
 * click raced its first render under load and left New pending.
 */
export async function newSetupDiscarding(page: Page): Promise<void> {
  const modified = (await page.getByTestId('setup-modified').count()) > 0
  await page.getByTestId('setup-new').click()
  if (modified) await page.getByTestId('unsaved-discard').click()
  await expect(page.getByTestId('setup-modified')).toHaveCount(0)
}
