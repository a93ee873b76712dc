/**
 * Large and hostile imports through the UI in Chromium (issue 7, point 4):
 * a 3 MB export of 3,000 setups (parsed on main's worker thread) previews
 * and applies as a small one does, and a file whose one setup holds a
 * 5.6-million-character token-like run (which crashed the old guard) is
 * refused with a message naming the setup and the limit.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './fixtures'

const exportOf = (setups: unknown[]) => JSON.stringify({ format: 'qrvey-embed-workbench', formatVersion: 1, setups, environments: [] })
const setup = (i: number, widgetFields: Record<string, string> = { dashboardId: `d${i}` }) => ({
  formatVersion: 1,
  name: `Scale ${String(i).padStart(4, '0')}`,
  environment: 'Offline sandbox',
  widget: 'page-view',
  token: { userid: `u${i}`, appid: '59VShVtjM' },
  widgetFields: { ...widgetFields, note: 'x'.repeat(900) }
})

test('a 3 MB export of 3,000 setups imports through the UI', async ({ page, harness }) => {
  // 3,000 files written with fsync each: minutes on a loaded machine, not a speed check.
  test.setTimeout(300_000)
  const text = exportOf(Array.from({ length: 3000 }, (_, i) => setup(i)))
  expect(text.length).toBeGreaterThan(3_000_000)
  await page.getByTestId('import-file-input').setInputFiles({ name: 'big.export.json', mimeType: 'application/json', buffer: Buffer.from(text) })
  const preview = page.getByTestId('import-preview')
  await expect(preview.getByTestId('import-counts')).toContainText('3000 setups in the export: 3000 new', { timeout: 60_000 })
  await preview.getByTestId('import-apply').click()
  await expect(preview).toHaveCount(0, { timeout: 240_000 })
  await expect(page.getByTestId('workspace-toast')).toContainText('3000 added')
  expect(readdirSync(join(harness.app.workspace.path, 'setups')).filter((n) => n.endsWith('.json'))).toHaveLength(3000)
})

test('a setup holding a 5.6-million-character token-like run is refused with what to do', async ({ page }) => {
  const text = exportOf([setup(1), setup(2, { dashboardId: `eyJ${'a'.repeat(5_600_000)}.b.c` })])
  await page.getByTestId('import-file-input').setInputFiles({ name: 'hostile.export.json', mimeType: 'application/json', buffer: Buffer.from(text) })
  await expect(page.getByTestId('import-error-message')).toContainText('setups[1] ("Scale 0002") is 5.3 MB; one setup may be at most 256.0 KB', { timeout: 60_000 })
  await expect(page.getByTestId('import-error-field')).toHaveText('setups[1]')
  await expect(page.getByTestId('import-preview')).toHaveCount(0)
})
