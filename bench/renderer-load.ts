/**
 * Benchmark (not a test): what the workbench costs a user before the token
 * form can be used (issue 15, rows "renderer initial JS" and "navigation ->
 * token form usable").
 *
 * 1. The renderer's initial JavaScript: the entry script and what it imports
 *    statically, followed from out/renderer/index.html, gzip. Baseline: all of
 *    the renderer's JavaScript (what one chunk would weigh, as before the
 *    split). Chunks loaded on demand are listed with their size.
 * 2. In Chromium through the harness (browser mode, the shipped HTTP bridge):
 *    (each run's page is then reloaded twice: "reload -> usable", printed
 *    beside the row, with the build's hashed files kept by the browser)
 *    navigation to a usable token form, timed inside the page: the first
 *    moment the environments are listed and the userid field is shown and
 *    enabled (a MutationObserver installed before any script runs), in ms from
 *    the navigation's start. Baseline: an empty page from the same server.
 *    Also the longest main-thread task (PerformanceObserver 'longtask') up to
 *    that moment, with the empty page's longest task as its baseline, and the
 *    JavaScript the page had fetched by then.
 *
 *   npm run build:all && npx tsx bench/renderer-load.ts     (RUNS=… to change)
 */
import { readdirSync, readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join, normalize } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from '@playwright/test'
import { RENDERER_DIR as rendererDir, startHarness } from '../test/support/harness'
import { percentile, reportRow } from './lib/row'
import { benchSignal } from './lib/page-signal'
import { SETTLED_SIGNAL, WATCH_FOR_USABLE_FORM } from './lib/usable-form'

const RUNS = Number(process.env.RUNS ?? 15)
// rendererDir: the harness's, so WORKBENCH_OUT_DIR measures another build (e.g. a baseline commit) in both.

function gzipKb(file: string): number {
  return gzipSync(readFileSync(join(rendererDir, file))).length / 1000
}

/** The entry script and its static imports, followed from index.html. */
function initialScripts(): string[] {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8')
  const entry = /<script[^>]+src="\/?([^"]+\.js)"/.exec(html)?.[1]
  if (!entry) throw new Error('no entry script in out/renderer/index.html: run npm run build:all')
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    const code = readFileSync(join(rendererDir, file), 'utf8')
    for (const match of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*${}\s,]+from\s*)?["']\.\/([^"']+\.js)["']/g)) visit(join('assets', match[1]))
  }
  visit(normalize(entry))
  return [...seen]
}

interface PageFigures {
  usableAt: number
  longest: number
  scripts: number
  scriptKb: number
}


async function main() {
  const initial = initialScripts()
  const all = readdirSync(join(rendererDir, 'assets')).filter((name) => name.endsWith('.js')).map((name) => join('assets', name))
  const initialKb = initial.reduce((sum, file) => sum + gzipKb(file), 0)
  const allKb = all.reduce((sum, file) => sum + gzipKb(file), 0)
  console.log(`renderer initial JS (gzip)       ${initialKb.toFixed(1)} kB in ${initial.length} file(s): ${initial.map((f) => `${f.replace('assets/', '')} ${gzipKb(f).toFixed(1)}`).join(', ')}`)
  console.log(`baseline, all renderer JS        ${allKb.toFixed(1)} kB in ${all.length} files; loaded on demand:`)
  for (const file of all.filter((f) => !initial.includes(f)).sort((a, b) => gzipKb(b) - gzipKb(a))) console.log(`  ${file.replace('assets/', '').padEnd(44)} ${gzipKb(file).toFixed(1).padStart(6)} kB`)

  const harness = await startHarness()
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--disable-background-networking', '--no-first-run', '--disable-gpu'] })
  const runs: PageFigures[] = []
  const blank: number[] = []
  const blankLongest: number[] = []
  /** Usable after the first and the second reload of each run's page. */
  const reloads: number[][] = [[], []]
  const load = loadavg()[0]
  try {
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
      const page = await context.newPage()
      await page.addInitScript({ content: WATCH_FOR_USABLE_FORM })
      // Nothing of Playwright's runs in the page until the figures are settled (see benchSignal).
      const settled = benchSignal(page, SETTLED_SIGNAL)
      await harness.open(page)
      // The long task in which the form became usable is reported after it (see lib/usable-form.ts).
      await settled
      runs.push(
        await page.evaluate(() => {
          const b = (window as unknown as { __bench: { usableAt: number; longest: number } }).__bench
          const scripts = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js') && e.startTime <= b.usableAt) as PerformanceResourceTiming[]
          return { usableAt: b.usableAt, longest: b.longest, scripts: scripts.length, scriptKb: scripts.reduce((sum, e) => sum + e.encodedBodySize, 0) / 1000 }
        })
      )
      // Then reloads of the same page, as a user presses them: the hashed scripts and styles (and V8's compiled
      // code for them) come from the cache (src/main/security/renderer-files.ts). Printed beside the row, not
      // in it: the row is the first navigation, with nothing kept.
      for (const times of reloads) {
        const again = benchSignal(page, SETTLED_SIGNAL)
        await page.reload()
        await again
        times.push(await page.evaluate(() => (window as unknown as { __bench: { usableAt: number } }).__bench.usableAt))
      }
      // The baseline: an empty document from the same origin, same browser, same run, as the first page of a
      // new context like the workbench's (a context's first document costs Chromium a long task of its own).
      const empty = await browser.newContext({ viewport: { width: 1280, height: 800 } })
      await empty.addCookies(await context.cookies())
      await context.close()
      const emptyPage = await empty.newPage()
      await emptyPage.addInitScript({ content: WATCH_FOR_USABLE_FORM })
      await emptyPage.goto(new URL('/blank-baseline.html', page.url()).href)
      blank.push(await emptyPage.evaluate(() => performance.getEntriesByType('navigation')[0]?.duration ?? performance.now()))
      await emptyPage.waitForTimeout(300)
      blankLongest.push(await emptyPage.evaluate(() => Math.max(0, ...(window as unknown as { __bench: { tasks: Array<{ duration: number }> } }).__bench.tasks.map((t) => t.duration))))
      await empty.close()
    }
  } finally {
    await browser.close()
    await harness.close()
  }
  const usable = runs.map((r) => r.usableAt)
  const longest = runs.map((r) => r.longest)
  console.log(`navigation -> token form usable  p50 ${percentile(usable, 50).toFixed(0)} ms, p95 ${percentile(usable, 95).toFixed(0)} ms over ${RUNS} runs   baseline, empty page: p50 ${percentile(blank, 50).toFixed(0)} ms`)
  console.log(`longest main-thread task before  max ${Math.max(...longest).toFixed(0)} ms, p50 ${percentile(longest, 50).toFixed(0)} ms (0 = none over 50 ms)   baseline, empty page's longest: max ${Math.max(...blankLongest).toFixed(0)} ms, p50 ${percentile(blankLongest, 50).toFixed(0)} ms`)
  console.log(`reload -> token form usable      p50 ${percentile(reloads[0], 50).toFixed(0)} ms (first reload), ${percentile(reloads[1], 50).toFixed(0)} ms (second); p95 ${percentile(reloads[0], 95).toFixed(0)} / ${percentile(reloads[1], 95).toFixed(0)} ms (hashed files and their compiled code kept)`)
  console.log(`JS fetched before usable          ${percentile(runs.map((r) => r.scripts), 50)} file(s), ${percentile(runs.map((r) => r.scriptKb), 50).toFixed(0)} kB as sent (p50)`)
  const note = `${RUNS} runs, load average ${load.toFixed(1)}`
  reportRow({ row: 'renderer initial JS (gzip)', figure: initialKb, unit: 'kB', baseline: allKb, baselineLabel: 'all renderer JS', target: { of: 'figure', kind: 'max', value: 110 } })
  reportRow({ row: 'navigation -> token form usable, p50 (Chromium)', figure: percentile(usable, 50), unit: 'ms', baseline: percentile(blank, 50), baselineLabel: 'empty page', target: { of: 'figure', kind: 'max', value: 250 }, note })
  reportRow({ row: 'longest task before the form is usable (max of runs)', figure: Math.max(...longest), unit: 'ms', baseline: Math.max(...blankLongest), baselineLabel: "empty page's longest task", target: { of: 'figure', kind: 'max', value: 100 }, note })
}

void main()
