/**
 * The WidgetRenderer of the command line and browser mode: a headless
 * Chromium per render, the system's (chromium-path.ts: CHROMIUM_PATH, the headless shell or /usr/bin/chromium)
 * driven by Playwright, started exactly as `qwb run` starts its one
 * (src/main/headless/chromium.ts): nothing is ever downloaded. Playwright is
 * loaded on the first render only, so browser mode starts without it.
 */
import { existsSync } from 'node:fs'
import { chromiumPath } from '../headless/chromium-path'
import { playwrightPageDriver } from '../headless/playwright-driver'
import type { PreviewPage } from '../preview/preview-server'
import { driverWidgetRenderer } from './driver-renderer'
import type { WidgetRenderer } from './widget-renderer'

/** Where Chromium is (the same lookup as `qwb run`), or why there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): { path: string } | { problem: string } {
  const path = chromiumPath(env)
  if (existsSync(path)) return { path }
  return { problem: `no Chromium at ${path}${env.CHROMIUM_PATH ? ' (CHROMIUM_PATH)' : ''}: install it (apt-get install chromium-headless-shell, or chromium) or set CHROMIUM_PATH` }
}

export function createChromiumRenderer(publish: (page: PreviewPage) => string, env: NodeJS.ProcessEnv = process.env): WidgetRenderer {
  return driverWidgetRenderer(publish, async () => {
    const found = findChromium(env)
    if ('problem' in found) return { unavailable: found.problem }
    let chromium: typeof import('../headless/chromium')
    try {
      chromium = await import('../headless/chromium')
    } catch (error) {
      return { unavailable: `Playwright is not installed here (${(error as Error).message.slice(0, 120)})` }
    }
    try {
      const browser = await chromium.launchChromium(found.path)
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } }).catch(async (error: unknown) => {
        await browser.close().catch(() => undefined)
        throw error
      })
      return { driver: playwrightPageDriver(page, () => browser.close()) }
    } catch (error) {
      return { unavailable: (error as Error).message.split('\n')[0].slice(0, 300) }
    }
  })
}
