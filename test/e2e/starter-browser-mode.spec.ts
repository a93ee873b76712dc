/**
 * Issue 9's open point: Export starter in browser mode, which has no folder
 * dialog. The harness runs here without its scripted dialogs, exactly as
 * `npm run start:browser` does. The user types a folder path (the starter
 * lands there) or downloads a .zip (which holds the same files).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { unzipSync, strFromU8 } from 'fflate'
import { expect, fillTokenForm, test } from './fixtures'
import { shots } from './shots'

test.use({ harnessOptions: { dialogs: false } })

test('browser mode: the starter goes to a typed folder, or comes as a .zip with the same files', async ({ page, harness }) => {
  const info = await page.evaluate(async () => (window as unknown as { workbench: { app: { info(): Promise<{ ok: boolean; value: Record<string, unknown> }> } } }).workbench.app.info())
  expect(info.value).toMatchObject({ shell: 'browser', canExportStarter: false, canTypeStarterFolder: true })

  await fillTokenForm(page, { userid: 'demo-user', appid: '59VShVtjM' })
  await page.getByTestId('tab-code').click()
  await page.getByTestId('code-language').selectOption('python')
  await expect(page.getByTestId('export-starter')).toBeEnabled()
  await page.getByTestId('export-starter').click()
  const form = page.getByTestId('starter-type-form')
  await expect(form).toContainText('Browser mode has no folder dialog')
  await shots(page, 'starter-browser-mode', { sizes: ['small'] })

  // A folder that has files: refused, nothing replaced.
  const busy = join(harness.dataDir, 'busy-folder')
  mkdirSync(busy)
  writeFileSync(join(busy, 'mine.txt'), 'keep me')
  await page.getByTestId('starter-folder-input').fill(busy)
  await page.getByTestId('starter-folder-write').click()
  await expect(page.getByTestId('starter-error')).toContainText('already has files')
  expect(readdirSync(busy)).toEqual(['mine.txt'])

  // A relative path: said so before anything runs.
  await page.getByTestId('starter-folder-input').fill('starter-here')
  await page.getByTestId('starter-folder-write').click()
  await expect(page.getByTestId('starter-error')).toContainText('absolute path')

  // A new folder: the starter lands there.
  const folder = join(harness.dataDir, 'typed-starter')
  await page.getByTestId('starter-folder-input').fill(folder)
  await page.getByTestId('starter-folder-write').click()
  await expect(page.getByTestId('starter-exported')).toContainText(folder)
  await expect(form).toHaveCount(0)
  expect(readdirSync(folder).sort()).toEqual(['README.md', 'index.html', 'requirements.txt', 'server.py'])
  const code = (await page.getByTestId('code-output').textContent()) ?? ''
  expect(readFileSync(join(folder, 'server.py'), 'utf8')).toBe(code)
  expect(readFileSync(join(folder, 'README.md'), 'utf8')).not.toContain(harness.app.sandbox.apiKey)

  // The .zip: the same files under one folder.
  const downloading = page.waitForEvent('download')
  await page.getByTestId('starter-zip').click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe('qrvey-starter-python.zip')
  await expect(page.getByTestId('starter-zipped')).toContainText('qrvey-starter-python.zip')
  const entries = unzipSync(readFileSync((await download.path()) as string))
  expect(Object.keys(entries).sort()).toEqual(['README.md', 'index.html', 'requirements.txt', 'server.py'].map((f) => `qrvey-starter-python/${f}`))
  for (const name of readdirSync(folder)) {
    expect(strFromU8(entries[`qrvey-starter-python/${name}`]), name).toBe(readFileSync(join(folder, name), 'utf8'))
  }
  expect(Object.values(entries).some((bytes) => strFromU8(bytes).includes(harness.app.sandbox.apiKey))).toBe(false)
  await shots(page, 'starter-browser-mode-done', { sizes: ['small'] })
  expect(existsSync(join(busy, 'server.py'))).toBe(false)
})
