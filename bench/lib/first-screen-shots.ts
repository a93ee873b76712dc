/**
 * Screenshots of the first screen (1280x800, light and dark) for before/after
 * comparisons of issue 15's "navigation -> usable token form" work:
 *   <prefix>-early-<scheme>.png   the frame in which the form became usable
 *   <prefix>-settled-<scheme>.png 2.5 s later
 *   npx tsx bench/lib/first-screen-shots.ts /work/shots/<you>/before   (WORKBENCH_OUT_DIR=… for another build)
 */
import { chromium } from '@playwright/test'
import { startHarness } from '../../test/support/harness'
import { WATCH_FOR_USABLE_FORM } from './usable-form'

async function main() {
  const prefix = process.argv[2]
  if (!prefix) throw new Error('usage: first-screen-shots.ts <path prefix>')
  const harness = await startHarness()
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' })
  try {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme })
      const page = await context.newPage()
      await page.addInitScript({ content: WATCH_FOR_USABLE_FORM })
      await harness.open(page)
      await page.waitForFunction(() => (window as unknown as { __bench: { usableAt?: number } }).__bench.usableAt !== undefined, undefined, { timeout: 30_000 })
      await page.screenshot({ path: `${prefix}-early-${scheme}.png` })
      await page.waitForTimeout(2500)
      await page.screenshot({ path: `${prefix}-settled-${scheme}.png` })
      await context.close()
    }
  } finally {
    await browser.close()
    await harness.close()
  }
}

void main()
