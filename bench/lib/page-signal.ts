/**
 * How the Chromium benches learn that something happened in the page: the
 * page's init script logs a signal (console.debug) and the bench waits for
 * that console event. Nothing runs in the page for it. A page.waitForFunction
 * or a locator would: Playwright then evaluates its injected script in the
 * page (60-140 ms of main-thread work on this project's machines; in a
 * preview frame, which shares the workbench's renderer, too) and polls, in
 * the very interval being measured; the long-task observer even counted that
 * script as the page's longest task before the form was usable.
 */
import type { Page } from '@playwright/test'

/** Resolves when any frame of the page logs `signal`. Call before the navigation or click that leads to it, await after. */
export function benchSignal(page: Page, signal: string, timeout = 30_000): Promise<unknown> {
  return page.waitForEvent('console', { predicate: (message) => message.text() === signal, timeout })
}
