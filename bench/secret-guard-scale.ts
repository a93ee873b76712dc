/**
 * Benchmark (not a test): the longest the main event loop stalls while a
 * 16 MB hostile import is previewed and applied through the real IPC
 * registry on a temp workspace (issue 7, point 4: at most 50 ms at a time).
 * The baseline, from the same run: one JSON.parse of the same bytes on the
 * main thread, which is what a synchronous import would at least cost.
 *
 *   node --expose-gc --import tsx bench/secret-guard-scale.ts     (MB=16 by default; ONLY=long-runs to pick one)
 *
 * Stalls are measured with a 1 ms timer probe: the longest gap between two
 * of its ticks (perf_hooks.monitorEventLoopDelay misses a stall that starts
 * on the turn it is enabled).
 */
import { PerformanceObserver } from 'node:perf_hooks'
import { createMainApp } from '../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../src/main/app/node-options'
import { makeTempDir } from '../test/support/temp-dir'

const MB = Number(process.env.MB ?? 16)
const TARGET = MB * 1024 * 1024 - 4096
const ORIGIN = 'app://workbench'
const trusted = { url: `${ORIGIN}/index.html`, isMainFrame: true }

function setup(name: string, fields: Record<string, string>) {
  return { formatVersion: 1, name, environment: 'Offline sandbox', widget: 'page-view', token: { userid: 'u1', appid: 'a1' }, widgetFields: fields }
}

function exportText(setups: unknown[]): string {
  return JSON.stringify({ format: 'qrvey-embed-workbench', formatVersion: 1, setups, environments: [] })
}

/** Fills ~MB megabytes with setups made by `make(i)`. */
function fill(make: (i: number) => unknown): string {
  const one = JSON.stringify(make(0)).length + 1
  const count = Math.max(1, Math.floor(TARGET / one))
  return exportText(Array.from({ length: count }, (_, i) => make(i)))
}

const IMPORTS: Record<string, () => string> = {
  // The issue's case scaled up: 80,000-character token-like fields (no dots), which the old regex re-read from every position.
  'long-runs': () => fill((i) => setup(`Long run ${i}`, { dashboardId: 'A'.repeat(80_000) })),
  // Runs with dots that look like the start of a token everywhere.
  'dotted-runs': () => fill((i) => setup(`Dotted ${i}`, { dashboardId: 'eyJhbGciOi.'.repeat(7_000) })),
  // A big ordinary workspace export: many small setups.
  'many-setups': () => fill((i) => setup(`Acme staging page view #${i}`, { dashboardId: `dash-${i}`, note: 'x'.repeat(600) })),
  // One setup holding one enormous token-like run (overflowed the old COMPACT_JOSE at load).
  'one-huge-run': () => exportText([setup('Huge', { dashboardId: `eyJ${'a'.repeat(TARGET - 200)}.b.c` })])
}

/**
 * The longest gap between two ticks of a 1 ms timer while `run` works: how
 * long the event loop could not answer anything (IPC, the window, a timer).
 */
function stallDuring<T>(run: () => Promise<T>): Promise<{ result: T; maxMs: number; totalMs: number }> {
  let last = performance.now()
  let maxGap = 0
  const probe = setInterval(() => {
    const now = performance.now()
    maxGap = Math.max(maxGap, now - last)
    last = now
  }, 1)
  return new Promise((resolve, reject) => {
    // Let the probe tick once before the work starts.
    setTimeout(() => {
      last = performance.now()
      const start = last
      run().then((result) => {
        const totalMs = performance.now() - start
        maxGap = Math.max(maxGap, performance.now() - last)
        clearInterval(probe)
        resolve({ result, maxMs: maxGap, totalMs })
      }, reject)
    }, 5)
  })
}

/** Between measurements, when run with --expose-gc, so one phase's garbage is not collected in another's. */
function collectGarbage() {
  ;(globalThis as { gc?: () => void }).gc?.()
}

function line(label: string, text: string) {
  console.log(`${label.padEnd(52)} ${text}`)
}

const gcPauses: number[] = []
if (process.env.GC_LOG) new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.duration > 10) gcPauses.push(Math.round(e.duration)) }).observe({ entryTypes: ['gc'] })

async function main() {
  const only = process.env.ONLY
  console.log(`Import of ${MB} MB through the IPC registry; longest event-loop stall (target: 50 ms)\n`)
  for (const [name, make] of Object.entries(IMPORTS)) {
    if (only && name !== only) continue
    const text = make()
    const temp = makeTempDir('qwb-bench-guard-')
    const app = await createMainApp(nodeMainAppOptions(temp.dir, { rendererOrigin: ORIGIN }))
    try {
      collectGarbage()
      const preview = await stallDuring(() => app.registry.invoke('workspace:import-preview', { text }, trusted))
      const previewed = preview.result as { ok: boolean; value?: { importId: string; counts: Record<string, number> }; error?: { message: string } }
      let apply: { maxMs: number; totalMs: number; result: unknown } | undefined
      if (previewed.ok && previewed.value) {
        const id = previewed.value.importId
        apply = await stallDuring(() => app.registry.invoke('workspace:import-apply', { importId: id }, trusted))
      }
      collectGarbage()
      // Baselines last, so their garbage is not collected during the import: one JSON.parse of the same bytes, and
      // the loop doing nothing for a second (on a shared machine, the OS alone makes gaps).
      const baseline = await stallDuring(async () => JSON.parse(text) as unknown)
      const idle = await stallDuring(() => new Promise<void>((resolve) => setTimeout(resolve, 1000)))
      if (process.env.GC_LOG) console.log('gc pauses > 10 ms:', gcPauses.splice(0))
      const outcome = previewed.ok ? `${previewed.value?.counts.add} setups` : `refused: ${previewed.error?.message.slice(0, 90)}`
      console.log(`${name} (${(text.length / 1024 / 1024).toFixed(1)} MB, ${outcome})`)
      line('  baseline: JSON.parse of the same bytes, one stall', `${baseline.maxMs.toFixed(1)} ms`)
      line('  baseline: longest gap of an idle loop over 1 s', `${idle.maxMs.toFixed(1)} ms`)
      line('  import-preview: longest stall / total', `${preview.maxMs.toFixed(1)} ms / ${preview.totalMs.toFixed(0)} ms`)
      if (apply) {
        const applied = apply.result as { ok: boolean; error?: { message: string } }
        line('  import-apply: longest stall / total', `${apply.maxMs.toFixed(1)} ms / ${apply.totalMs.toFixed(0)} ms${applied.ok ? '' : ` (failed: ${applied.error?.message})`}`)
      }
    } finally {
      await app.close()
      temp.cleanup()
    }
  }
}

await main()
