/**
 * Issue 11, small items: the event log's error count is per preview. A
 * preview whose launcher answers 404 logs errors; the next preview (on the
 * sandbox) starts at "no errors in this preview", and the first preview's
 * entries are still there to read, dimmed.
 *
 * Issue 15: the log follows new entries once a frame (not once per entry);
 * it must still follow while the user is at its end, and stay put once the
 * user has scrolled up to read.
 */
import { startServer } from '../support/failure-servers'
import { addEnvironment, expect, fillTokenForm, test } from './fixtures'
import { shots } from './shots'

const FAKE_JWE = 'eyJraWQiOiJmYWtlIiwiYWxnIjoiZGlyIiwiZW5jIjoiQTI1NkdDTSJ9..aXY.Y2lwaGVy.dGFn'

test('the error count starts again with each preview; earlier previews stay readable', async ({ page }) => {
  const broken = await startServer((req, res) => {
    if (req.method === 'POST' && req.url === '/devapi/v4/core/login/token') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: FAKE_JWE }))
    } else res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found')
  })
  try {
    await addEnvironment(page, { name: 'No widgets here', domain: broken.url, apiKey: 'no-widgets-key-0001' })
    await fillTokenForm(page, { userid: 'u1', appid: 'a1' })
    await page.getByTestId('generate-button').click()
    await expect(page.getByTestId('result-status')).toHaveText('200')
    await page.getByTestId('preview-button').click()
    const errors = page.getByTestId('event-log-errors')
    await expect(errors).toHaveText('2 errors in this preview', { timeout: 15_000 })

    // The sandbox, a widget that works: a new preview, a new count.
    await page.getByTestId('environment-item').filter({ hasText: 'Offline sandbox' }).click()
    await fillTokenForm(page, { userid: 'e2e-user', appid: '59VShVtjM' })
    await page.getByTestId('generate-button').click()
    await expect(page.getByTestId('token-output')).toHaveText(/^eyJ/, { timeout: 15_000 })
    await page.getByTestId('preview-button').click()
    await expect(page.locator('[data-testid="event-log-entry"][data-name="mounted"]')).toHaveCount(1, { timeout: 15_000 })
    await expect(errors).toHaveText('no errors in this preview')
    await expect(errors).toHaveAttribute('title', /Earlier previews had 2 more/)
    // The first preview's errors are still in the log, marked as earlier.
    const earlier = page.locator('[data-testid="event-log-entry"].is-earlier')
    await expect(earlier.and(page.locator('[data-name="script-load-failed"]'))).toHaveCount(1)
    await expect(page.locator('[data-testid="event-log-entry"][data-name="preview-started"]')).toHaveCount(2)
    await shots(page, 'event-log-per-preview', { sizes: ['small'] })
  } finally {
    await broken.close()
  }
})

test('the log follows new entries while the user is at its end, and stays where the user scrolled up', async ({ page }) => {
  await fillTokenForm(page, { userid: 'e2e-user', appid: '59VShVtjM' })
  await page.getByTestId('generate-button').click()
  await expect(page.getByTestId('token-output')).toHaveText(/^eyJ/, { timeout: 15_000 })
  const list = page.locator('.event-log-list')
  const mounted = page.locator('[data-testid="event-log-entry"][data-name="mounted"]')
  const previews = async (count: number) => {
    await page.getByTestId('preview-button').click()
    await expect(mounted).toHaveCount(count, { timeout: 15_000 })
  }
  /** How far the list is from its end, in pixels. */
  const fromEnd = () => list.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)
  let shown = 0
  // Previews until the log is longer than its box (a few are enough at this size).
  while (shown < 6) {
    await previews(++shown)
    if (await list.evaluate((el) => el.scrollHeight > el.clientHeight + 40)) break
  }
  expect(await list.evaluate((el) => el.scrollHeight > el.clientHeight + 40), 'the log never grew past its box').toBe(true)
  await expect.poll(fromEnd).toBeLessThan(2)

  // Scrolled up with the wheel, as a reader would: the next preview's entries arrive without moving the list.
  await list.hover()
  await page.mouse.wheel(0, -10_000)
  await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBe(0)
  await previews(++shown)
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  expect(await list.evaluate((el) => el.scrollTop)).toBe(0)

  // Back at the end: it follows again.
  await list.hover()
  await expect.poll(async () => {
    await page.mouse.wheel(0, 2000)
    return fromEnd()
  }).toBeLessThan(2)
  await previews(++shown)
  await expect.poll(fromEnd).toBeLessThan(2)
})
