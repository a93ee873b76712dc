/**
 * What only Electron can show: the real app starts, its window loads the
 * workbench, and a sandbox token can be generated through the real preload
 * and ipcMain. Needs the Electron binary, which the electron package downloads
 * on install where the internet is reachable; elsewhere it reports itself
 * skipped with the reason.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { test, expect, _electron as electron } from '@playwright/test'

function electronBinary(): string | undefined {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown as string
    return typeof path === 'string' && existsSync(path) ? path : undefined
  } catch {
    return undefined
  }
}

const binary = electronBinary()

test('the Electron app starts and generates a sandbox token', async () => {
  test.skip(!binary, 'No Electron binary here: the electron package could not download it (no internet). Runs where `npm ci` fetched it.')
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
