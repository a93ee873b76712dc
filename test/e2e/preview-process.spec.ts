/**
 * Issue 15: where previews are another site than the workbench page (always
 * in the desktop app, app://workbench; here browser mode with the single
 * preview on http://localhost:PORT while the page is on 127.0.0.1), Chromium
 * runs them in a renderer process of their own. Each Preview replaces the
 * frame, so without the hidden keeper frame (PreviewPane.vue) the process
 * ended with the old frame and every preview waited for a new one: about
 * 250 ms of 400-700 ms to first data on two cores
 * (bench/preview-first-data.ts PREVIEW_HOST=localhost). With it, the next
 * preview joins the running process.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

test.use({ harnessOptions: { previewHost: 'localhost' } })

/** Clicks Preview and waits for the new frame's widget; `previous`: the frame a new preview replaces. */
async function previewUntilReady(page: Page, label: RegExp, previous?: string): Promise<string> {
  await page.getByTestId('preview-button').filter({ hasText: label }).click()
  const frame = page.getByTestId('preview-frame')
  // The old frame stays until main has made the new preview: read too early, its src (and its ready
  // widget) were the old preview's (a CI run failed so: the "second" URL was the first).
  if (previous !== undefined) await expect(frame).not.toHaveAttribute('src', previous, { timeout: 15_000 })
  const src = (await frame.getAttribute('src')) ?? ''
  await expect(page.frameLocator('[data-testid="preview-frame"]').locator('[data-qv-state="ready"]')).toBeAttached({ timeout: 20_000 })
  return src
}

test('a new preview joins the preview site\'s running renderer process, which the hidden keeper frame holds between previews', async ({ page, harness, browser }) => {
  expect(harness.app.previewServer.origin).toMatch(/^http:\/\/localhost:\d+$/)
  await page.getByTestId('input-userid').fill('e2e-user')
  await page.getByTestId('input-appid').fill('59VShVtjM')
  await page.getByTestId('generate-button').click()
  await expect(page.getByTestId('token-output')).toHaveText(/^eyJ/, { timeout: 15_000 })
  const first = await previewUntilReady(page, /^Preview$/)
  expect(first.startsWith(`${harness.app.previewServer.origin}/preview/`)).toBe(true)

  const keeper = page.getByTestId('preview-keeper')
  await expect(keeper).toHaveAttribute('src', `${harness.app.previewServer.origin}/keep-alive`)
  await keeper.evaluate((el) => Object.assign(el, { __sameElement: true }))

  const cdp = await browser.newBrowserCDPSession()
  const renderers = async () => {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; id: number }> }
    return processInfo.filter((p) => p.type === 'renderer').map((p) => p.id)
  }
  const before = new Set(await renderers())
  const second = await previewUntilReady(page, /^Preview again$/, first)
  expect(second).not.toBe(first)
  // The second preview's frame is a new frame in the process the first one ran in: no renderer was started for it.
  expect((await renderers()).filter((id) => !before.has(id))).toEqual([])
  await cdp.detach()

  // One keeper for the whole page, not one per preview; hidden, out of the tab order and the accessibility tree.
  expect(await keeper.evaluate((el) => (el as unknown as { __sameElement?: boolean }).__sameElement)).toBe(true)
  await expect(keeper).toBeHidden()
  await expect(keeper).toHaveAttribute('tabindex', '-1')
  await expect(keeper).toHaveAttribute('aria-hidden', 'true')
  // Its page is empty: no script, nothing loaded from it.
  const keeperFrame = page.frames().find((f) => f.url() === `${harness.app.previewServer.origin}/keep-alive`)
  expect(keeperFrame).toBeDefined()
  expect(await keeperFrame!.evaluate(() => document.querySelectorAll('script, link, img, iframe').length)).toBe(0)
})
