/**
 * Issue 11, small items: Cancel for a token request in flight. A real slow
 * server on loopback takes the request and does not answer for 30 s (the
 * environment's timeout is 60 s); the user presses Cancel, the workbench says
 * "Cancelled", the server sees its connection closed, and History has no error.
 */
import type { IncomingMessage } from 'node:http'
import { startServer } from '../support/failure-servers'
import { addEnvironment, expect, fillTokenForm, test } from './fixtures'
import { shots } from './shots'

async function slowServer() {
  const arrived: IncomingMessage[] = []
  let closed = 0
  const server = await startServer((req, res) => {
    // The pickers ask this instance for its apps too (answered at once): only the token request is slow.
    if (!req.url?.startsWith('/devapi/v4/core/login/token')) {
      res.writeHead(403, { 'content-type': 'application/json' }).end('{"message":"no"}')
      return
    }
    arrived.push(req)
    req.socket.on('close', () => closed++)
    const timer = setTimeout(() => res.end(JSON.stringify({ token: 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..aXY.Y2lwaGVy.dGFn' })), 30_000)
    res.on('close', () => clearTimeout(timer))
  })
  return { server, arrived, closed: () => closed }
}

test('Cancel stops a waiting token request: "Cancelled", the connection closes, nothing lands in History as an error', async ({ page, harness }) => {
  const slow = await slowServer()
  try {
    await addEnvironment(page, { name: 'Slow instance', domain: slow.server.url, apiKey: 'slow-instance-key-0001', timeoutMs: 60_000 })
    await fillTokenForm(page, { userid: 'u1', appid: 'a1' })
    await page.getByTestId('generate-button').click()
    await expect(page.getByTestId('generate-button')).toHaveText('Generating…')
    await expect.poll(() => slow.arrived.length).toBe(1)
    await expect(page.getByTestId('result-busy')).toBeVisible()
    await expect(page.getByTestId('generate-cancel')).toBeVisible()
    await shots(page, 'cancel-waiting', { sizes: ['small'] })

    const started = Date.now()
    await page.getByTestId('generate-cancel').click()
    await expect(page.getByTestId('token-cancelled')).toContainText('Cancelled')
    expect(Date.now() - started).toBeLessThan(10_000)
    await expect(page.getByTestId('token-error')).toHaveCount(0)
    await expect(page.getByTestId('generate-button')).toHaveText('Generate token')
    await expect(page.getByTestId('generate-cancel')).toHaveCount(0)
    await expect.poll(() => slow.closed()).toBe(1)
    await shots(page, 'cancel-done', { sizes: ['small'] })

    // The main process was asked by id, through the shipped bridge.
    expect(harness.ipc.map((c) => c.channel)).toContain('tokens:cancel')
    await page.getByTestId('sidebar-tab-history').click()
    await expect(page.getByTestId('history-empty')).toBeVisible()
    await expect(page.getByTestId('history-entry')).toHaveCount(0)

    // The next request works as before (and a cancel from the result pane works too).
    await page.getByTestId('generate-button').click()
    await expect.poll(() => slow.arrived.length).toBe(2)
    await page.getByTestId('result-cancel').click()
    await expect(page.getByTestId('token-cancelled')).toBeVisible()
    await expect(page.getByTestId('history-entry')).toHaveCount(0)
  } finally {
    await slow.server.close()
  }
})
