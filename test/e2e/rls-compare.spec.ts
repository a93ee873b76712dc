/**
 * Issue 12, the RLS lab's compare view, in Chromium through browser mode (the
 * real main process, sandbox and preview server): three personas (all
 * regions, Europe only, no permissions on the secured sales-orders) side by
 * side. Expected figures are computed here from the raw generated rows with
 * filters written for the test (not with the sandbox's permission code).
 * Qrvey's rule, QRVEY.md §1: "Any missing security column inside the user's
 * security token will restrict the user's access" -> no rows.
 */
import { generateSalesOrders, generateSalesTargets, round2 } from '../../src/sandbox/data'
import { SANDBOX_ENVIRONMENT_NAME } from '../../src/shared/environment'
import { formatFigure } from '../../src/shared/personas/evaluate-expectations'
import { addEnvironment, expect, test } from './fixtures'
import { startSandbox } from '../../src/sandbox/server/server'
import { join } from 'node:path'
import { shots } from './shots'
import { SANDBOX_SCHEME_ATTRIBUTE } from '../../src/shared/sandbox-themes'
import type { Locator, Page } from '@playwright/test'
import type { WorkbenchApi } from '../../src/shared/bridge'

/** The page's bridge (browser mode's HTTP client, built like the preload's); written out inside each evaluate. */
type WithBridge = { workbench: WorkbenchApi }

const ORDERS = generateSalesOrders()
const EUROPE = ORDERS.filter((o) => o.region === 'Europe')
const revenue = (rows: Array<{ revenue: number }>) => round2(rows.reduce((t, r) => t + r.revenue, 0))
const SETUP = 'Sales overview (RLS lab)'

/** A saved page-view setup listing "Europe only" with one expectation that holds and one that does not. */
async function saveSetup(page: Page): Promise<void> {
  const saved = await page.evaluate(
    ([name, environment, wrongTotal]) =>
      (window as unknown as WithBridge).workbench.workspace.save({
        setup: {
          formatVersion: 1,
          name,
          environment,
          widget: 'page-view',
          token: { userid: 'rls-lab', appid: '59VShVtjM', expiresIn: '1h' },
          widgetFields: { dashboardId: 'overview' },
          personas: [
            {
              persona: 'Europe only',
              expect: [
                { kind: 'only-values', dataset: 'sales-orders', column: 'region', values: ['Europe'] },
                { kind: 'total', dataset: 'sales-orders', measure: 'revenue', equals: wrongTotal }
              ]
            }
          ]
        }
      }),
    [SETUP, SANDBOX_ENVIRONMENT_NAME, revenue(EUROPE) + 1000] as const
  )
  expect(saved.ok).toBe(true)
}

async function openCompare(page: Page): Promise<void> {
  await saveSetup(page)
  await page.getByTestId('open-compare').click()
  await expect(page.getByTestId('compare-view')).toBeVisible()
  // The demo personas, added through the view's own button (rls-personas' store).
  await page.getByTestId('compare-add-demo-personas').click()
  await expect(page.getByTestId('compare-persona-option')).toHaveCount(4)
  await page.getByTestId('compare-setup').selectOption({ label: SETUP })
  await expect(page.getByTestId('compare-target')).toHaveText('Page View from Offline sandbox')
  // The setup lists "Europe only": preselected. The other two are picked by hand.
  await expect(page.locator('[data-persona="Europe only"][type="checkbox"]')).toBeChecked()
  await page.locator('[data-persona="All regions"][type="checkbox"]').check()
  await page.locator('[data-persona="No permissions"][type="checkbox"]').check()
}

/**
 * Clicks below the compare frames. Each frame is another site, so another
 * process: Chromium routes a click to a frame by what was last painted. A
 * click right after Playwright's scroll, before the next paint (a loaded
 * machine), went to the frame that had been there (it downloaded the
 * preview's CSV) and the table never saw it. A person clicks what is on
 * screen: scroll, let a frame be painted, then click.
 */
async function clickOnScreen(locator: Locator): Promise<void> {
  await locator.scrollIntoViewIfNeeded()
  // Three animation frames: the scrolled frame is produced, handed to the compositor, and shown.
  await locator.evaluate(async () => {
    for (let i = 0; i < 3; i++) await new Promise((frame) => requestAnimationFrame(frame))
  })
  await locator.click()
}

const cell = (page: Page, row: string, persona: string) => page.locator(`[data-row="${row}"] [data-testid="compare-values-cell"][data-persona="${persona}"]`)

test('three personas side by side: independently computed totals, the empty one says why, expectations met and failed', async ({ page }) => {
  test.setTimeout(90_000)
  await openCompare(page)
  await page.getByTestId('compare-run').click()

  const cards = page.getByTestId('compare-preview')
  await expect(cards).toHaveCount(3)
  await expect(page.getByTestId('compare-preview-name')).toHaveText(['Europe only', 'All regions', 'No permissions'])
  // Every preview renders, each in its own sandboxed frame.
  for (let i = 0; i < 3; i++) await expect(cards.nth(i)).toHaveAttribute('data-state', 'rendered', { timeout: 30_000 })
  await expect(page.getByTestId('compare-frame').first()).toHaveAttribute('sandbox', /allow-scripts/)

  // The widgets themselves show each persona's own total revenue.
  const kpi = (i: number) => page.frameLocator('[data-testid="compare-frame"]').nth(i).locator('[data-qv="kpi-value"][data-panel-id="total-revenue"]')
  await expect(kpi(0)).toHaveAttribute('data-value', String(revenue(EUROPE)))
  await expect(kpi(1)).toHaveAttribute('data-value', String(revenue(ORDERS)))
  await expect(kpi(2)).toHaveCount(0)

  // The values table: read with each token from the sandbox's data API.
  await expect(cell(page, 'sales-orders:rows', 'Europe only').getByTestId('compare-cell-value')).toHaveText(formatFigure(EUROPE.length))
  await expect(cell(page, 'sales-orders:rows', 'All regions').getByTestId('compare-cell-value')).toHaveText(formatFigure(ORDERS.length))
  await expect(cell(page, 'sales-orders:rows', 'No permissions').getByTestId('compare-cell-value')).toHaveText('0')
  await expect(cell(page, 'sales-orders:total:revenue', 'Europe only').getByTestId('compare-cell-value')).toHaveText(formatFigure(revenue(EUROPE)))
  await expect(cell(page, 'sales-orders:total:revenue', 'All regions').getByTestId('compare-cell-value')).toHaveText(formatFigure(revenue(ORDERS)))
  await expect(cell(page, 'sales-orders:values:region', 'Europe only').getByTestId('compare-cell-value')).toHaveText('Europe')
  // The open dataset: everybody sees all of it, no difference there.
  const targets = generateSalesTargets().length
  for (const p of ['Europe only', 'All regions', 'No permissions']) {
    await expect(cell(page, 'sales-targets:rows', p).getByTestId('compare-cell-value')).toHaveText(formatFigure(targets))
  }
  await expect(page.locator('[data-row="sales-targets:rows"]')).not.toHaveClass(/is-different/)

  // Differences are marked, with the rule that caused each.
  await expect(page.locator('[data-row="sales-orders:rows"]')).toHaveClass(/is-different/)
  await expect(cell(page, 'sales-orders:rows', 'Europe only')).toHaveClass(/is-narrower/)
  await expect(cell(page, 'sales-orders:rows', 'All regions')).not.toHaveClass(/is-narrower/)
  await expect(cell(page, 'sales-orders:values:region', 'Europe only').getByTestId('compare-cell-cause')).toHaveText('region EQUAL Europe')
  await expect(page.getByTestId('compare-difference')).toContainText(['Europe only: region EQUAL Europe'])
  // The empty one says why: in the table and in the sandbox's own words under its preview.
  await expect(cell(page, 'sales-orders:rows', 'No permissions').getByTestId('compare-cell-cause')).toHaveText(
    'grants nothing for order_date, region, country, category, customer_segment: a secured dataset then shows no rows'
  )
  await expect(cards.nth(2).getByTestId('compare-preview-notes')).toContainText('the token has no permissions for it, so it shows no rows')

  // Expectations from the setup: one met, one failed, each with what was observed.
  const europe = page.locator('[data-testid="compare-expectation-card"][data-persona="Europe only"]')
  await expect(europe.getByTestId('compare-expectation')).toHaveCount(2)
  await expect(europe.locator('[data-verdict="met"]')).toContainText('sees only region Europe')
  await expect(europe.locator('[data-verdict="failed"]')).toContainText(`total revenue of sales-orders is ${formatFigure(revenue(EUROPE))} (expected ${formatFigure(revenue(EUROPE) + 1000)})`)

  // Add one from the table ("expect this total" for All regions, "no rows" for No permissions), and save into the setup.
  await clickOnScreen(cell(page, 'sales-orders:total:revenue', 'All regions').getByTestId('expect-from-cell'))
  await clickOnScreen(cell(page, 'sales-orders:rows', 'No permissions').getByTestId('expect-from-cell'))
  const all = page.locator('[data-testid="compare-expectation-card"][data-persona="All regions"]')
  await expect(all.locator('[data-verdict="met"]')).toContainText(`total revenue of sales-orders = ${formatFigure(revenue(ORDERS))}`)
  const none = page.locator('[data-testid="compare-expectation-card"][data-persona="No permissions"]')
  await expect(none.locator('[data-verdict="met"]')).toContainText('no rows of sales-orders')
  await clickOnScreen(page.getByTestId('compare-save-expectations'))
  await expect(page.getByTestId('compare-save-message')).toHaveText(`Saved the expectations into "${SETUP}".`)
  const stored = await page.evaluate(async (name) => {
    const list = await (window as unknown as WithBridge).workbench.workspace.search({ query: name })
    if (!list.ok) throw new Error(list.error.message)
    const record = await (window as unknown as WithBridge).workbench.workspace.get({ id: list.value[0].id })
    if (!record.ok) throw new Error(record.error.message)
    return record.value.setup.personas
  }, SETUP)
  expect(stored).toEqual([
    { persona: 'Europe only', expect: [expect.objectContaining({ kind: 'only-values' }), expect.objectContaining({ kind: 'total', equals: revenue(EUROPE) + 1000 })] },
    { persona: 'All regions', expect: [{ kind: 'total', dataset: 'sales-orders', measure: 'revenue', equals: revenue(ORDERS) }] },
    { persona: 'No permissions', expect: [{ kind: 'no-rows', dataset: 'sales-orders' }] }
  ])

  await page.getByTestId('compare-view').evaluate((el) => el.scrollTo(0, 0))
  await shots(page, 'rls-compare', { sizes: ['small'] })
  await page.getByTestId('compare-values').scrollIntoViewIfNeeded()
  await shots(page, 'rls-compare-values', { sizes: ['small'] })
})

test('keeping pages in sync: a tab opened in one preview opens in the others', async ({ page }) => {
  test.setTimeout(90_000)
  await openCompare(page)
  await page.locator('[data-persona="No permissions"][type="checkbox"]').uncheck()
  await page.getByTestId('compare-run').click()
  const cards = page.getByTestId('compare-preview')
  await expect(cards).toHaveCount(2)
  for (let i = 0; i < 2; i++) await expect(cards.nth(i).getByTestId('compare-preview-page')).toHaveText('overview', { timeout: 30_000 })
  await page.frameLocator('[data-testid="compare-frame"]').nth(0).locator('[data-qv="page-tab"][data-dashboard-id="products"]').click()
  for (let i = 0; i < 2; i++) await expect(cards.nth(i).getByTestId('compare-preview-page')).toHaveText('products')
  await expect(page.frameLocator('[data-testid="compare-frame"]').nth(1).locator('[data-qv="page-tab"][data-dashboard-id="products"]')).toHaveAttribute('aria-selected', 'true')
})

test('a real instance (another Qrvey-compatible server): what the previews report, and the honest note that values are not readable', async ({ page }) => {
  test.setTimeout(90_000)
  // A second sandbox process-wide server stands in for a customer's Qrvey instance: to the workbench it is just another domain.
  const remote = await startSandbox({ apiKey: 'acme-staging-key-1234', port: 0 })
  try {
    await addEnvironment(page, { name: 'Acme staging', domain: remote.url, apiKey: 'acme-staging-key-1234' })
    const saved = await page.evaluate(
      (environment) =>
        (window as unknown as WithBridge).workbench.workspace.save({
          setup: {
            formatVersion: 1,
            name: 'Acme staging overview',
            environment,
            widget: 'page-view',
            token: { userid: 'acme', appid: '59VShVtjM' },
            widgetFields: { dashboardId: 'overview' },
            personas: [{ persona: 'All regions', expect: [{ kind: 'renders' }, { kind: 'total', dataset: 'sales-orders', measure: 'revenue', equals: 1 }] }]
          }
        }),
      'Acme staging'
    )
    expect(saved.ok).toBe(true)
    await page.getByTestId('open-compare').click()
    await page.getByTestId('compare-add-demo-personas').click()
    await expect(page.getByTestId('compare-persona-option')).toHaveCount(4)
    await page.getByTestId('compare-setup').selectOption({ label: 'Acme staging overview' })
    await expect(page.locator('[data-persona="All regions"][type="checkbox"]')).toBeChecked()
    await expect(page.getByTestId('compare-target')).toHaveText('Page View from Acme staging')
    await page.locator('[data-persona="Europe only"][type="checkbox"]').check()
    await page.getByTestId('compare-run').click()
    const cards = page.getByTestId('compare-preview')
    for (let i = 0; i < 2; i++) await expect(cards.nth(i)).toHaveAttribute('data-state', 'rendered', { timeout: 30_000 })
    await expect(page.getByTestId('values-not-readable')).toContainText('Values are not readable on Acme staging')
    await expect(page.getByTestId('compare-values-table')).toHaveCount(0)
    await expect(page.getByTestId('compare-reports-table')).toContainText('qvDSHItemsLoaded')
    const all = page.locator('[data-testid="compare-expectation-card"][data-persona="All regions"]')
    await expect(all.locator('[data-verdict="met"]')).toContainText('renders without an error')
    await expect(all.locator('[data-verdict="unknown"]')).toContainText('values are not readable here')
    await page.getByTestId('compare-values').scrollIntoViewIfNeeded()
    await shots(page, 'rls-compare-real-instance', { sizes: ['small'] })
  } finally {
    await remote.close()
  }
})

test('a dark workbench compares dark previews, dressed as a single preview is (the sandbox dark theme by themeId)', async ({ page }) => {
  test.setTimeout(90_000)
  await page.emulateMedia({ colorScheme: 'dark' })
  await openCompare(page)
  await page.getByTestId('compare-run').click()
  const cards = page.getByTestId('compare-preview')
  await expect(cards).toHaveCount(3)
  for (let i = 0; i < 3; i++) {
    await expect(cards.nth(i)).toHaveAttribute('data-state', 'rendered', { timeout: 30_000 })
    const frame = page.frameLocator('[data-testid="compare-frame"]').nth(i)
    await expect(frame.locator('html')).toHaveAttribute(SANDBOX_SCHEME_ATTRIBUTE, 'dark')
    await expect(frame.locator('html')).toHaveCSS('background-color', 'rgb(17, 19, 24)')
  }
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.screenshot({ path: join(process.env.SHOTS_DIR ?? '/work/shots/find-see-keep', 'rls-compare-started-dark-1280x800.png') })

  // Switched to light while comparing: the frames keep their dark dress (no N new tokens behind the
  // user's back), and the view says so and how to redo them; Compare does.
  const note = page.getByTestId('compare-theme-note')
  await expect(note).toHaveCount(0)
  await page.getByTestId('theme-switch').selectOption('light')
  await expect(note).toHaveText('The workbench is light now; these previews were dressed for dark. Press Compare to show them light (one new token per persona).')
  await expect(page.frameLocator('[data-testid="compare-frame"]').first().locator('html')).toHaveAttribute(SANDBOX_SCHEME_ATTRIBUTE, 'dark')
  await page.screenshot({ path: join(process.env.SHOTS_DIR ?? '/work/shots/find-see-keep', 'rls-compare-theme-note-1280x800.png') })
  await page.getByTestId('compare-run').click()
  await expect(note).toHaveCount(0)
  for (let i = 0; i < 3; i++) {
    await expect(cards.nth(i)).toHaveAttribute('data-state', 'rendered', { timeout: 30_000 })
    await expect(page.frameLocator('[data-testid="compare-frame"]').nth(i).locator('html')).not.toHaveAttribute(SANDBOX_SCHEME_ATTRIBUTE, 'dark')
  }
  // And the other way round.
  await page.getByTestId('theme-switch').selectOption('dark')
  await expect(note).toContainText('The workbench is dark now; these previews were dressed for light.')
  await page.screenshot({ path: join(process.env.SHOTS_DIR ?? '/work/shots/find-see-keep', 'rls-compare-theme-note-dark-1280x800.png') })
})
