/**
 * Issue 15, "fast where it is felt": the first screen must not jump. The
 * line under Generate said "Loading environments…" (one line), then "Can't
 * generate yet: userid is required: …" (two lines at 1280 px), and vanished
 * once the form was ready, then came back for every token request: each
 * change pushed the widget picker and everything under it up or down while
 * the user was reaching for it. The line is now always two lines high.
 *
 * Every painted frame from the page's start is sampled (requestAnimationFrame)
 * for where the widget picker and the sidebar's tabs are, through start-up,
 * filling the form and a token request.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

/** Where the widget picker's top was in the form, in each frame since the page started (once it existed). */
async function pickerTops(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __pickerTops: number[] }).__pickerTops)
}

/** Where each sidebar tab's left edge was, in each frame since the tabs existed ("x,x,x,x" per frame). */
async function tabLefts(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __tabLefts: string[] }).__tabLefts)
}

/** A second page of the same session, at 1280x800 from its first frame, sampling every frame. */
async function openRecording(page: Page, origin: string): Promise<Page> {
  const recorded = await page.context().newPage()
  await recorded.addInitScript(() => {
    const w = window as unknown as { __pickerTops: number[]; __tabLefts: string[] }
    w.__pickerTops = []
    w.__tabLefts = []
    const sample = () => {
      const tabs = [...document.querySelectorAll('[data-testid^="sidebar-tab-"]')]
      if (tabs.length > 0) w.__tabLefts.push(tabs.map((tab) => Math.round(tab.getBoundingClientRect().left)).join(','))
      const picker = document.querySelector('[data-testid="widget-picker"]')
      const form = document.querySelector('[data-testid="token-form"]')
      // Within the form, so that scrolling the column (filling a field scrolls it into view) is not a move.
      if (picker && form) w.__pickerTops.push(Math.round(picker.getBoundingClientRect().top - form.getBoundingClientRect().top))
      requestAnimationFrame(sample)
    }
    requestAnimationFrame(sample)
  })
  await recorded.setViewportSize({ width: 1280, height: 800 })
  await recorded.goto(`${origin}/`)
  return recorded
}

test('the widget picker stays put from the first frame, through a ready form and a token request (1280x800)', async ({ page, harness }) => {
  const recorded = await openRecording(page, harness.origin)

  // Start-up: environments listed, the form checked ("userid is required", two lines at this width).
  await expect(recorded.getByTestId('generate-reason')).toContainText('userid is required')
  await expect(recorded.getByTestId('environment-item').first()).toBeVisible()
  // Two lines of text at this width: the case that moved the form.
  const lines = await recorded.getByTestId('generate-reason').evaluate((el) => {
    const range = document.createRange()
    range.selectNodeContents(el)
    return new Set([...range.getClientRects()].map((box) => Math.round(box.top))).size
  })
  expect(lines).toBe(2)

  // Ready: the line says so instead of vanishing.
  await recorded.getByTestId('input-userid').fill('steady-user')
  await recorded.getByTestId('input-appid').fill('59VShVtjM')
  await expect(recorded.getByTestId('generate-ready')).toContainText('Ready')
  await expect(recorded.getByTestId('generate-reason')).toHaveCount(0)
  await expect(recorded.getByTestId('generate-button')).toBeEnabled()

  // A token request: "A token request is on its way." while it runs, then ready again.
  await recorded.getByTestId('generate-button').click()
  await expect(recorded.getByTestId('result-status')).toHaveText('200', { timeout: 15_000 })
  await expect(recorded.getByTestId('generate-ready')).toBeVisible()

  const tops = await pickerTops(recorded)
  expect(tops.length, 'frames sampled').toBeGreaterThan(10)
  expect([...new Set(tops)], 'the widget picker moved between frames').toEqual([tops[0]])
  // The sidebar's tabs too: the Setups count arrives after the first frame and used to push the tabs after it.
  await expect(recorded.getByTestId('setups-tab-count')).toHaveText('0')
  const lefts = await tabLefts(recorded)
  expect([...new Set(lefts)], 'the sidebar tabs moved between frames').toEqual([lefts[0]])
  await recorded.close()
})

test('the compare entry is laid out on the first screen before the compare view (and its styles) ever loaded', async ({ page }) => {
  const entry = page.getByTestId('open-compare')
  await expect(entry).toHaveText('Compare personas…')
  // Its rule lived in the compare view's lazy stylesheet: edge to edge across the sidebar until Compare was opened once.
  expect(await entry.evaluate((el) => getComputedStyle(el).marginLeft)).toBe('10px')
  const [button, sidebar] = [await entry.boundingBox(), await page.getByTestId('sidebar').boundingBox()]
  expect(button!.x - sidebar!.x).toBeGreaterThanOrEqual(8)
})
