/**
 * The headless Chromium widgets are rendered in outside the workbench window
 * (`qwb run`): the system's (chromium-path.ts) or `CHROMIUM_PATH`;
 * Playwright drives it and never downloads a browser. One browser serves a
 * whole run (a context per widget), so start-up is paid once.
 */
import { access, constants } from 'node:fs/promises'
import { chromium, type Browser } from '@playwright/test'

export { chromiumPath, DEFAULT_CHROMIUM_PATH } from './chromium-path'

/** No usable Chromium: the message says where it looked and how to fix it (the CLI's exit 2). */
export class ChromiumUnavailableError extends Error {}

const FIX = 'install Chromium (Debian: apt-get install -y chromium-headless-shell, or chromium) or point CHROMIUM_PATH at a Chromium or Chrome executable'

export async function launchChromium(path: string): Promise<Browser> {
  try {
    await access(path, constants.X_OK)
  } catch {
    throw new ChromiumUnavailableError(`Chromium not found at ${path}: ${FIX}`)
  }
  try {
    return await chromium.launch({
      executablePath: path,
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu'],
      timeout: 30_000
    })
  } catch (error) {
    const first = ((error as Error).message ?? String(error)).split('\n').find((l) => l.trim()) ?? 'unknown error'
    throw new ChromiumUnavailableError(`Chromium at ${path} did not start (${first.trim()}): ${FIX}`)
  }
}
