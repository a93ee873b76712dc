/**
 * Previews carry a token, so only the workbench may frame them (issue 7,
 * point 7: CSP frame-ancestors). In Chromium: the workbench page frames a
 * preview; a page of any other origin (here another loopback port, as a
 * hostile local page or a DNS-rebound one would be) gets Chromium's refusal.
 */
import { createServer } from 'node:http'
import { test, expect } from './fixtures'

test('a preview shows inside the workbench and is refused inside any other page', async ({ page, harness, context }) => {
  const url = harness.app.previewServer.publish({ html: '<!doctype html><p id="mark">framed preview</p>', csp: "default-src 'none'" })

  // The workbench origin frames it (as the preview pane does).
  await page.evaluate((src) => {
    const frame = document.createElement('iframe')
    frame.id = 'framing-test'
    frame.src = src
    document.body.append(frame)
  }, url)
  await expect(page.frameLocator('#framing-test').locator('#mark')).toHaveText('framed preview')

  // Another origin gets nothing.
  const foreign = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><iframe id="f" src="${url}"></iframe>`)
  })
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve))
  try {
    const port = (foreign.address() as { port: number }).port
    const other = await context.newPage()
    const refusals: string[] = []
    other.on('console', (message) => refusals.push(message.text()))
    await other.goto(`http://127.0.0.1:${port}/`)
    await expect.poll(() => refusals.join('\n')).toMatch(/frame-ancestors/)
    await expect(other.frameLocator('#f').locator('#mark')).toHaveCount(0)
    await other.close()
  } finally {
    foreign.closeAllConnections()
    await new Promise((resolve) => foreign.close(resolve))
  }
})
