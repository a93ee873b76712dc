/**
 * Benchmark (not a test): the Setups panel with a 5,000-setup workspace, in
 * Chromium through the harness (real main process, real files). Prints the
 * time to show the list after opening the tab, to narrow it by a search, and
 * the longest main-thread task the page ran meanwhile (what a user feels as
 * a frozen UI).
 *
 *   npm run build:all && npx tsx bench/setups-ui-scale.ts     (SETUPS=… to change)
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { startHarness } from '../test/support/harness'
import { serializeSetup, setupSchema } from '../src/shared/setup'
import { fileStemFor } from '../src/main/workspace/file-names'
import { reportRow } from './lib/row'

const COUNT = Number(process.env.SETUPS ?? 5000)
const customers = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Wonka', 'Tyrell', 'Cyberdyne']

async function main() {
  const harness = await startHarness()
  const dir = join(harness.app.workspace.path, 'setups')
  mkdirSync(dir, { recursive: true })
  for (let i = 0; i < COUNT; i++) {
    const name = `${customers[i % customers.length]} ${['dev', 'staging', 'prod'][i % 3]} #${i}`
    const setup = setupSchema.parse({ formatVersion: 1, name, environment: 'Offline sandbox', widget: 'page-view', token: { userid: `user-${i}`, appid: '59VShVtjM', clientid: `c${i}@example.com` }, widgetFields: {} })
    writeFileSync(join(dir, `${fileStemFor(name)}.json`), serializeSetup(setup))
  }
  await harness.app.workspace.store.load()

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--disable-background-networking', '--no-first-run', '--disable-gpu'] })
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    await page.addInitScript(() => {
      const w = window as unknown as { __longest: number }
      w.__longest = 0
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration)
      }).observe({ type: 'longtask', buffered: true })
    })
    await harness.open(page)
    await page.getByTestId('environment-item').first().waitFor()
    await page.evaluate(() => ((window as unknown as { __longest: number }).__longest = 0))

    let start = performance.now()
    await page.getByTestId('sidebar-tab-setups').click()
    await page.getByTestId('setup-item').first().waitFor()
    const shown = await page.getByTestId('setup-item').count()
    const listMs = performance.now() - start

    start = performance.now()
    await page.getByTestId('setup-search').fill('wonka prod #4997')
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="setup-item"]').length <= 5)
    const searchMs = performance.now() - start
    const longest = await page.evaluate(() => (window as unknown as { __longest: number }).__longest)

    console.log(`setups in the workspace      ${COUNT}`)
    console.log(`list shown after tab click   ${listMs.toFixed(0)} ms (${shown} items in the DOM)`)
    console.log(`search narrowed the list     ${searchMs.toFixed(0)} ms`)
    console.log(`longest main-thread task     ${longest.toFixed(0)} ms`)
    // One search, so this is a single figure, not the p95.
    reportRow({ row: `search over ${COUNT} setups in the UI`, figure: searchMs, unit: 'ms', target: { of: 'figure', kind: 'max', value: COUNT > 5000 ? 100 : 50 } })
  } finally {
    await browser.close()
    await harness.close()
  }
}

void main()
