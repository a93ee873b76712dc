/**
 * Issue 11, small items: "+ New" gives a blank form without "required"
 * errors; a field's message comes back once it is touched (Generate stays
 * disabled, with the reason beside it, while the form is incomplete).
 */
import { expect, newSetupDiscarding, test } from './fixtures'
import { shots } from './shots'

test('"+ New" shows a blank form without required errors until a field is touched', async ({ page }) => {
  const userid = page.getByTestId('input-userid')
  // Typed, then emptied: the message is right here.
  await userid.fill('someone')
  await userid.fill('')
  await page.getByTestId('input-appid').fill('59VShVtjM')
  await page.getByTestId('input-appid').fill('')
  await expect(page.getByTestId('input-userid-error')).toContainText('userid is required')
  await expect(page.getByTestId('input-appid-error')).toContainText('appid is required')

  await newSetupDiscarding(page)
  await expect(userid).toHaveValue('')
  await expect(page.getByTestId('input-userid-error')).toHaveCount(0)
  await expect(page.getByTestId('input-appid-error')).toHaveCount(0)
  await expect(page.locator('.field.invalid')).toHaveCount(0)
  await shots(page, 'new-form-pristine', { sizes: ['small'] })

  // Touching one field shows that field's message only.
  await userid.focus()
  await userid.blur()
  await expect(page.getByTestId('input-userid-error')).toContainText('userid is required')
  await expect(page.getByTestId('input-appid-error')).toHaveCount(0)

  // On the blank form, the line under Generate still says why it cannot be pressed yet.
  await newSetupDiscarding(page)
  await expect(page.getByTestId('input-userid-error')).toHaveCount(0)
  await expect(page.getByTestId('generate-button')).toBeDisabled()
  await expect(page.getByTestId('generate-reason')).toContainText("Can't generate yet")
})
