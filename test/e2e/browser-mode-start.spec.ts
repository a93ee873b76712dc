/**
 * Issue 9: `npm start` where Electron cannot run (here: no display, and no
 * Electron binary can be fetched) says why in one sentence, starts browser
 * mode and prints its URL; that page, opened in Chromium, generates a sandbox
 * token and previews a widget with the data set's numbers. A second
 * `npm start` on the same data folder prints the first one's URL and exits.
 * Runs the real script (scripts/start.mjs) as a child process, with a temp
 * data folder (QWB_DATA_DIR) and no browser opened (--no-open).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { test, expect } from '@playwright/test'
import { demoDataset, runQuery, SALES_DATASET_ID, SALES_SECURITY_NAMES, visibleRows } from '../../src/sandbox/data'
import { makeTempDir } from '../support/temp-dir'

const root = join(import.meta.dirname, '../..')

interface Started {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
}

function npmStart(dataDir: string): Started {
  // As a user's shell would run it, minus a display (so the desktop app cannot start).
  const env: NodeJS.ProcessEnv = { ...process.env, QWB_DATA_DIR: dataDir, DISPLAY: '', WAYLAND_DISPLAY: '' }
  delete env.QWB_BROWSER
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs'), '--no-open'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let text = ''
  child.stdout?.on('data', (c: Buffer) => (text += c.toString('utf8')))
  child.stderr?.on('data', (c: Buffer) => (text += c.toString('utf8')))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output: () => text, exited }
}

function stop(started: Started): void {
  // The process group: the start script and browser mode under it.
  if (started.child.pid && started.child.exitCode === null) process.kill(-started.child.pid, 'SIGTERM')
}

test('npm start without Electron prints a URL whose page generates a sandbox token and previews a widget', async ({ page }) => {
  test.setTimeout(120_000)
  const temp = makeTempDir('qwb-start-')
  const first = npmStart(temp.dir)
  try {
    const t0 = Date.now()
    await expect.poll(() => /http:\/\/127\.0\.0\.1:\d+\/\?launch=[\w-]+/.exec(first.output())?.[0], { timeout: 60_000 }).toBeTruthy()
    const url = /http:\/\/127\.0\.0\.1:\d+\/\?launch=[\w-]+/.exec(first.output())![0]
    test.info().annotations.push({ type: 'start-up', description: `URL printed ${Date.now() - t0} ms after npm start (build skipped when out/ is current)` })
    // One sentence says why the desktop app did not start.
    expect(first.output()).toMatch(/The desktop app cannot start here because [^\n.]+, so the workbench starts in your browser instead\./)

    await page.goto(url)
    await expect(page).toHaveURL(new URL('/', url).href)
    await expect(page.getByTestId('status-browser-mode')).toBeVisible()
    await expect(page.getByTestId('environment-item').first()).toContainText('Offline sandbox')
    await page.getByTestId('widget-card-page-view').click()
    await page.getByTestId('widget-field-dashboardId').fill('overview')
    await page.getByTestId('input-userid').fill('izfZIkc')
    await page.getByTestId('input-appid').fill('59VShVtjM')
    // Every security column of the secured sales data granted (issue 8: a column the token leaves out shows no rows).
    const permissions = [{ dataset_id: SALES_DATASET_ID, record_permissions: SALES_SECURITY_NAMES.map((security_name) => ({ security_name, values: ['*'] })) }]
    await page.getByTestId('permissions-editor-input').fill(JSON.stringify(permissions))
    await page.getByTestId('generate-button').click()
    await expect(page.getByTestId('result-status')).toHaveText('200')
    await expect(page.getByTestId('token-output')).toContainText('eyJ')
    await page.getByTestId('preview-button').click()
    const revenue = runQuery(visibleRows(demoDataset().rows, SALES_DATASET_ID, permissions), { measures: [{ column: 'revenue', aggregate: 'sum' }] }).rows[0][0]
    await expect(page.frameLocator('[data-testid="preview-frame"]').locator('[data-qv="kpi-value"][data-panel-id="total-revenue"]')).toHaveAttribute(
      'data-value',
      String(revenue),
      { timeout: 30_000 }
    )
    await expect(page.getByTestId('pop-out-unavailable')).toBeVisible()

    // A second start on the same data folder finds the first and prints its URL.
    const second = npmStart(temp.dir)
    expect(await second.exited).toBe(0)
    expect(second.output()).toContain('already running on this data folder')
    expect(second.output()).toContain(url)
    // ... and the first one still serves.
    await page.reload()
    await expect(page.getByTestId('environment-item').first()).toContainText('Offline sandbox')
  } finally {
    stop(first)
    await first.exited
    temp.cleanup()
  }
})
