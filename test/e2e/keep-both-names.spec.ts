/**
 * Issue 11, small items: "Keep both" names truncated until both rows looked
 * identical. The distinguishing suffix now stays in view (the part before it
 * is truncated) and the full name is the row's tooltip.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { shots } from './shots'

const LONG = 'Customer 4711 single panel for the quarterly revenue review with the regional managers'

function exportText(userid: string): string {
  return JSON.stringify({
    format: 'qrvey-embed-workbench',
    formatVersion: 1,
    setups: [{ formatVersion: 1, name: LONG, environment: 'Offline sandbox', widget: 'page-view', token: { userid, appid: '59VShVtjM' } }],
    environments: []
  })
}

/** `conflict`: a setup of that name is already there, so the preview offers "Keep both". */
async function importKeepBoth(page: Page, userid: string, conflict: boolean) {
  await page.getByTestId('share-paste-input').fill(exportText(userid))
  await page.getByTestId('share-paste-import').click()
  await expect(page.getByTestId('import-preview')).toBeVisible()
  if (conflict) {
    await page.getByTestId('import-policy-keep-both').check()
    await expect(page.getByTestId('import-item-action')).toHaveText('kept as copy')
  }
  await page.getByTestId('import-apply').click()
  await expect(page.getByTestId('import-preview')).toHaveCount(0)
}

test('"Keep both" names keep their distinguishing suffix in view in a narrow list; the full name is the tooltip', async ({ page }) => {
  await page.getByTestId('sidebar-tab-setups').click()
  await page.getByTestId('share-paste-toggle').click()
  await importKeepBoth(page, 'first', false)
  await importKeepBoth(page, 'second', true)
  await importKeepBoth(page, 'third', true)
  const names = page.getByTestId('setup-item-name')
  await expect(names).toHaveCount(3)
  await expect(page.getByTestId('setup-item-name-tail')).toHaveText([' (imported)', ' (imported) (2)'])

  // What the eye sees: each row's visible text differs, and every tail lies inside its row.
  for (const row of await page.getByTestId('setup-item').all()) {
    const title = row.getByTestId('setup-item-name')
    const rowBox = (await row.boundingBox())!
    const titleBox = (await title.boundingBox())!
    expect(titleBox.x + titleBox.width).toBeLessThanOrEqual(rowBox.x + rowBox.width)
    const tail = row.getByTestId('setup-item-name-tail')
    if ((await tail.count()) === 0) continue
    const tailBox = (await tail.boundingBox())!
    expect(tailBox.width).toBeGreaterThan(10)
    expect(tailBox.x + tailBox.width, 'the suffix is not cut off').toBeLessThanOrEqual(titleBox.x + titleBox.width + 1)
    // The part before it is what gets truncated.
    expect(await row.locator('.setup-item-head').evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true)
  }
  await expect(names.nth(1)).toHaveAttribute('title', /.+/)
  const titles = await names.evaluateAll((els) => els.map((el) => el.getAttribute('title')))
  expect(new Set(titles).size).toBe(3)
  expect(titles).toContain(`${LONG} (imported) (2)`)
  await shots(page, 'keep-both-names', { sizes: ['small'] })
})
