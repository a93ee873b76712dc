/**
 * Issue 11, point 6 in Chromium against the real handlers and files: an
 * edit is never lost. History "Re-run" opens the request as a new draft with
 * its widget fields and never writes into the open setup (the setup file
 * stays byte-identical); unsaved changes survive a reload; leaving the page
 * with unsaved changes asks first.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { Harness } from '../support/harness'
import { expect, fillTokenForm, selectWidget, test } from './fixtures'

const setupsDir = (harness: Harness) => join(harness.app.workspace.path, 'setups')
function setupFile(harness: Harness, name: string): { file: string; text: string } {
  const dir = setupsDir(harness)
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const text = readFileSync(join(dir, file), 'utf8')
    if (JSON.parse(text).name === name) return { file, text }
  }
  throw new Error(`no setup named ${name}`)
}

async function saveAs(page: Page, name: string) {
  await page.getByTestId('setup-save-as').click()
  await page.getByTestId('setup-name-input').fill(name)
  await page.getByTestId('setup-name-confirm').click()
  await expect(page.getByTestId('setup-current')).toHaveText(name)
  await expect(page.getByTestId('setup-modified')).toHaveCount(0)
}

test('Re-run opens the entry as a new draft with its widget fields; the open setup file stays byte-identical', async ({ page, harness }) => {
  // A Page View request for the Products dashboard goes into the history.
  await selectWidget(page, 'page-view')
  await page.getByTestId('widget-field-dashboardId').fill('products')
  await fillTokenForm(page, { userid: 'viewer-1', appid: '59VShVtjM' })
  await page.getByTestId('generate-button').click()
  await expect(page.getByTestId('result-status')).toHaveText('200')

  // The customer's single-panel setup is saved and open.
  await page.getByTestId('setup-new').click()
  await page.getByTestId('unsaved-discard').click()
  await selectWidget(page, 'single-panel')
  await page.getByTestId('widget-field-qrveyId').fill('sales-orders')
  await page.getByTestId('widget-field-type').selectOption('CHART')
  await page.getByTestId('widget-field-chartId').fill('revenue-by-region')
  await fillTokenForm(page, { userid: 'customer-4711', appid: '59VShVtjM' })
  await page.getByTestId('sidebar-tab-setups').click()
  await saveAs(page, 'Customer 4711 single panel')
  const before = setupFile(harness, 'Customer 4711 single panel')

  await page.getByTestId('sidebar-tab-history').click()
  const entry = page.getByTestId('history-entry').filter({ hasText: 'viewer-1' })
  await entry.getByTestId('history-rerun').click()

  // A new draft: the Page View request with its dashboard, the setup closed.
  await expect(page.getByTestId('setup-current')).toHaveText('Untitled setup')
  await expect(page.getByTestId('setup-notice')).toContainText('"Customer 4711 single panel" is unchanged')
  await expect(page.getByTestId('widget-option-page-view')).toBeChecked()
  await expect(page.getByTestId('widget-field-dashboardId')).toHaveValue('products')
  await expect(page.getByTestId('input-userid')).toHaveValue('viewer-1')
  await expect(page.getByTestId('request-body')).toContainText('"userid": "viewer-1"')

  // Save asks for a name (it is a draft); Ctrl+S writes nothing.
  await page.keyboard.press('Control+s')
  await page.getByTestId('setup-save').click()
  await expect(page.getByTestId('setup-name-input')).toBeVisible()
  await page.getByTestId('setup-name-input').fill('Products view')
  await page.getByTestId('setup-name-confirm').click()
  await expect(page.getByTestId('setup-current')).toHaveText('Products view')

  const after = setupFile(harness, 'Customer 4711 single panel')
  expect(after.file).toBe(before.file)
  expect(after.text).toBe(before.text)
  expect(JSON.parse(setupFile(harness, 'Products view').text)).toMatchObject({ widget: 'page-view', widgetFields: { dashboardId: 'products' }, token: { userid: 'viewer-1' } })
})

test('unsaved changes survive a reload, and leaving the page asks first', async ({ page, harness }) => {
  await selectWidget(page, 'page-view')
  await fillTokenForm(page, { userid: 'before-reload', appid: '59VShVtjM' })
  await page.getByTestId('sidebar-tab-setups').click()
  await saveAs(page, 'Kept')
  const saved = setupFile(harness, 'Kept').text
  await page.getByTestId('input-userid').fill('typed-not-saved')
  await page.getByTestId('widget-field-dashboardId').fill('products')
  await expect(page.getByTestId('setup-modified')).toBeVisible()

  // Leaving asks first (the browser's "Leave site?"; Electron turns it into a dialog).
  const asked = new Promise<string>((resolve) => page.once('dialog', (dialog) => {
    resolve(dialog.type())
    void dialog.accept()
  }))
  await page.reload()
  expect(await asked).toBe('beforeunload')

  // After the reload: the setup is open again with the unsaved edits, marked modified.
  await expect(page.getByTestId('setup-current')).toHaveText('Kept')
  await expect(page.getByTestId('input-userid')).toHaveValue('typed-not-saved')
  await expect(page.getByTestId('widget-field-dashboardId')).toHaveValue('products')
  await expect(page.getByTestId('setup-modified')).toBeVisible()
  await expect(page.getByTestId('setup-notice')).toContainText('unsaved changes from the last session are back')
  expect(setupFile(harness, 'Kept').text).toBe(saved)

  // Saved: nothing is kept any more, and leaving no longer asks.
  await page.getByTestId('setup-save').click()
  await expect(page.getByTestId('setup-modified')).toHaveCount(0)
  await expect.poll(() => harness.app.drafts.get()).toBeNull()
  let dialogs = 0
  page.on('dialog', (dialog) => {
    dialogs++
    void dialog.dismiss()
  })
  await page.reload()
  await expect(page.getByTestId('input-userid')).toHaveValue('typed-not-saved')
  await expect(page.getByTestId('setup-modified')).toHaveCount(0)
  expect(dialogs).toBe(0)
})
