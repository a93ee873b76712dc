/**
 * Issue 8: the offline sandbox's security answers as Qrvey documents it, seen
 * through the workbench and the preview in Chromium (QRVEY.md §1).
 * Expected numbers are computed here from the data module, not read from the server.
 */
import { demoDataset, filterByPermissions, runQuery, SALES_DATASET_ID, SALES_SECURITY_NAMES, targetsDataset, TARGETS_DATASET_ID } from '../../src/sandbox/data'
import type { DatasetPermission } from '../../src/shared/permissions'
import { expect, fillTokenForm, selectWidget, test } from './fixtures'
import type { Page } from '@playwright/test'

const frameOf = (page: Page) => page.frameLocator('[data-testid="preview-frame"]')

async function generateAndPreview(page: Page, permissions: unknown, extra?: unknown): Promise<void> {
  await page.getByTestId('permissions-editor-input').fill(permissions === undefined ? '' : JSON.stringify(permissions))
  await page.getByTestId('extra-editor-input').fill(extra === undefined ? '' : JSON.stringify(extra))
  await page.getByTestId('generate-button').click()
  await expect(page.getByTestId('result-status')).toHaveText('200')
  await page.getByTestId('preview-button').click()
}

async function pageView(page: Page, dashboardId = 'overview'): Promise<void> {
  await selectWidget(page, 'page-view')
  await page.getByTestId('widget-field-dashboardId').fill(dashboardId)
  await fillTokenForm(page, { userid: 'izfZIkc', appid: '59VShVtjM', clientid: 'security@example.com' })
}

test('a docs-shaped RLS body (month RANGE {gte, lte}, nested OR with CONTAIN, NOT_EQUAL, "*" with the default EQUAL) gives the numbers the data module computes', async ({ page }) => {
  // The shape of the docs' Backend Authentication example, on the sandbox's security names.
  const permissions: DatasetPermission[] = [
    {
      dataset_id: SALES_DATASET_ID,
      operator: 'AND',
      record_permissions: [
        { security_name: 'order_date', validation_type: 'RANGE', group_value: 'month', values: [{ gte: 'Jun 2024', lte: 'Dec 2024' }] },
        {
          operator: 'OR',
          record_permissions: [
            { security_name: 'country', validation_type: 'CONTAIN', values: ['ina', 'man'] },
            { security_name: 'category', validation_type: 'START_WITH', values: ['Serv'] }
          ]
        },
        { security_name: 'region', values: ['*'] },
        { security_name: 'customer_segment', validation_type: 'NOT_EQUAL', values: ['SMB'] }
      ]
    }
  ]
  const { rows, meta } = demoDataset()
  const visible = filterByPermissions(rows, SALES_DATASET_ID, permissions, meta.columns).rows
  // Independently: the same conditions written out by hand over the raw rows.
  const byHand = rows.filter(
    (row) =>
      String(row.order_date) >= '2024-06-01' &&
      String(row.order_date) <= '2024-12-31' &&
      (/ina|man/i.test(String(row.country)) || String(row.category).startsWith('Serv')) &&
      row.customer_segment !== 'SMB'
  )
  expect(visible).toEqual(byHand)
  expect(byHand.length).toBeGreaterThan(0)
  const revenue = runQuery(byHand, { measures: [{ column: 'revenue', aggregate: 'sum' }] }).rows[0][0]
  const orders = byHand.length

  await pageView(page)
  await generateAndPreview(page, permissions)
  const frame = frameOf(page)
  await expect(frame.locator('[data-qv="kpi-value"][data-panel-id="total-revenue"]')).toHaveAttribute('data-value', String(revenue), { timeout: 20_000 })
  await expect(frame.locator('[data-qv="kpi-value"][data-panel-id="order-count"]')).toHaveAttribute('data-value', String(orders))
  await expect(frame.locator('[data-qv="security-note"]')).toHaveCount(0)
})

test('a token without permissions sees no sales orders and the widget and the event log say why; the open dataset still shows', async ({ page }) => {
  await pageView(page)
  await generateAndPreview(page, undefined)
  const frame = frameOf(page)
  const note = frame.locator('[data-qv="panel"][data-panel-id="total-revenue"] [data-qv="security-note"]')
  await expect(note).toContainText('Dataset sales-orders is secured by order_date, region, country, category and customer_segment, and the token has no permissions for it, so it shows no rows.', { timeout: 20_000 })
  await expect(note.locator('[data-qv="security-note-short"]')).toHaveText('No rows: the token has no permissions for sales-orders.')
  await expect(frame.locator('[data-qv="kpi-value"][data-panel-id="total-revenue"]')).toHaveCount(0)
  // The whole explanation once above the panels, in plain words.
  await expect(frame.locator('[data-qv="security-notes-text"]')).toHaveText([
    'Dataset sales-orders is secured by order_date, region, country, category and customer_segment, and the token has no permissions for it, so it shows no rows. Add a permission for this dataset that names every security column (values ["*"] with EQUAL grants all).'
  ])
  // The open dataset: its numbers, whatever the token.
  const targets = runQuery(targetsDataset().rows, { measures: [{ column: 'target', aggregate: 'sum' }], groupBy: ['region'] })
  const europeTarget = targets.rows.find((row) => row[0] === 'Europe')![1]
  await expect(frame.locator(`[data-qv="panel"][data-panel-id="target-by-region"] [data-qv="chart-cell"][data-value="${europeTarget}"]`)).toHaveCount(1)
  expect(TARGETS_DATASET_ID).toBe('sales-targets')
  // The preview's event log carries the explanation as a security entry (not as widget event detail).
  const entry = page.getByTestId('event-log-entry').filter({ hasText: 'secured by order_date' })
  await expect(entry.first()).toBeVisible({ timeout: 15_000 })
  await expect(entry.first()).toHaveAttribute('data-kind', 'security')
})

test('a value that matches no row is reported (region "North")', async ({ page }) => {
  const permissions = [{ dataset_id: SALES_DATASET_ID, record_permissions: [...SALES_SECURITY_NAMES.filter((n) => n !== 'region').map((security_name) => ({ security_name, values: ['*'] })), { security_name: 'region', values: ['North'] }] }]
  await pageView(page)
  await generateAndPreview(page, permissions)
  await expect(frameOf(page).locator('[data-qv="panel"][data-panel-id="total-revenue"] [data-qv="security-note"]')).toContainText(
    'region EQUAL "North" matches no row (its values: Asia Pacific, Europe, Latin America, North America)',
    { timeout: 20_000 }
  )
})

test('asset_permissions limited to page overview: the Products page is not offered, and the widget says why', async ({ page }) => {
  const everything = [{ dataset_id: SALES_DATASET_ID, record_permissions: SALES_SECURITY_NAMES.map((security_name) => ({ security_name, values: ['*'] })) }]
  await pageView(page)
  await generateAndPreview(page, everything, { asset_permissions: { pages: { page_ids: ['overview'] } } })
  const frame = frameOf(page)
  await expect(frame.locator('[data-qv="page-tab"][data-dashboard-id="overview"]')).toBeVisible({ timeout: 20_000 })
  await expect(frame.locator('[data-qv="page-tab"][data-dashboard-id="products"]')).toHaveCount(0)
  await expect(frame.locator('[data-qv="hidden-asset"][data-asset-id="products"]')).toContainText('Dashboard "Products" is not in the token\'s asset_permissions.pages.page_ids (overview).')
})

test('dashboardId inside the token opens Products instead of the page\'s Overview', async ({ page }) => {
  const everything = [{ dataset_id: SALES_DATASET_ID, record_permissions: SALES_SECURITY_NAMES.map((security_name) => ({ security_name, values: ['*'] })) }]
  await pageView(page, 'overview')
  await generateAndPreview(page, everything, { dashboardId: 'products' })
  const frame = frameOf(page)
  await expect(frame.locator('[data-qv="dashboard-title"]')).toHaveText('Products', { timeout: 20_000 })
  await expect(frame.locator('[data-qv="page-tab"][data-dashboard-id="products"]')).toHaveAttribute('aria-selected', 'true')
})

test('the token warnings appear beside the token', async ({ page }) => {
  await pageView(page)
  await page.getByTestId('permissions-editor-input').fill(JSON.stringify([{ dataset_id: SALES_DATASET_ID, record_permissions: [{ security_name: 'region', values: ['Europe'] }] }]))
  await page.getByTestId('generate-button').click()
  await expect(page.getByTestId('result-status')).toHaveText('200')
  await expect(page.getByTestId('token-warning')).toHaveText([
    'Dataset sales-orders is secured by order_date, region, country, category and customer_segment; the token grants nothing for order_date, country, category and customer_segment, so it will show no rows of it.'
  ])
})
