/**
 * Screenshots for people to look at (issue 11): light and dark, at the
 * sizes the brief names, under /work/shots/find-see-keep (SHOTS_DIR).
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'

const DIR = process.env.SHOTS_DIR ?? '/work/shots/find-see-keep'

export const SIZES = {
  small: { width: 1280, height: 800 },
  large: { width: 1920, height: 1080 }
} as const

/** One picture per size and colour scheme; `prepare` runs after each change (e.g. re-open a menu). */
export async function shots(page: Page, name: string, options: { sizes?: Array<keyof typeof SIZES>; prepare?: () => Promise<void>; clip?: () => Locator } = {}): Promise<void> {
  mkdirSync(DIR, { recursive: true })
  for (const size of options.sizes ?? ['small', 'large']) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize(SIZES[size])
      await page.emulateMedia({ colorScheme: scheme })
      await options.prepare?.()
      await page.screenshot({ path: join(DIR, `${name}-${SIZES[size].width}x${SIZES[size].height}-${scheme}.png`) })
    }
  }
  await page.emulateMedia({ colorScheme: 'light' })
}
