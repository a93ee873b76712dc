/**
 * Issue 11, small items: share text is no longer only an opaque `qwb1.`
 * blob. Before copying, a dialog says what it holds (setup, widget, userid,
 * appid, environment and domain, no key); "Copy with summary" puts that
 * above the blob; pasting shows the same summary, and the text imports.
 */
import type { Page } from '@playwright/test'
import { addEnvironment, expect, fillTokenForm, test } from './fixtures'
import { shots } from './shots'

const KEY = 'SENTINEL-share-summary-key-7781'
const item = (page: Page, name: string) => page.getByTestId('setup-item').filter({ has: page.getByTestId('setup-item-name').getByText(name, { exact: true }) })

test('share text: read what it holds before copying, copy it with its summary, see the summary again when pasting', async ({ page, context, harness }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await addEnvironment(page, { name: 'Acme staging', domain: harness.app.sandbox.url, apiKey: KEY })
  await fillTokenForm(page, { userid: 'izfZIkc', appid: '59VShVtjM' })
  await page.getByTestId('sidebar-tab-setups').click()
  await page.getByTestId('setup-save-as').click()
  await page.getByTestId('setup-name-input').fill('Customer 4711')
  await page.getByTestId('setup-name-confirm').click()
  await expect(page.getByTestId('setup-current')).toHaveText('Customer 4711')

  await item(page, 'Customer 4711').getByTestId('setup-menu').click()
  await item(page, 'Customer 4711').getByTestId('share-copy').click()
  const dialog = page.getByTestId('share-dialog')
  await expect(dialog).toBeVisible()
  await expect(page.getByTestId('share-summary-headline')).toHaveText('This text holds 1 setup, 1 environment; no API keys or tokens.')
  const lines = page.getByTestId('share-summary-line')
  await expect(lines).toHaveCount(2)
  await expect(lines.nth(0)).toHaveText('Setup "Customer 4711": Page View (page-view) · userid "izfZIkc" · appid "59VShVtjM" · environment "Acme staging"')
  await expect(lines.nth(1)).toHaveText(`Environment "Acme staging": ${harness.app.sandbox.url} (timeout 15000 ms), no API key`)
  await expect(page.getByTestId('share-text')).toHaveValue(/^qwb1\./)
  await shots(page, 'share-dialog', { sizes: ['small'] })

  await page.getByTestId('share-copy-with-summary').click()
  await expect(dialog).toHaveCount(0)
  await expect(page.getByTestId('workspace-toast')).toContainText('copied with its summary')
  const clipboard = await page.evaluate(() => navigator.clipboard.readText())
  expect(clipboard.split('\n')[0]).toBe('# Qrvey Embed Workbench share text: 1 setup, 1 environment; no API keys or tokens.')
  expect(clipboard.split('\n')[1]).toBe('# Setup "Customer 4711": Page View (page-view) · userid "izfZIkc" · appid "59VShVtjM" · environment "Acme staging"')
  expect(clipboard.split('\n').at(-1)).toMatch(/^qwb1\./)
  expect(clipboard).not.toContain(KEY)

  // Pasting: the same summary under the box, before Preview import; then the import reads it.
  await page.getByTestId('share-paste-toggle').click()
  await page.getByTestId('share-paste-input').fill(clipboard)
  await expect(page.getByTestId('share-paste-summary')).toContainText('It holds 1 setup, 1 environment; no API keys or tokens.')
  await expect(page.getByTestId('share-paste-summary-line').nth(0)).toHaveText('Setup "Customer 4711": Page View (page-view) · userid "izfZIkc" · appid "59VShVtjM" · environment "Acme staging"')
  await shots(page, 'share-paste-summary', { sizes: ['small'] })
  await page.getByTestId('share-paste-import').click()
  await expect(page.getByTestId('import-preview').getByTestId('import-item')).toHaveAttribute('data-action', 'unchanged')
  await page.getByTestId('import-cancel').click()

  // A text cut short says why, in place of the summary.
  await page.getByTestId('share-paste-input').fill(clipboard.slice(0, -4))
  await expect(page.getByTestId('share-paste-summary')).toContainText('Copy')
})
