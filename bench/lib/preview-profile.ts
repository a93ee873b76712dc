/**
 * Profile (not a bench): where one Preview's time goes, per widget, from the
 * click to the first data. Phases from in-page timing: the click, the
 * preview.create round trip (the workbench's bridge request in the renderer's
 * resource timings), the frame's navigation (timeOrigin), its document
 * response, each launcher script, each sandbox API request (start, end), and
 * the widget's "ready". Median per phase over RUNS runs.
 *
 *   npm run build:all && npx tsx bench/lib/preview-profile.ts   (not run by npm run bench: it reports no row)
 */
import { clearReady, lastPreviewClickAt, forEachPreviewWidget, stampPreviewClicks, widgetReady } from './preview-widgets'

const RUNS = Number(process.env.RUNS ?? 6)
const ONLY = process.env.WIDGETS?.split(',')

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function main() {
  await forEachPreviewWidget({ only: ONLY, prepare: async (page) => {
    await page.addInitScript(() => {
      const l = window as unknown as { __long: Array<[number, number]> }
      l.__long = []
      new PerformanceObserver((list) => { for (const e of list.getEntries()) l.__long.push([e.startTime, e.duration]) }).observe({ type: 'longtask', buffered: true })
    })
  } }, async (widgetId, page) => {
    const frame = page.frameLocator('[data-testid="preview-frame"]')
    await stampPreviewClicks(page)
    const rows: Array<Record<string, number>> = []
    const lines: string[] = []
    for (let i = 0; i < RUNS; i++) {
      await page.evaluate(() => performance.clearResourceTimings())
      const ready = widgetReady(page)
      await page.getByTestId('preview-button').click()
      await ready
      const clickAt = await lastPreviewClickAt(page)
      const bridge = await page.evaluate(() =>
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => ({ name: e.name, start: performance.timeOrigin + e.startTime, end: performance.timeOrigin + e.responseEnd }))
      )
      const f = await frame.locator('html').evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
        const o = performance.timeOrigin
        return {
          origin: o,
          readyAt: (window as unknown as { __readyAt: number }).__readyAt,
          long: ((window as unknown as { __long?: Array<[number, number]> }).__long ?? []).map(([s, d]) => [o + s, d]),
          nav: { reqStart: o + nav.requestStart, respEnd: o + nav.responseEnd, dcl: o + nav.domContentLoadedEventEnd },
          res: performance.getEntriesByType('resource').map((e) => {
            const r = e as PerformanceResourceTiming
            return { name: r.name, init: r.initiatorType, start: o + r.startTime, req: o + r.requestStart, resp: o + r.responseStart, end: o + r.responseEnd, size: r.transferSize }
          })
        }
      })
      const rel = (t: number) => +(t - clickAt).toFixed(0)
      const create = bridge.filter((b) => b.start >= clickAt - 1)
      const row: Record<string, number> = {
        createEnd: create.length ? rel(Math.max(...create.map((b) => b.end))) : NaN,
        frameOrigin: rel(f.origin),
        docEnd: rel(f.nav.respEnd),
        dcl: rel(f.nav.dcl),
        ready: rel(f.readyAt)
      }
      const scripts = f.res.filter((r) => r.init === 'script')
      if (scripts.length) row.scriptsEnd = rel(Math.max(...scripts.map((s) => s.end)))
      const api = f.res.filter((r) => r.init === 'fetch')
      if (api.length) {
        row.firstApiStart = rel(Math.min(...api.map((s) => s.start)))
        row.lastApiEnd = rel(Math.max(...api.map((s) => s.end)))
        row.apiCount = api.length
        const app = api.find((r) => /\/app\/[^/?]+(\?|$)/.test(new URL(r.name).pathname + new URL(r.name).search))
        const queries = api.filter((r) => r.name.includes('/analytics/results'))
        if (app && queries.length) {
          // The widget's wait between its app answer and its first panel query (a page GET sat here).
          row.appToQuery = +(Math.min(...queries.map((q) => q.start)) - app.end).toFixed(0)
          row.queriesEnd = rel(Math.max(...queries.map((q) => q.end)))
        }
      }
      rows.push(row)
      if (i === RUNS - 1) {
        lines.push(`  bridge: ${create.map((b) => `${new URL(b.name).pathname} ${rel(b.start)}→${rel(b.end)}`).join(', ')}`)
        lines.push(`  long tasks: ${f.long.map(([s, d]) => `${rel(s)}+${d.toFixed(0)}`).join(' ')}`)
        for (const r of f.res) lines.push(`  ${r.init.padEnd(6)} ${String(rel(r.start)).padStart(5)} → req ${String(rel(r.req)).padStart(5)} resp ${String(rel(r.resp)).padStart(5)} end ${String(rel(r.end)).padStart(5)}  ${new URL(r.name).pathname}${new URL(r.name).search} (${r.size} B)`)
      }
      await clearReady(page)
    }
    const keys = Object.keys(rows[0])
    console.log(`${widgetId}: ` + keys.map((k) => `${k} ${median(rows.map((r) => r[k]))}`).join(' | '))
    console.log(lines.join('\n'))
  })
}

void main()
