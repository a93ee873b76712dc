/**
 * Screenshots of the first screen (1280x800, light and dark) for before/after
 * comparisons of issue 15's "navigation -> usable token form" work:
 *   <prefix>-early-<scheme>.png   the frame in which the form became usable
 *   <prefix>-settled-<scheme>.png 2.5 s later
 *   <prefix>-frames-<scheme>/     every distinct frame Chromium painted until then (CDP screencast),
 *                                 named by ms after the navigation started: to look for a flash
 *   npx tsx bench/lib/first-screen-shots.ts /work/shots/<you>/before   (WORKBENCH_OUT_DIR=… for another build)
 */
import { createHash } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { startHarness } from '../../test/support/harness'
import { benchSignal } from './page-signal'
import { USABLE_SIGNAL, WATCH_FOR_USABLE_FORM } from './usable-form'

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
      const frames = `${prefix}-frames-${scheme}`
      rmSync(frames, { recursive: true, force: true })
      mkdirSync(frames, { recursive: true })
      const cdp = await context.newCDPSession(page)
      const seen = new Set<string>()
      let started: number | undefined
      cdp.on('Page.screencastFrame', (frame: { data: string; sessionId: number; metadata: { timestamp?: number } }) => {
        void cdp.send('Page.screencastFrameAck', { sessionId: frame.sessionId }).catch(() => undefined)
        const digest = createHash('sha1').update(frame.data).digest('hex')
        if (seen.has(digest)) return
        seen.add(digest)
        const at = (frame.metadata.timestamp ?? 0) * 1000
        started ??= at
        writeFileSync(join(frames, `${String(Math.round(at - started)).padStart(5, '0')}.png`), Buffer.from(frame.data, 'base64'))
      })
      await cdp.send('Page.startScreencast', { format: 'png', everyNthFrame: 1 })
      const usable = benchSignal(page, USABLE_SIGNAL)
      await harness.open(page)
      await usable
      await page.screenshot({ path: `${prefix}-early-${scheme}.png` })
      await page.waitForTimeout(2500)
      await page.screenshot({ path: `${prefix}-settled-${scheme}.png` })
      await cdp.send('Page.stopScreencast').catch(() => undefined)
      await context.close()
    }
  } finally {
    await browser.close()
    await harness.close()
  }
}

void main()
