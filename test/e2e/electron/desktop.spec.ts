/**
 * What only Electron can show (issue 14): the real window, preload, app://
 * protocol and CSP, safeStorage, the preview frame's isolation, pop-out's
 * partition, the single-instance lock and the navigation guards. Runs against
 * the packaged app in the desktop workflow (QWB_ELECTRON_EXECUTABLE) and
 * against the development build wherever an Electron binary exists; reports
 * itself skipped, with the reason, where none does.
 */
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type ElectronApplication, type Frame, type Page } from '@playwright/test'
import { BRIDGE_SHAPE } from '../../../src/shared/bridge'
import { electronTarget, launchApp, makeDataDir, type DataDir } from './launch'

const { target, reason } = electronTarget()
test.skip(!target, reason)
test.describe.configure({ mode: 'serial' })

let data: DataDir
let app: ElectronApplication
let page: Page
const consoleErrors: string[] = []

async function start(): Promise<void> {
  app = await launchApp(target!, data.dir)
  page = await app.firstWindow()
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  await expect(page.getByTestId('environment-item').first()).toContainText('Offline sandbox', { timeout: 30_000 })
}

test.beforeAll(async () => {
  data = makeDataDir()
  await start()
})

test.afterAll(async () => {
  await app?.close().catch(() => {})
  data?.cleanup()
})

async function generate(): Promise<void> {
  await page.getByTestId('input-userid').fill('electron-user')
  await page.getByTestId('input-appid').fill('59VShVtjM')
  await page.getByTestId('generate-button').click()
  await expect(page.getByTestId('token-output')).toHaveText(/^eyJ/, { timeout: 15_000 })
}

async function previewFrame(): Promise<Frame> {
  await page.getByTestId('preview-button').click()
  const url = (await page.getByTestId('preview-frame').getAttribute('src')) ?? ''
  let frame: Frame | undefined
  await expect.poll(() => (frame = page.frames().find((f) => f.url() === url)), { timeout: 15_000 }).toBeTruthy()
  return frame!
}

test('the window loads the workbench from app:// under its CSP, with no console errors', async () => {
  expect(page.url()).toBe('app://workbench/index.html')
  // An inline script is what an injection would add: the CSP (no 'unsafe-inline') must stop it.
  const ranInline = await page.evaluate(async () => {
    const flag = globalThis as unknown as { __inline?: boolean }
    const script = document.createElement('script')
    script.textContent = 'globalThis.__inline = true'
    document.body.append(script)
    await new Promise((resolve) => setTimeout(resolve, 50))
    return flag.__inline === true
  })
  expect(ranInline).toBe(false)
  const remoteScript = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const script = document.createElement('script')
        script.src = 'https://cdn.example.invalid/x.js'
        script.onerror = () => resolve('blocked')
        script.onload = () => resolve('loaded')
        document.body.append(script)
      })
  )
  expect(remoteScript).toBe('blocked')
  expect(consoleErrors.filter((text) => !/Content Security Policy|cdn\.example\.invalid/.test(text))).toEqual([])
})

test('the preload exposes exactly the bridge: no require, process or ipcRenderer', async () => {
  const exposed = await page.evaluate(() => {
    const g = globalThis as unknown as Record<string, unknown>
    const workbench = g.workbench as Record<string, unknown>
    return {
      domains: Object.keys(workbench).sort(),
      methods: Object.fromEntries(Object.keys(workbench).filter((key) => typeof workbench[key] === 'object').map((key) => [key, Object.keys(workbench[key] as object).sort()])),
      require: typeof g.require,
      process: typeof g.process,
      ipcRenderer: typeof g.ipcRenderer,
      electron: typeof g.electron
    }
  })
  expect(exposed.domains).toEqual([...Object.keys(BRIDGE_SHAPE), 'on'].sort())
  for (const [domain, methods] of Object.entries(BRIDGE_SHAPE)) expect(exposed.methods[domain]).toEqual(Object.keys(methods).sort())
  expect(exposed).toMatchObject({ require: 'undefined', process: 'undefined', ipcRenderer: 'undefined', electron: 'undefined' })
})

test('a sandbox token and a live preview; the preview frame cannot reach the bridge', async () => {
  await generate()
  const frame = await previewFrame()
  await expect(frame.locator('body')).not.toBeEmpty({ timeout: 20_000 })
  const inFrame = await frame.evaluate(() => {
    const g = globalThis as unknown as Record<string, unknown>
    let parentBridge = 'unreachable'
    try {
      parentBridge = typeof (window.parent as unknown as Record<string, unknown>).workbench
    } catch {
      parentBridge = 'unreachable'
    }
    return { workbench: typeof g.workbench, require: typeof g.require, parentBridge }
  })
  expect(inFrame).toEqual({ workbench: 'undefined', require: 'undefined', parentBridge: 'unreachable' })
})

test('pop-out opens the preview in a window of its own partition, without the bridge', async () => {
  const popped = app.waitForEvent('window')
  await page.getByTestId('pop-out').click()
  const win = await popped
  await win.waitForLoadState()
  expect(await win.evaluate(() => typeof (globalThis as unknown as Record<string, unknown>).workbench)).toBe('undefined')
  const partitions = await app.evaluate(({ BrowserWindow, session }) =>
    BrowserWindow.getAllWindows().map((w) => ({ url: w.webContents.getURL(), ownPartition: w.webContents.session === session.fromPartition('preview'), isDefault: w.webContents.session === session.defaultSession }))
  )
  expect(partitions.find((w) => w.url.startsWith('app://'))).toMatchObject({ isDefault: true, ownPartition: false })
  expect(partitions.find((w) => !w.url.startsWith('app://'))).toMatchObject({ isDefault: false, ownPartition: true })
  await win.close()
})

test('navigation and new windows are denied', async () => {
  const opened = await page.evaluate(() => window.open('https://example.invalid/') === null)
  expect(opened).toBe(true)
  await page.evaluate(() => {
    location.href = 'https://example.invalid/'
  })
  await page.waitForTimeout(500)
  expect(page.url()).toBe('app://workbench/index.html')
  expect(app.windows().filter((w) => !w.isClosed())).toHaveLength(1)
})

test('a second launch on the same data folder focuses the first and exits', async () => {
  const second = spawn(target!.executablePath, [...target!.args, `--user-data-dir=${data.dir}`], { stdio: 'ignore' })
  const code = await new Promise<number | null>((resolve) => second.on('exit', resolve))
  expect(code).toBe(0)
  expect(app.windows().filter((w) => !w.isClosed())).toHaveLength(1)
  const focused = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getFocusedWindow()?.webContents.getURL() ?? '')
  expect(focused).toBe('app://workbench/index.html')
})

test('a key survives a restart through safeStorage, and only ciphertext is on disk', async () => {
  const key = `SENTINEL-electron-${Date.now()}`
  const created = await page.evaluate(
    async (apiKey) => {
      const bridge = (globalThis as unknown as { workbench: { environments: { create(r: unknown): Promise<{ ok: boolean; value?: { id: string } }> } } }).workbench
      return bridge.environments.create({ name: 'Keychain check', domain: 'https://keychain-check.example.com', apiKey, timeoutMs: 5000 })
    },
    key
  )
  expect(created.ok).toBe(true)
  await app.close()
  await start()
  await expect(page.getByTestId('environment-item').filter({ hasText: 'Keychain check' })).toBeVisible()
  const listed = JSON.stringify(await page.evaluate(() => (globalThis as unknown as { workbench: { environments: { list(): Promise<unknown> } } }).workbench.environments.list()))
  expect(listed).toContain(key.slice(-4))
  expect(listed).not.toContain(key)
  const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]))
  for (const file of files(data.dir)) expect(readFileSync(file).includes(key), file).toBe(false)
})

test("the app:// scripts are kept in V8's code cache (the scheme's codeCache privilege): compiled code is on disk after a restart", async () => {
  // Started twice by now (the test above restarts): Chromium writes a script's compiled code on its second load.
  // Without the privilege the code cache holds only its own index files (2 entries: Electron's spec/api-protocol-spec.ts).
  const entries = readdirSync(join(data.dir, 'Code Cache', 'js'))
  expect(entries.length, entries.join(', ')).toBeGreaterThan(2)
})
