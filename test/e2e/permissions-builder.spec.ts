/**
 * Issue 11, point 3 in Chromium: the permissions builder beside the JSON
 * editor edits the same document (dataset -> security name -> validation
 * type -> values, groups with AND/OR), with the sandbox's security names and
 * the values that exist; the token it builds narrows the data.
 */
import { expect, fillTokenForm, test } from './fixtures'
import { shots } from './shots'

test('the builder and the JSON editor edit one document; security names suggest their values', async ({ page }) => {
  await fillTokenForm(page, { userid: 'rls-user', appid: '59VShVtjM' })
  await page.getByTestId('permissions-builder-toggle').click()
  const builder = page.getByTestId('permissions-builder')
  await builder.getByTestId('perm-add-dataset').click()
  // One rule per security name of sales-orders, each "*" (a token must name every security column).
  await expect(builder.getByTestId('perm-dataset-id')).toHaveValue('sales-orders')
  const region = builder.getByTestId('perm-rule').filter({ has: page.locator('[data-testid="perm-security-name"][value="region"]') })
  await expect(region).toHaveCount(1)
  // Narrow region to Europe: drop "*", pick Europe from the values that exist.
  await region.getByRole('button', { name: 'Remove *' }).click()
  await expect(region.getByTestId('perm-suggestion').filter({ hasText: 'Europe' })).toBeVisible()
  await region.getByTestId('perm-suggestion').filter({ hasText: 'Europe' }).click()
  const editor = page.getByTestId('permissions-editor-input')
  await expect(editor).toContainText('"Europe"')
  await shots(page, 'permissions-builder', { prepare: async () => builder.scrollIntoViewIfNeeded() })

  // A group with OR, then an edit in the JSON editor shows in the builder.
  await builder.getByTestId('perm-add-group').first().click()
  await expect(editor).toContainText('"operator": "OR"')
  const text = (await editor.textContent()) ?? ''
  await editor.fill(text.replace('"Europe"', '"Asia Pacific"'))
  await expect(region.getByTestId('perm-value')).toHaveText(['Asia Pacific×'])
})
