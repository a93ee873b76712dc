/**
 * Issue 11, small items: the import preview shows what a replacing setup
 * changes (field by field, before -> after), and an environment with the
 * same name but another domain is named with a choice: keep mine, or
 * import as "<name> (2)" (created with its key, used by the setups).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { addEnvironment, expect, fillTokenForm, test } from './fixtures'
import { shots } from './shots'

test('import preview: a field-by-field diff, and a same-name environment with another domain offers keep mine / import as (2)', async ({ page, harness }) => {
  await addEnvironment(page, { name: 'Acme staging', domain: harness.app.sandbox.url, apiKey: 'acme-staging-key-0001' })
  await fillTokenForm(page, { userid: 'izfZIkc', appid: '59VShVtjM' })
  await page.getByTestId('sidebar-tab-setups').click()
  await page.getByTestId('setup-save-as').click()
  await page.getByTestId('setup-name-input').fill('Ticket 42')
  await page.getByTestId('setup-name-confirm').click()
  await expect(page.getByTestId('setup-current')).toHaveText('Ticket 42')

  const otherDomain = 'https://acme-eu.qrveyapp.com'
  const file = {
    format: 'qrvey-embed-workbench',
    formatVersion: 1,
    setups: [{ formatVersion: 1, name: 'Ticket 42', environment: 'Acme staging', widget: 'page-view', token: { userid: 'other-user', appid: '59VShVtjM', expiresIn: '1h' }, widgetFields: { dashboardId: 'products' } }],
    environments: [{ name: 'Acme staging', domain: otherDomain }]
  }
  await page.getByTestId('share-paste-toggle').click()
  await page.getByTestId('share-paste-input').fill(JSON.stringify(file))
  await page.getByTestId('share-paste-import').click()
  const dialog = page.getByTestId('import-preview')
  await expect(dialog.getByTestId('import-item-action')).toHaveText('replaces existing')
  await expect(dialog.locator('[data-testid="import-change"][data-field="token.userid"]')).toContainText('izfZIkc→other-user')
  await expect(dialog.locator('[data-testid="import-change"][data-field="widgetFields.dashboardId"]')).toContainText('—→products')

  const conflict = dialog.getByTestId('import-env-conflict')
  await expect(conflict).toContainText(`Acme staging is ${harness.app.sandbox.url} here; the file has ${otherDomain}`)
  await expect(conflict.getByTestId('import-env-keep')).toBeChecked()
  await shots(page, 'import-diff', { sizes: ['small'] })

  // Import as "Acme staging (2)": the setup now names it, and it is offered to create.
  await conflict.getByTestId('import-env-rename').check()
  await expect(dialog.getByTestId('import-missing-env')).toContainText('Acme staging (2)')
  await expect(dialog.getByTestId('import-missing-env')).toContainText(otherDomain)
  await expect(dialog.locator('[data-testid="import-change"][data-field="environment"]')).toContainText('Acme staging→Acme staging (2)')
  await shots(page, 'import-env-conflict', { sizes: ['small'] })
  await dialog.getByTestId('import-apply').click()
  await expect(dialog).toHaveCount(0)
  const saved = JSON.parse(readFileSync(join(harness.app.workspace.path, 'setups', 'Ticket 42.json'), 'utf8'))
  expect(saved.environment).toBe('Acme staging (2)')
  expect(saved.token.userid).toBe('other-user')
  // Mine is untouched.
  await page.getByTestId('sidebar-tab-environments').click()
  await expect(page.getByTestId('environment-item').filter({ hasText: 'Acme staging' }).first()).toContainText(harness.app.sandbox.url)
})
