/**
 * Benchmark (not a test), issue 12: in Chromium through the test harness
 * (the built renderer, the real main process, sandbox and preview server),
 * the time from clicking Compare to every compared preview rendered (each
 * frame's widget element reports data-qv-state="ready": its panels have
 * data or say why they have none), for 2, 4 and 6 personas. Median and p95
 * over RUNS runs (default 10). Baseline from the same run: one preview of
 * the same setup through the workbench's own Preview button. Each persona's
 * frame is an origin of its own; a frame that shows another persona than
 * last time clears that origin's storage first, which the last line
 * measures (the order rotated each run).
 *
 *   npm run build:all && npx tsx bench/rls-compare.ts
 */
import { chromium, type Page } from '@playwright/test'
import { salesPermissions } from '../src/sandbox/data/demo-setups'
import { SANDBOX_ENVIRONMENT_NAME } from '../src/shared/environment'
import type { WorkbenchApi } from '../src/shared/bridge'
import { startHarness } from '../test/support/harness'

const RUNS = Number(process.env.RUNS ?? 10)
const SETUP = 'Bench: sales overview'
type WithBridge = { workbench: WorkbenchApi }

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

const median = (times: number[]) => percentile([...times].sort((a, b) => a - b), 50)

/** With the ratio of its median to the same run's baseline median (the machine's load changes both alike). */
function line(label: string, times: number[], baselineMedian?: number): string {
  const sorted = [...times].sort((a, b) => a - b)
  const ratio = baselineMedian ? `   ${(median(times) / baselineMedian).toFixed(2)}x baseline` : ''
  return `${label.padEnd(34)} median ${percentile(sorted, 50).toFixed(0).padStart(5)} ms   p95 ${percentile(sorted, 95).toFixed(0).padStart(5)} ms   (n=${times.length})${ratio}`
}

/** Two personas beyond the four demo ones, so six can be compared. */
const EXTRA_PERSONAS = ['Asia Pacific', 'North America'].map((region) => ({
  formatVersion: 1,
  name: `${region} only`,
  token: { userid: `${region.toLowerCase().replace(/ /g, '-')}-manager`, permissions: salesPermissions({ region: { validation_type: 'EQUAL', values: [region] } }) }
}))

async function prepare(page: Page): Promise<void> {
  await page.getByTestId('environment-item').first().waitFor()
  const ok = await page.evaluate(
    async ([name, environment, extra]) => {
      const wb = (window as unknown as WithBridge).workbench
      const saved = await wb.workspace.save({
        setup: { formatVersion: 1, name, environment, widget: 'page-view', token: { userid: 'bench', appid: '59VShVtjM', expiresIn: '1h' }, widgetFields: { dashboardId: 'overview' } }
      })
      const demos = await wb.personas.addDemos()
      const more = await Promise.all(extra.map((persona) => wb.personas.save({ persona: persona as never })))
      return saved.ok && demos.ok && more.every((r) => r.ok)
    },
    [SETUP, SANDBOX_ENVIRONMENT_NAME, EXTRA_PERSONAS] as const
  )
  if (!ok) throw new Error('could not prepare the setup and personas')
}

async function allReady(page: Page, count: number): Promise<void> {
  const frames = page.frameLocator('[data-testid="compare-frame"]')
  await Promise.all(Array.from({ length: count }, (_, i) => frames.nth(i).locator('[data-qv-state="ready"]').waitFor({ timeout: 60_000 })))
}

/**
 * `rotate`: before each run (untimed), the first persona goes to the end, so every frame shows another persona than
 * last time and clears its origin's storage and cookies first (preview-server.ts); otherwise the same personas stay
 * in the same frames, as when Compare is pressed again.
 */
async function compareRuns(page: Page, count: number, rotate = false): Promise<number[]> {
  const boxes = page.locator('[data-testid="compare-persona-option"] input')
  const total = await boxes.count()
  for (let i = 0; i < total; i++) {
    if ((await boxes.nth(i).isChecked()) !== i < count) await boxes.nth(i).setChecked(i < count)
  }
  const times: number[] = []
  for (let run = 0; run < RUNS; run++) {
    if (rotate && run > 0) {
      const first = page.locator(`input[data-persona="${await page.getByTestId('compare-preview-name').first().textContent()}"]`)
      await first.uncheck()
      await first.check()
    }
    const before = Number((await page.getByTestId('compare-previews').getAttribute('data-session').catch(() => '0')) ?? 0)
    const start = performance.now()
    await page.getByTestId('compare-run').click()
    await page.locator(`[data-testid="compare-previews"][data-session="${before + 1}"]`).waitFor({ timeout: 30_000 })
    await page.locator('[data-testid="compare-frame"]').nth(count - 1).waitFor()
    await allReady(page, count)
    times.push(performance.now() - start)
  }
  return times
}

async function singlePreviewRuns(page: Page): Promise<number[]> {
  await page.getByTestId('widget-card-page-view').click()
  await page.getByTestId('widget-field-dashboardId').fill('overview')
  await page.getByTestId('input-userid').fill('bench')
  await page.getByTestId('input-appid').fill('59VShVtjM')
  await page.getByTestId('permissions-editor-input').fill(JSON.stringify(salesPermissions()))
  await page.getByTestId('generate-button').click()
  await page.getByTestId('result-status').filter({ hasText: '200' }).waitFor()
  const frame = page.frameLocator('[data-testid="preview-frame"]')
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now()
    await page.getByTestId('preview-button').click()
    await frame.locator('[data-qv-state="ready"]').waitFor({ timeout: 30_000 })
    times.push(performance.now() - start)
    await frame.locator('[data-qv-state]').evaluate((el) => el.removeAttribute('data-qv-state'))
  }
  return times
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu']
  })
  const harness = await startHarness()
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
  try {
    await harness.open(page)
    await prepare(page)
    const baseline = await singlePreviewRuns(page)
    await page.getByTestId('open-compare').click()
    await page.getByTestId('compare-persona-option').nth(5).waitFor()
    await page.getByTestId('compare-setup').selectOption({ label: SETUP })
    const results: Array<[string, number[]]> = [['baseline: one preview (Preview button)', baseline]]
    for (const count of [2, 4, 6]) results.push([`Compare, ${count} personas, all rendered`, await compareRuns(page, count)])
    // The same 6, but each frame shows another persona each run: every frame clears first (issue 12's isolation).
    results.push(['Compare, 6 personas, order rotated', await compareRuns(page, 6, true)])
    console.log(`rls-compare: time to all previews rendered (data-qv-state="ready" in every frame), ${RUNS} runs each`)
    for (const [label, times] of results) console.log(line(label, times, label.startsWith('baseline') ? undefined : median(baseline)))
  } finally {
    await page.close()
    await harness.close()
    await browser.close()
  }
}

void main()
