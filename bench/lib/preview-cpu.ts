/**
 * Profile (not a bench): where the page's main-thread CPU goes between the
 * Preview click and the widget's first data, per widget: a V8 CPU profile of
 * the workbench page (browser mode puts the preview in the same process),
 * self time summed per function over RUNS previews, top entries printed,
 * with the wall time and the CPU-busy total beside them. "(program)" is the
 * renderer's native work (style, layout, paint, HTML parsing, frame set-up),
 * "(idle)" the time its main thread waited; the rest is JavaScript, by
 * function and script (app.js is the sandbox's launcher bundle, the other
 * names the workbench's own chunks). bench/lib/preview-profile.ts splits the
 * same previews into phases (document, scripts, API calls, ready).
 *
 *   npm run build:all && WIDGETS=page-view npx tsx bench/lib/preview-cpu.ts   (not run by npm run bench: it reports no row)
 */
import { clearReady, forEachPreviewWidget, widgetReady } from './preview-widgets'

const RUNS = Number(process.env.RUNS ?? 6)
const ONLY = process.env.WIDGETS?.split(',')
const TOP = Number(process.env.TOP ?? 25)

/** The parts of a V8 CPU profile this reads. */
interface Profile { nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>; samples: number[]; timeDeltas: number[] }

async function main() {
  await forEachPreviewWidget({ only: ONLY }, async (widgetId, page) => {
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
    const self = new Map<string, number>()
    let busy = 0
    let wall = 0
    for (let i = 0; i < RUNS; i++) {
      const ready = widgetReady(page)
      await cdp.send('Profiler.start')
      const t0 = Date.now()
      await page.getByTestId('preview-button').click()
      await ready
      wall += Date.now() - t0
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile }
      const byId = new Map(profile.nodes.map((n) => [n.id, n]))
      profile.samples.forEach((id, k) => {
        const { functionName, url, lineNumber } = byId.get(id)!.callFrame
        const dt = (profile.timeDeltas[k + 1] ?? 0) / 1000
        if (functionName !== '(idle)' && functionName !== '(program)') busy += dt
        const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\//, '')}:${lineNumber + 1}`
        self.set(key, (self.get(key) ?? 0) + dt)
      })
      await clearReady(page)
    }
    console.log(`${widgetId}: wall (incl. Playwright click) ${(wall / RUNS).toFixed(0)} ms per preview, JS busy ${(busy / RUNS).toFixed(0)} ms`)
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${(v / RUNS).toFixed(1).padStart(6)} ms  ${k}`)
  })
}

void main()
