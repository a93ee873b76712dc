/**
 * The widgets beyond dashboards, and the config keys and page events that
 * issue 8 asks to do something, against the real sandbox server on loopback
 * (no stub): expected numbers are computed here from the data module, never
 * read back from the server. Each test names the Qrvey doc it follows
 * (partner-portal docs/software-developer/04-Widgets/...; QRVEY.md §2, §3).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import '../../../../src/sandbox/widgets/entries/widgets-launcher'
import '../../../../src/sandbox/widgets/entries/an-widgets'
import '../../../../src/sandbox/widgets/entries/qrvey-dashboard'
import '../../../../src/sandbox/widgets/entries/download-manager'
import '../../../../src/sandbox/widgets/entries/webform-widgets'
import { demoDataset, runQuery, SALES_DATASET_ID, visibleRows } from '../../../../src/sandbox/data'
import { startSandbox, type SandboxHandle } from '../../../../src/sandbox/server/server'
import type { DatasetPermission } from '../../../../src/shared/permissions'
import { mountWidget, waitFor } from './stub-server'

const APP = '59VShVtjM'
/** Every security column granted with "*" (EQUAL), so the tests hold whatever a token without permissions means. */
const ALL: DatasetPermission[] = [
  {
    dataset_id: SALES_DATASET_ID,
    record_permissions: ['region', 'country', 'category', 'customer_segment'].map((security_name) => ({ security_name, validation_type: 'EQUAL' as const, values: ['*'] }))
  }
]

let sandbox: SandboxHandle
const token = (extra: Record<string, unknown> = {}) => sandbox.issuer.issue({ userid: 'u-1', appid: APP, permissions: ALL, ...extra } as never)
const rows = () => visibleRows(demoDataset().rows, SALES_DATASET_ID, ALL)
const revenueOf = (list: ReturnType<typeof rows>) => Number(runQuery(list, { measures: [{ column: 'revenue', aggregate: 'sum' }] }).rows[0][0])
const q = (el: HTMLElement, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector)
const qa = (el: HTMLElement, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)]

beforeAll(async () => {
  sandbox = await startSandbox({ apiKey: 'extra-widgets-key' })
})
afterAll(async () => {
  await sandbox?.close()
})
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})
afterEach(() => {
  document.body.replaceChildren()
  vi.restoreAllMocks()
})

describe('Pixel-perfect Reports (pixel-perfect-reports.md)', () => {
  it('reportId + parameterValues: paged report of the sales rows, totals computed from the data module', async () => {
    const el = mountWidget('qrvey-pixel-builder', 'settings', {
      domain: sandbox.url,
      qvToken: await token(),
      reportId: 'orders-by-region',
      defaultMode: 'preview',
      parameterValues: { region: 'Europe' }
    })
    await waitFor(() => el.dataset.qvState === 'ready', 15_000)
    const europe = rows().filter((r) => r.region === 'Europe')
    // one group header, the rows, a subtotal, the grand total; 28 lines a page
    const pages = Math.ceil((europe.length + 3) / 28)
    expect(q(el, '[data-qv="page-status"]')?.textContent).toBe(`Page 1 of ${pages}`)
    expect(qa(el, '[data-qv="report-row"]')).toHaveLength(27) // 28 lines: the group header, then 27 rows
    expect(q(el, '[data-qv="report-structure"]')).toBeNull()
    for (let i = 1; i < pages; i++) q(el, '[data-qv="page-next"]')!.click()
    expect(q(el, '[data-qv="page-number"]')?.textContent).toBe(`Page ${pages} of ${pages}`)
    expect(Number(q(el, '[data-qv="report-grand-total"]')?.dataset.value)).toBeCloseTo(revenueOf(europe), 2)
  })

  it('without reportId: "browse all reports"; a click opens one; design mode marks editing as not simulated', async () => {
    const el = mountWidget('qrvey-pixel-builder', 'settings', { domain: sandbox.url, qvToken: await token() })
    await waitFor(() => el.dataset.qvState === 'ready', 15_000)
    expect(qa(el, '[data-qv="report-item"]').map((b) => b.dataset.reportId)).toEqual(['orders-by-region', 'product-ledger'])
    q(el, '[data-qv="report-item"][data-report-id="product-ledger"]')!.click()
    await waitFor(() => q(el, '[data-qv="report-page"]'), 15_000)
    expect(q(el, '[data-qv="report-structure"]')).not.toBeNull()
    expect(q(el, '[data-qv="not-simulated"]')).not.toBeNull()
    expect(console.error).toHaveBeenCalledWith(expect.stringMatching(/not simulated offline/))
  })
})

describe('Automation (automation-widget.md)', () => {
  it('lists the workflows without workflowId and opens one with it', async () => {
    const list = mountWidget('qrvey-workflow-design', 'settings', { domain: sandbox.url, qvToken: await token() })
    await waitFor(() => list.dataset.qvState === 'ready')
    expect(qa(list, '[data-qv="workflow-item"]').map((i) => i.dataset.workflowId)).toEqual(['weekly-revenue-digest', 'large-order-alert', 'feedback-follow-up'])
    const one = mountWidget('qrvey-workflow-design', 'settings', { domain: sandbox.url, qvToken: await token(), workflowId: 'large-order-alert' })
    await waitFor(() => one.dataset.qvState === 'ready')
    expect(q(one, '[data-qv="workflow-title"]')?.textContent).toBe('Large order alert')
    expect(qa(one, '[data-qv="workflow-step"]').map((s) => s.dataset.kind)).toEqual(['trigger', 'condition', 'action'])
  })
})

describe('Web forms (web-form-end-user.md, web-forms.md)', () => {
  it('End User stores a record with only domain + qrvey_hash; Design then shows it', async () => {
    const form = mountWidget('qrvey-webform-enduser', 'config', { domain: sandbox.url, qrvey_hash: 'sv3MnP9d' })
    await waitFor(() => form.dataset.qvState === 'ready')
    q(form, '[data-qv="form-submit"]')!.click()
    await waitFor(() => q(form, '[data-qv="form-errors"] [data-qv="error"]'))
    expect(q(form, '[data-qv="form-errors"]')?.textContent).toMatch(/How easy was the setup\?" is required/)

    q(form, '[data-qv="form-rating"][data-value="4"]')!.click()
    const training = q(form, '[data-qv="form-input"][data-question="training"]') as HTMLSelectElement
    training.value = 'yes'
    training.dispatchEvent(new Event('change'))
    q(form, '[data-qv="form-submit"]')!.click()
    await waitFor(() => q(form, '[data-qv="form-thanks"]'))

    const design = mountWidget('qrvey-design-widgets', 'settings', { domain: sandbox.url, qv_token: await token(), qrvey_id: 'onboarding-survey', app_type: 'SURVEY' })
    await waitFor(() => design.dataset.qvState === 'ready')
    expect(q(design, '[data-qv="response-count"]')?.dataset.count).toBe('1')
    expect(q(design, '[data-qv="design-responses"]')?.textContent).toContain('true')
    expect(qa(design, '[data-qv="design-question"]')).toHaveLength(3)
  })
})

describe('Download Manager (download-manager.md) and qvDSHDownloadDashboard (dashboard-view.md)', () => {
  it('a dashboard CSV download is filed for the token clientid and listed, downloadable, in the Download Manager', async () => {
    const qvToken = await token({ clientid: 'dm-user@example.com' })
    const view = mountWidget('qrvey-end-user', 'settings', { domain: sandbox.url, qvToken, dashboardId: 'overview' })
    await waitFor(() => view.dataset.qvState === 'ready', 15_000)
    window.dispatchEvent(new CustomEvent('qvDSHDownloadDashboard', { detail: { format: 'CSV' } }))
    await waitFor(() => q(view, '[data-qv="toast"]')?.textContent?.includes('Download Manager'), 15_000)

    const manager = mountWidget('qrvey-download-manager', 'settings', { domain: sandbox.url, qvToken, widgetView: 'table' })
    await waitFor(() => manager.dataset.qvState === 'ready')
    const exported = qa(manager, '[data-qv="export-row"]')
    expect(exported).toHaveLength(1)
    expect(exported[0].textContent).toMatch(/Overview .*\.csv.*Dashboard View: Overview/)

    // Another end user (clientid) of the same user id sees none of them.
    const other = mountWidget('qrvey-download-manager', 'settings', { domain: sandbox.url, qvToken: await token({ clientid: 'someone-else' }), widgetView: 'table' })
    await waitFor(() => other.dataset.qvState === 'ready')
    expect(q(other, '[data-qv="empty"]')).not.toBeNull()
  })

  it('says a clientid is needed when the token has none; openDownloadManager() opens the modal', async () => {
    const none = mountWidget('qrvey-download-manager', 'settings', { domain: sandbox.url, qvToken: await token() })
    await waitFor(() => none.dataset.qvState === 'error')
    expect(q(none, '[data-qv="error-message"]')?.textContent).toMatch(/needs a clientid/)

    const el = mountWidget('qrvey-download-manager', 'settings', { domain: sandbox.url, qvToken: await token({ clientid: 'c-modal' }), showModalButton: true })
    await waitFor(() => el.dataset.qvState === 'ready')
    expect(q(el, '[data-qv="download-modal"]')).toBeNull()
    ;(el as HTMLElement & { openDownloadManager(): void }).openDownloadManager()
    await waitFor(() => q(el, '[data-qv="download-modal"] [data-qv="empty"]'))
  })

  it('EXCEL and PDF are not simulated; a missing format logs Qrvey\'s "unable" line', async () => {
    const view = mountWidget('qrvey-end-user', 'settings', { domain: sandbox.url, qvToken: await token(), dashboardId: 'overview' })
    await waitFor(() => view.dataset.qvState === 'ready', 15_000)
    window.dispatchEvent(new CustomEvent('qvDSHDownloadDashboard', { detail: { format: 'PDF' } }))
    await waitFor(() => vi.mocked(console.error).mock.calls.some((c) => /PDF files are not simulated offline/.test(String(c[0]))))
    window.dispatchEvent(new CustomEvent('qvDSHDownloadDashboard'))
    expect(console.warn).toHaveBeenCalledWith('[qvDSHDownloadDashboard]: Unable to download the provided format.', expect.stringMatching(/no format given/))
    window.dispatchEvent(new CustomEvent('qvDSHCreateNewSubscription'))
    expect(console.error).toHaveBeenCalledWith(expect.stringMatching(/\[qvDSHCreateNewSubscription\]: subscriptions are not simulated offline/))
  })
})

describe('Dashboard View personalization events (dashboard-view.md "Events")', () => {
  it('qvDSHEditDashboard -> remove a panel -> qvDSHSaveDashboard stores this clientid\'s version; restore ORIGINAL / PERSONALIZED switch; qvDSHCloseEditDashboard leaves edit mode', async () => {
    const qvToken = await token({ clientid: 'personal@example.com' })
    const el = mountWidget('qrvey-end-user', 'settings', { domain: sandbox.url, qvToken, dashboardId: 'products' })
    const panels = () => qa(el, '[data-qv="panel"]').map((p) => p.dataset.panelId)
    await waitFor(() => el.dataset.qvState === 'ready', 15_000)
    const original = panels()
    expect(q(el, '[data-qv="edit-dashboard"]')).toBeNull() // Dashboard View edits only through the event

    window.dispatchEvent(new CustomEvent('qvDSHEditDashboard'))
    await waitFor(() => q(el, '[data-qv="remove-panel"]'))
    q(el, `[data-qv="remove-panel"][data-panel-id="${original[0]}"]`)!.click()
    window.dispatchEvent(new CustomEvent('qvDSHSaveDashboard'))
    await waitFor(() => !q(el, '[data-qv="remove-panel"]') && panels().length === original.length - 1, 15_000)

    // The same end user sees the personalized version after a reload; restore switches versions.
    el.remove()
    const again = mountWidget('qrvey-end-user', 'settings', { domain: sandbox.url, qvToken, dashboardId: 'products' })
    const againPanels = () => qa(again, '[data-qv="panel"]').map((p) => p.dataset.panelId)
    await waitFor(() => again.dataset.qvState === 'ready' && againPanels().length === original.length - 1, 15_000)
    window.dispatchEvent(new CustomEvent('qvDSHRestoreDashboard', { detail: { version: 'ORIGINAL' } }))
    await waitFor(() => again.dataset.qvState === 'ready' && againPanels().length === original.length, 15_000)
    window.dispatchEvent(new CustomEvent('qvDSHRestoreDashboard', { detail: { version: 'PERSONALIZED' } }))
    await waitFor(() => again.dataset.qvState === 'ready' && againPanels().length === original.length - 1, 15_000)

    window.dispatchEvent(new CustomEvent('qvDSHEditDashboard'))
    await waitFor(() => q(again, '[data-qv="remove-panel"]'))
    window.dispatchEvent(new CustomEvent('qvDSHCloseEditDashboard'))
    await waitFor(() => !q(again, '[data-qv="remove-panel"]'))
  })

  it('without a clientid in the token, qvDSHEditDashboard is "unable" and says why', async () => {
    const el = mountWidget('qrvey-end-user', 'settings', { domain: sandbox.url, qvToken: await token(), dashboardId: 'products' })
    await waitFor(() => el.dataset.qvState === 'ready', 15_000)
    window.dispatchEvent(new CustomEvent('qvDSHEditDashboard'))
    expect(console.warn).toHaveBeenCalledWith('[qvDSHEditDashboard]: Unable to edit dashboard.', expect.stringMatching(/clientid is missing/))
    expect(q(el, '[data-qv="remove-panel"]')).toBeNull()
  })
})

describe('qrvey-dashboard (v9) without dashboardId: the dashboard browser (QRVEY.md §2)', () => {
  it('lists the app\'s dashboards; a click opens one and fires qvDSHPageLoaded', async () => {
    const loaded: Event[] = []
    const onLoaded = (event: Event) => void loaded.push(event)
    document.addEventListener('qvDSHPageLoaded', onLoaded)
    try {
      const el = mountWidget('qrvey-dashboard', 'settings', { domain: sandbox.url, qvToken: await token() })
      await waitFor(() => el.dataset.qvState === 'ready')
      expect(qa(el, '[data-qv="browse-dashboard"]').map((b) => b.dataset.dashboardId)).toEqual(['overview', 'products'])
      q(el, '[data-qv="browse-dashboard"][data-dashboard-id="products"]')!.click()
      await waitFor(() => loaded.length === 1, 15_000)
      expect(q(el, '[data-qv="dashboard-title"]')?.textContent).toBe('Products')
      expect((loaded[0] as CustomEvent).detail).toBeNull()
    } finally {
      document.removeEventListener('qvDSHPageLoaded', onLoaded)
    }
  })
})

describe('documented config keys do something', () => {
  it('userFilters narrow every query (filters-embedded-scenarios.md), and atApplyUserFilters replaces them', async () => {
    const userFilters = { filters: [{ operator: 'AND', expressions: [{ qrveyid: SALES_DATASET_ID, questionid: 'region', validationType: 'EQUAL', value: ['Europe'] }] }] }
    const el = mountWidget('qrvey-end-user', 'settings', { domain: sandbox.url, qvToken: await token(), dashboardId: 'overview', userFilters })
    const kpi = () => q(el, '[data-qv="kpi-value"][data-panel-id="total-revenue"]')?.dataset.value
    await waitFor(() => el.dataset.qvState === 'ready' && kpi(), 15_000)
    expect(Number(kpi())).toBeCloseTo(revenueOf(rows().filter((r) => r.region === 'Europe')), 2)

    const range = { filters: [{ expressions: [{ questionid: 'revenue', validationType: 'RANGE', value: [{ gte: 10000, lte: 20000 }] }] }] }
    window.dispatchEvent(new CustomEvent('atApplyUserFilters', { detail: range }))
    const expected = revenueOf(rows().filter((r) => Number(r.revenue) >= 10000 && Number(r.revenue) <= 20000))
    await waitFor(() => el.dataset.qvState === 'ready' && Math.abs(Number(kpi()) - expected) < 0.01, 15_000)
  })

  it('styles.main_color and themeId set the widget colors; an unknown themeId is warned about', async () => {
    const el = mountWidget('qrvey-builders', 'settings', { domain: sandbox.url, qvToken: await token(), styles: { main_color: '#0f766e' } })
    await waitFor(() => el.dataset.qvState === 'ready', 15_000)
    expect(el.style.getPropertyValue('--qv-primary')).toBe('#0f766e')
    const themed = mountWidget('qrvey-end-user', 'settings', { domain: sandbox.url, qvToken: await token(), themeId: 'sandbox-sunset' })
    await waitFor(() => themed.dataset.qvState === 'ready', 15_000)
    expect(themed.dataset.qvTheme).toBe('sandbox-sunset')
    mountWidget('qrvey-end-user', 'settings', { domain: sandbox.url, qvToken: await token(), themeId: 'nope' })
    await waitFor(() => vi.mocked(console.warn).mock.calls.some((c) => /themeId "nope" is not a theme/.test(String(c[0]))))
  })

  it('i18n.locale formats numbers (single-panel.md "i18n")', async () => {
    const el = mountWidget('an-panel', 'config', { domain: sandbox.url, qvToken: await token(), qrveyId: SALES_DATASET_ID, type: 'METRIC', metricId: 'order-count', i18n: { lang: 'de', locale: 'de-DE' } })
    await waitFor(() => el.dataset.qvState === 'ready', 15_000)
    const count = rows().length
    expect(q(el, '[data-qv="kpi-value"]')?.textContent).toBe(count.toLocaleString('de-DE'))
  })

  it('Analytic Suite settings {view: TABULAR_VIEW, mode: SIMPLE} show the table only, no controls (analytic-suite.md)', async () => {
    const el = mountWidget('an-dashboard', 'config', { domain: sandbox.url, qvToken: await token(), qrveyId: SALES_DATASET_ID, settings: { view: 'TABULAR_VIEW', mode: 'SIMPLE' }, mode: 'edit' })
    await waitFor(() => el.dataset.qvState === 'ready', 15_000)
    expect(q(el, '[data-qv="groupby-select"]')).toBeNull()
    expect(q(el, '[data-qv="explorer-chart"]')).toBeNull()
    expect(q(el, '[data-qv="explorer-table"]')).not.toBeNull()
    expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(/"mode: edit" at the top of the config is not a documented Analytic Suite key/))
  })

  it('API-key mode against the real sandbox: the React sample\'s snake_case keys render the dashboard', async () => {
    const el = mountWidget('qrvey-end-user', 'settings', { domain: sandbox.url, api_key: sandbox.apiKey, app_id: APP, dashboardId: 'overview' })
    await waitFor(() => el.dataset.qvState === 'ready', 15_000)
    expect(q(el, '[data-qv="kpi-value"][data-panel-id="total-revenue"]')?.dataset.value).toBeTruthy()
  })
})
