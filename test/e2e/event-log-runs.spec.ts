/**
 * Issue 11, small items: the event log's error count is per preview. A
 * preview whose launcher answers 404 logs errors; the next preview (on the
 * sandbox) starts at "no errors in this preview", and the first preview's
 * entries are still there to read, dimmed.
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
