/**
 * What the preview benchmarks share (bench/preview-first-data.ts and the
 * bench/lib/preview-profile.ts diagnosis): the widgets and their fields, the
 * browser they run in, the stamp of the widget's first data, and the form
 * filled up to a generated token.
 */
import { SALES_SECURITY_NAMES } from '../../src/sandbox/data'
import { startHarness, type HarnessOptions } from '../../test/support/harness'
import { chromium, type Browser, type Page } from '@playwright/test'
import { benchSignal } from './page-signal'

export const PREVIEW_WIDGETS: Record<string, Record<string, string>> = {
  'page-view': { dashboardId: 'overview' },
  'page-builder': { dashboardId: 'overview' },
  'report-builder': {},
  'analytic-suite': { qrveyId: 'sales-orders' },
  'single-panel': { qrveyId: 'sales-orders', type: 'CHART', chartId: 'revenue-by-region' },
  'qrvey-dashboard': { dashboardId: 'overview' }
}

/** System Chromium (or CHROMIUM_PATH) without its background traffic, which would add noise. */
export function launchBenchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu']
  })
}

/** What a frame logs (console.debug) once its widget reports its data. */
export const READY_SIGNAL = 'qwb-bench:ready'

/**
 * In every frame, the preview's too: `window.__readyAt` is the moment the
 * widget reports its data (data-qv-state="ready"), and the frame logs
 * READY_SIGNAL then. Wait with `widgetReady`, not a frame locator
 * (page-signal.ts says why).
 */
export async function stampFirstData(page: Page): Promise<void> {
  // tsx compiles with keepNames: functions passed to a page call a __name helper pages lack.
  await page.addInitScript({ content: 'window.__name = (f) => f' })
  await page.addInitScript((signal) => {
    const w = window as unknown as { __readyAt?: number }
    const stamp = () => {
      if (w.__readyAt === undefined && document.querySelector('[data-qv-state="ready"]')) {
        w.__readyAt = performance.timeOrigin + performance.now()
        console.debug(signal)
      }
    }
    new MutationObserver(stamp).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-qv-state'] })
  }, READY_SIGNAL)
}

/** Resolves when a frame of the page logs READY_SIGNAL; call before the click that starts the preview, await after it. */
export function widgetReady(page: Page, timeout = 30_000): Promise<unknown> {
  return benchSignal(page, READY_SIGNAL, timeout)
}

/** Picks the widget, fills its fields and a token body that sees data, and generates the token. */
export async function prepareWidget(page: Page, widgetId: string, fields: Record<string, string>): Promise<void> {
  await page.getByTestId('environment-item').first().waitFor()
  await page.getByTestId(`widget-card-${widgetId}`).click()
  for (const [key, value] of Object.entries(fields)) {
    const field = page.getByTestId(`widget-field-${key}`)
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value)
    else await field.fill(value)
  }
  await page.getByTestId('input-userid').fill('bench-user')
  await page.getByTestId('input-appid').fill('59VShVtjM')
  // Every security column granted, so the widgets render data (a token without them sees no sales orders).
  await page.getByTestId('permissions-editor-input').fill(JSON.stringify([{ dataset_id: 'sales-orders', record_permissions: SALES_SECURITY_NAMES.map((security_name) => ({ security_name, values: ['*'] })) }]))
  const reason = page.getByTestId('generate-reason')
  if (await reason.isVisible()) console.error(`generate blocked: ${await reason.textContent()}`)
  await page.getByTestId('generate-button').click()
  await page.getByTestId('result-status').filter({ hasText: '200' }).waitFor()
}

/**
 * Runs `measure` for each preview widget (or those in `only`): every widget gets
 * a fresh harness and page (with the first-data stamp and `prepare`'s init scripts),
 * the form filled up to a token; page, harness and browser are closed after.
 */
export async function forEachPreviewWidget(
  options: { only?: string[]; harness?: HarnessOptions; prepare?: (page: Page) => Promise<void> },
  measure: (widgetId: string, page: Page) => Promise<void>
): Promise<void> {
  const browser = await launchBenchChromium()
  try {
    for (const [widgetId, fields] of Object.entries(PREVIEW_WIDGETS)) {
      if (options.only && !options.only.includes(widgetId)) continue
      const harness = await startHarness(options.harness)
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
      await stampFirstData(page)
      await options.prepare?.(page)
      try {
        await harness.open(page)
        await prepareWidget(page, widgetId, fields)
        await measure(widgetId, page)
      } finally {
        await page.close()
        await harness.close()
      }
    }
  } finally {
    await browser.close()
  }
}

/**
 * From now on each click on Preview is stamped in the workbench page (performance.timeOrigin + now, as the
 * frame's "ready" is), so Playwright's own round trips are not counted; read it with `lastPreviewClickAt`.
 */
export async function stampPreviewClicks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __clickAt?: number }
    document.querySelector('[data-testid="preview-button"]')?.addEventListener('click', () => (w.__clickAt = performance.timeOrigin + performance.now()), true)
  })
}

/** When the last Preview click happened (see stampPreviewClicks). */
export function lastPreviewClickAt(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __clickAt: number }).__clickAt)
}

/** Takes the ready state off the preview's widget, so the next Preview's "ready" is its own. */
export async function clearReady(page: Page): Promise<void> {
  await page.frameLocator('[data-testid="preview-frame"]').locator('[data-qv-state]').evaluate((el) => el.removeAttribute('data-qv-state'))
}
