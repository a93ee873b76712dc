/**
 * Benchmark (not a test): what the workbench costs a user before the token
 * form can be used. Prints the renderer's initial JavaScript (the entry and
 * what it imports statically, gzip) against all of its JavaScript (the
 * baseline: everything in one chunk, as before the editors were split off),
 * then, in Chromium through the harness, navigation to a usable token form
 * (the userid field enabled and the environments listed) and the longest
 * main-thread task, with an empty page from the same server as the baseline.
 *
 *   npm run build:all && npx tsx bench/renderer-load.ts     (RUNS=… to change)
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, normalize, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from '@playwright/test'
import { startHarness } from '../test/support/harness'

const RUNS = Number(process.env.RUNS ?? 15)
const rendererDir = resolve(import.meta.dirname, '..', 'out', 'renderer')

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

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]

async function main() {
  const initial = initialScripts()
  const all = readdirSync(join(rendererDir, 'assets')).filter((name) => name.endsWith('.js')).map((name) => join('assets', name))
  const initialKb = initial.reduce((sum, file) => sum + gzipKb(file), 0)
  const allKb = all.reduce((sum, file) => sum + gzipKb(file), 0)
  console.log(`renderer initial JS (gzip)      ${initialKb.toFixed(1)} kB in ${initial.length} file(s)   baseline, all JS in one: ${allKb.toFixed(1)} kB`)
  for (const file of all.filter((f) => !initial.includes(f))) console.log(`  loaded later: ${file} ${gzipKb(file).toFixed(1)} kB`)

  const harness = await startHarness()
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--disable-background-networking', '--no-first-run', '--disable-gpu'] })
  const usable: number[] = []
  const blank: number[] = []
  let longest = 0
  try {
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
      const page = await context.newPage()
      await page.addInitScript(() => {
        const w = window as unknown as { __longest: number }
        w.__longest = 0
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration)
        }).observe({ type: 'longtask', buffered: true })
      })
      await harness.open(page)
      await page.getByTestId('environment-item').first().waitFor()
      await page.getByTestId('input-userid').waitFor({ state: 'visible' })
      const measured = await page.evaluate(() => ({ at: performance.now(), longest: (window as unknown as { __longest: number }).__longest }))
      usable.push(measured.at)
      longest = Math.max(longest, measured.longest)
      // The baseline: an empty document from the same origin, same browser, same run.
      await page.goto(new URL('/blank-baseline.html', page.url()).href).catch(() => undefined)
      blank.push(await page.evaluate(() => performance.getEntriesByType('navigation')[0]?.duration ?? performance.now()))
      await context.close()
    }
  } finally {
    await browser.close()
    await harness.close()
  }
  console.log(`navigation -> token form usable  p50 ${percentile(usable, 50).toFixed(0)} ms, p95 ${percentile(usable, 95).toFixed(0)} ms over ${RUNS} runs   baseline, empty page: p50 ${percentile(blank, 50).toFixed(0)} ms`)
  console.log(`longest main-thread task         ${longest.toFixed(0)} ms`)
}

void main()
