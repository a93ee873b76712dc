/**
 * The setups panel's workspace footer (the folder, Reload, Open folder…, Open folder by path…) at the
 * narrowest window the brief names: every link stays inside the sidebar, none is cut off. The
 * harness offers both ways to open a folder (its scripted dialog and the typed path), the longest
 * row the footer can have.
 */
import type { Locator } from '@playwright/test'
import { expect, test } from './fixtures'
import { shots, SIZES } from './shots'

/** What sticks out of `container`: itself scrolling sideways, or a child outside its box or the window. */
async function overflowOf(container: Locator): Promise<string[]> {
  return container.evaluate((el) => {
    const box = el.getBoundingClientRect()
    const out: string[] = []
    if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.className}: scrollWidth ${el.scrollWidth} > ${el.clientWidth}`)
    for (const child of el.querySelectorAll<HTMLElement>('button, .section-title, code')) {
      const r = child.getBoundingClientRect()
      if (r.width === 0) continue
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.right > window.innerWidth) out.push(`${child.textContent?.trim().slice(0, 40)}: ${r.left}-${r.right} outside ${box.left}-${box.right}`)
    }
    return out
  })
}

test('the workspace footer keeps every link inside the sidebar at 1280x800 and 1920x1080', async ({ page }) => {
  await page.getByTestId('sidebar-tab-setups').click()
  const footer = page.getByTestId('workspace-folder')
  await expect(footer.getByTestId('workspace-choose')).toBeVisible()
  await expect(footer.getByTestId('workspace-type-toggle')).toBeVisible()
  for (const size of [SIZES.small, SIZES.large]) {
    await page.setViewportSize(size)
    expect(await overflowOf(footer)).toEqual([])
    expect(await overflowOf(page.getByTestId('setups-panel'))).toEqual([])
  }
  await page.setViewportSize(SIZES.small)
  // Each link still works where it now sits.
  await footer.getByTestId('workspace-type-toggle').click()
  await expect(page.getByTestId('workspace-type-form')).toBeVisible()
  expect(await overflowOf(footer)).toEqual([])
  await shots(page, 'workspace-footer', { sizes: ['small'] })
})
