/**
 * Where the system's Chromium is: `CHROMIUM_PATH`, else Debian's
 * chromium-headless-shell where it is installed, else Debian's
 * `/usr/bin/chromium`. Kept apart from chromium.ts (which imports Playwright)
 * so the doctor can resolve the path without loading Playwright up front.
 *
 * The headless shell is the same Blink and V8 as the browser, without its
 * window and profile layer (what Playwright itself runs headless tests in).
 * A page in a fresh context starts in ~105 ms instead of ~350 and the browser
 * in 0.33 s instead of 0.7 (issue 15, this two-core machine): `qwb run` over
 * the 13 demo setups takes ~10 s instead of ~16.6, Test connection's render
 * starts sooner. What it lacks (cookie controls, the browser's UI) no
 * headless render uses.
 */
import { existsSync } from 'node:fs'

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium'

/** Debian's chromium-headless-shell (apt-get install chromium-headless-shell): the binary, then its wrapper. */
export const HEADLESS_SHELL_PATHS = ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium-headless-shell']

/** The Chromium to run headless, or undefined when neither CHROMIUM_PATH nor any of Debian's is there. */
export function findChromiumExecutable(env: NodeJS.ProcessEnv, exists: (path: string) => boolean = existsSync): string | undefined {
  const chosen = env.CHROMIUM_PATH?.trim()
  if (chosen) return chosen
  return [...HEADLESS_SHELL_PATHS, DEFAULT_CHROMIUM_PATH].find((path) => exists(path))
}

/** The Chromium to run headless; where none is installed, the path the error message names. */
export function chromiumPath(env: NodeJS.ProcessEnv, exists: (path: string) => boolean = existsSync): string {
  return findChromiumExecutable(env, exists) ?? DEFAULT_CHROMIUM_PATH
}
