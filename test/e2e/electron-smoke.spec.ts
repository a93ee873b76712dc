/**
 * What only Electron can show: the real app starts, its window loads the
 * workbench, and a sandbox token can be generated through the real preload
 * and ipcMain. Needs the Electron binary, which the electron package fetches
 * on first use where the internet is reachable; elsewhere it reports itself
 * skipped with the reason.
 */
import { join } from 'node:path'
import { test, expect, _electron as electron } from '@playwright/test'
// @ts-expect-error plain .mjs helper shared with scripts/start.mjs
import { findElectron } from '../../scripts/electron-binary.mjs'

// Electron 45 fetches its binary on first use; where that fails, the reason is one sentence.
const found = findElectron({ timeoutMs: 30_000 }) as { path?: string; reason?: string }
const binary = found.path

test('the Electron app starts and generates a sandbox token', async () => {
  test.skip(!binary, `No Electron binary here: ${found.reason}. Runs where it can be fetched (or ELECTRON_OVERRIDE_DIST_PATH points at one).`)
  const app = await electron.launch({ executablePath: binary, args: [join(import.meta.dirname, '../../out/main/index.js')] })
  try {
    const page = await app.firstWindow()
    await expect(page.getByTestId('environment-item').first()).toContainText('Offline sandbox')
    const exposed = await page.evaluate(() => {
      const g = globalThis as unknown as Record<string, unknown>
      return { workbench: typeof g.workbench, require: typeof g.require, process: typeof g.process }
    })
    expect(exposed).toEqual({ workbench: 'object', require: 'undefined', process: 'undefined' })
    await page.getByTestId('input-userid').fill('izfZIkc')
    await page.getByTestId('input-appid').fill('59VShVtjM')
    await page.getByTestId('generate-button').click()
    await expect(page.getByTestId('token-output')).toContainText('eyJ')
  } finally {
    await app.close()
  }
})
