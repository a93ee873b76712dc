/**
 * Where the system's Chromium is: `CHROMIUM_PATH`, else Debian's
 * `/usr/bin/chromium`. Kept apart from chromium.ts (which imports Playwright)
 * so the doctor can resolve the path without loading Playwright up front.
 */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium'

export function chromiumPath(env: NodeJS.ProcessEnv): string {
  return env.CHROMIUM_PATH?.trim() || DEFAULT_CHROMIUM_PATH
}
