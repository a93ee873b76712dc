/**
 * Benchmark (not a test): in Chromium through the test harness (the built
 * renderer, the real main process, sandbox and preview server), the time from
 * clicking Preview to the widget's first rendered data, per widget type:
 * until the widget element in the preview frame reports data-qv-state="ready"
 * (its panels have data). Median and p95 over RUNS runs (default 20).
 *
 * In-page timing: the click is stamped in the workbench page and "ready" in
 * the preview frame (a MutationObserver from an init script), both as
 * performance.timeOrigin + performance.now(), so Playwright's own round
 * trips are not counted.
 *
 * Baseline from the same run: every other preview with the browser's cache
 * disabled (CDP Network.setCacheDisabled), which is how every preview ran
 * while the sandbox sent its launcher `no-store` and no preflight could be
 * reused: the launcher fetched in full, every preflight sent. Also printed:
 * the workbench's own part (click to the preview document's start).
 *
 *   npm run build:all && npx tsx bench/preview-first-data.ts
 *   WIDGETS=page-view,qrvey-dashboard RUNS=10 npx tsx bench/preview-first-data.ts   (some widgets only)
 *   PREVIEW_HOST=localhost npx tsx bench/preview-first-data.ts   (previews on another site, as the desktop app has them)
 */
import { clearReady, lastPreviewClickAt, forEachPreviewWidget, stampPreviewClicks, widgetReady } from './lib/preview-widgets'
import { reportRow } from './lib/row'

const RUNS = Number(process.env.RUNS ?? 20)
const ONLY = process.env.WIDGETS?.split(',')
// localhost: the preview on another site than the workbench page, as in the desktop app (app://workbench), where
// Chromium gives it a renderer process of its own; default, browser mode's 127.0.0.1 (same site, same process).
const PREVIEW_HOST = process.env.PREVIEW_HOST === 'localhost' ? ('localhost' as const) : undefined
const SITE = PREVIEW_HOST ? ' (preview on another site)' : ''

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

async function main() {
  await forEachPreviewWidget({ only: ONLY, harness: { previewHost: PREVIEW_HOST } }, async (widgetId, page) => {
    const frame = page.frameLocator('[data-testid="preview-frame"]')
    await stampPreviewClicks(page)
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Network.enable')
    const times: number[] = []
    const uncached: number[] = []
    const own: number[] = []
    for (let i = 0; i < RUNS * 2; i++) {
      const cold = i % 2 === 1
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: cold })
      const ready = widgetReady(page)
      await page.getByTestId('preview-button').click()
      await ready
      const clickAt = await lastPreviewClickAt(page)
      const [readyAt, frameStart] = await frame.locator('html').evaluate(() => [(window as unknown as { __readyAt: number }).__readyAt, performance.timeOrigin])
      ;(cold ? uncached : times).push(readyAt - clickAt)
      if (!cold) own.push(frameStart - clickAt)
      // Next run starts from a fresh preview page.
      await clearReady(page)
    }
    times.sort((a, b) => a - b)
    uncached.sort((a, b) => a - b)
    const [p50, p95, b50, b95] = [percentile(times, 50), percentile(times, 95), percentile(uncached, 50), percentile(uncached, 95)]
    console.log(
      `${widgetId.padEnd(16)} median ${p50.toFixed(0).padStart(5)} ms   p95 ${p95.toFixed(0).padStart(5)} ms   ` +
        `| uncached baseline ${b50.toFixed(0).padStart(5)} / ${b95.toFixed(0).padStart(5)} ms   | ratio ${(p50 / b50).toFixed(2)} / ${(p95 / b95).toFixed(2)}   ` +
        `(n=${RUNS} each; click to preview document ${percentile(own.sort((a, b) => a - b), 50).toFixed(0)} ms)`
    )
    reportRow({ row: `Preview -> first data, ${widgetId}${SITE}, p50`, figure: p50, unit: 'ms', baseline: b50, baselineLabel: 'uncached preview, same run', target: { of: 'figure', kind: 'max', value: 150 }, note: `n=${RUNS}` })
    reportRow({ row: `Preview -> first data, ${widgetId}${SITE}, p95`, figure: p95, unit: 'ms', baseline: b95, baselineLabel: 'uncached preview, same run', target: { of: 'figure', kind: 'max', value: 300 }, note: `n=${RUNS}` })
  })
}

void main()
