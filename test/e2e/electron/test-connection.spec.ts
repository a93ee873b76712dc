/**
 * Issue 13 in the desktop app: Test connection's last step, "a widget
 * rendered", runs in a hidden, locked-down Electron window
 * (src/main/electron-page-driver.ts): no Chromium needs to be installed, so
 * the app is started with CHROMIUM_PATH pointing nowhere. The loop it drives
 * is tested under Node (test/unit/main/headless/render-widget.test.ts); this
 * checks the Electron side. Skipped, with the reason, where no Electron binary exists.
 */
import { expect, test, type ElectronApplication, type Page } from '@playwright/test'
import { electronTarget, launchApp, makeDataDir, type DataDir } from './launch'

const { target, reason } = electronTarget()
test.skip(!target, reason)
test.describe.configure({ mode: 'serial' })

let data: DataDir
let app: ElectronApplication
let page: Page

test.beforeAll(async () => {
  data = makeDataDir()
  app = await launchApp(target!, data.dir, { CHROMIUM_PATH: '/nonexistent/chromium-for-this-test' })
  page = await app.firstWindow()
  await expect(page.getByTestId('environment-item').first()).toContainText('Offline sandbox', { timeout: 30_000 })
})

test.afterAll(async () => {
  await app?.close().catch(() => {})
  data?.cleanup()
})

/** Every window Electron has, hidden ones included: what the page in it can reach, and its session. */
function windows() {
  return app.evaluate(async ({ BrowserWindow, session }) =>
    Promise.all(
      BrowserWindow.getAllWindows().map(async (w) => {
        const url = w.webContents.getURL()
        // What a script of the page sees: no Node, no preload's bridge.
        const reach = url.startsWith('app://')
          ? ''
          : await w.webContents.mainFrame.executeJavaScript('[typeof require, typeof process, typeof module, typeof workbench].join(",")').catch(() => 'closed')
        return { url, visible: w.isVisible(), reach, defaultSession: w.webContents.session === session.defaultSession, persistent: w.webContents.session.isPersistent() }
      })
    )
  )
}

test('Test connection against the sandbox: every step passes, the widget rendered in a hidden window, which is gone afterwards', async () => {
  await expect(page.getByTestId('env-details')).toBeVisible()
  await page.getByTestId('env-test-connection').click()
  // While the widget step runs, its window exists: hidden, no Node, no bridge, a session of its own in memory.
  await expect
    .poll(async () => (await windows()).filter((w) => !w.url.startsWith('app://')), { timeout: 30_000, intervals: [100] })
    .toEqual([expect.objectContaining({ visible: false, reach: 'undefined,undefined,undefined,undefined', defaultSession: false, persistent: false })])
  await expect(page.getByTestId('doctor-summary')).toHaveText('All checks passed.', { timeout: 45_000 })
  await expect(page.getByTestId('doctor-step-widget')).toHaveAttribute('data-status', 'pass')
  await expect(page.getByTestId('doctor-step-widget')).toContainText('qvDSHItemsLoaded')
  await expect.poll(async () => (await windows()).map((w) => w.url)).toEqual(['app://workbench/index.html'])
})

test('the render window cannot open windows or navigate away, and is destroyed when the render ends', async () => {
  // A second run, the sandbox slowed down (rehearsal latency) so the render lasts; its page tries to escape meanwhile.
  type Bridge = { workbench: { sandbox: { setModes(m: unknown): Promise<unknown>; resetModes(): Promise<unknown> } } }
  await page.evaluate(() => (globalThis as unknown as Bridge).workbench.sandbox.setModes({ latencyMs: 1500 }))
  await page.getByTestId('env-test-connection').click()
  await expect.poll(async () => (await windows()).filter((w) => w.url.startsWith('http://127.0.0.1')).length, { timeout: 45_000, intervals: [100] }).toBe(1)
  const escaped = await app.evaluate(async ({ BrowserWindow }) => {
    const render = BrowserWindow.getAllWindows().find((w) => w.webContents.getURL().startsWith('http://127.0.0.1'))
    if (!render) return 'no render window'
    const before = render.webContents.getURL()
    const opened = await render.webContents.mainFrame.executeJavaScript(`window.open('https://example.invalid/') === null`)
    await render.webContents.mainFrame.executeJavaScript(`location.href = 'https://example.invalid/'; true`)
    await new Promise((resolve) => setTimeout(resolve, 500))
    return { opened, stayed: render.isDestroyed() || render.webContents.getURL() === before, windows: BrowserWindow.getAllWindows().length }
  })
  expect(escaped).toEqual({ opened: true, stayed: true, windows: 2 })
  // The run ends (the button leaves "Testing…"), and the widget still rendered: the escape attempts changed nothing.
  await expect(page.getByTestId('env-test-connection')).not.toHaveText('Testing…', { timeout: 60_000 })
  await expect(page.getByTestId('doctor-summary')).toHaveText('All checks passed.')
  await expect(page.getByTestId('doctor-step-widget')).toHaveAttribute('data-status', 'pass')
  await expect.poll(async () => (await windows()).map((w) => w.url), { timeout: 30_000 }).toEqual(['app://workbench/index.html'])
  await page.evaluate(() => (globalThis as unknown as Bridge).workbench.sandbox.resetModes())
})
