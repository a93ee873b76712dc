/**
 * Issue 11, point 2 in Chromium: every demo setup the sandbox ships renders
 * data. A new user starts from "Start with a demo" (first start: nothing
 * saved), presses Generate and Preview, and the widget shows numbers; the
 * row-level-security demos show exactly what their permissions allow,
 * computed here from the sandbox's data module, never read from the server.
 */
import { demoDataset, runQuery, SALES_DATASET_ID, visibleRows } from '../../src/sandbox/data'
import { demoSetups } from '../../src/sandbox/data/demo-setups'
import { expect, test } from './fixtures'
import { shots } from './shots'

const DATA = [
  'kpi-value', 'chart-cell', 'table-cell', 'row-count', // dashboards, panels, reports
  'report-page', 'workflow-item', 'design-question', 'webform', 'download-launcher', 'browse-dashboard' // the other widgets
].map((qv) => `[data-qv="${qv}"]`).join(', ')

test('first start offers the demos; opening one makes a draft, never a saved setup', async ({ page, harness }) => {
  const list = page.getByTestId('result-pane').getByTestId('demo-list')
  await expect(list.getByTestId('demo-start')).toHaveCount(demoSetups().length)
  await shots(page, 'demos-first-start')
  await list.locator('[data-demo-id="rls-europe"]').click()
  await expect(page.getByTestId('setup-current')).toHaveText('Untitled setup')
  await expect(page.getByTestId('setup-notice')).toContainText('RLS – Europe only')
  await expect(page.getByTestId('input-userid')).toHaveValue('europe-manager')
  expect(harness.app.workspace.state().setups).toHaveLength(0)
})

for (const demo of demoSetups()) {
  test(`demo "${demo.id}" renders data in the preview`, async ({ page }) => {
    await page.getByTestId('result-pane').locator(`[data-demo-id="${demo.id}"]`).click()
    await expect(page.getByTestId(`widget-option-${demo.setup.widget}`)).toBeChecked()
    await page.getByTestId('generate-button').click()
    await expect(page.getByTestId('result-status')).toHaveText('200')
    await page.getByTestId('preview-button').click()
    const frame = page.frameLocator('[data-testid="preview-frame"]')
    await expect(frame.locator(DATA).first()).toBeAttached({ timeout: 25_000 })
    await expect(page.getByTestId('event-log-entry').filter({ hasText: 'qvTokenExpired' })).toHaveCount(0)

    const rows = visibleRows(demoDataset().rows, SALES_DATASET_ID, demo.setup.token.permissions)
    expect(rows.length, 'the demo permissions leave rows to show').toBeGreaterThan(0)
    if (demo.rls) expect(rows.length, 'an RLS demo narrows the rows').toBeLessThan(demoDataset().rows.length)
    const kpi = frame.locator('[data-qv="kpi-value"][data-panel-id="total-revenue"]')
    if (demo.setup.widget === 'page-view' || demo.setup.widget === 'qrvey-dashboard' || demo.setup.widget === 'page-builder') {
      if (demo.setup.widgetFields.dashboardId === 'overview') {
        const revenue = Number(runQuery(rows, { measures: [{ column: 'revenue', aggregate: 'sum' }] }).rows[0][0])
        await expect(kpi).toHaveAttribute('data-value', String(revenue), { timeout: 20_000 })
      }
    }
    if (demo.id === 'rls-software-large') {
      // A summary by product: only products these rows hold (Software) appear.
      const cells = frame.locator('[data-qv="table-cell"][data-column="product"]')
      await expect(cells.first()).toBeAttached()
      const products = new Set(rows.map((r) => String(r.product)))
      const shown = await cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-value')))
      expect(shown.length).toBeGreaterThan(0)
      for (const p of shown) expect(products.has(String(p))).toBe(true)
    }
  })
}
