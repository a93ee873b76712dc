/**
 * Which Chromium a headless render uses (qwb run, Test connection, the UI
 * tests): CHROMIUM_PATH, else Debian's chromium-headless-shell, else
 * /usr/bin/chromium. The last run on this machine is at the end: a real
 * launch of whatever the lookup finds, so the choice is one that starts.
 */
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { chromiumPath, DEFAULT_CHROMIUM_PATH, findChromiumExecutable, HEADLESS_SHELL_PATHS } from '../../../../src/main/headless/chromium-path'
import { launchChromium } from '../../../../src/main/headless/chromium'

const only = (...present: string[]) => (path: string) => present.includes(path)

describe('chromiumPath', () => {
  it('takes CHROMIUM_PATH as given, installed or not (its absence is then the error to report)', () => {
    expect(chromiumPath({ CHROMIUM_PATH: ' /opt/chrome/chrome ' }, only(HEADLESS_SHELL_PATHS[0], DEFAULT_CHROMIUM_PATH))).toBe('/opt/chrome/chrome')
    expect(findChromiumExecutable({ CHROMIUM_PATH: '/nowhere/chrome' }, only())).toBe('/nowhere/chrome')
  })

  it('prefers the headless shell (binary, then wrapper) over the full browser; an empty CHROMIUM_PATH counts as unset', () => {
    expect(chromiumPath({}, only(...HEADLESS_SHELL_PATHS, DEFAULT_CHROMIUM_PATH))).toBe('/usr/lib/chromium/chromium-headless-shell')
    expect(chromiumPath({ CHROMIUM_PATH: '  ' }, only('/usr/bin/chromium-headless-shell', DEFAULT_CHROMIUM_PATH))).toBe('/usr/bin/chromium-headless-shell')
    expect(chromiumPath({}, only(DEFAULT_CHROMIUM_PATH))).toBe('/usr/bin/chromium')
  })

  it('with none installed: no executable for the test runner, and /usr/bin/chromium named in the error', () => {
    expect(findChromiumExecutable({}, only())).toBeUndefined()
    expect(chromiumPath({}, only())).toBe(DEFAULT_CHROMIUM_PATH)
  })

  it.skipIf(!findChromiumExecutable(process.env))('what it finds on this machine starts and renders a page', async () => {
    const found = findChromiumExecutable(process.env)!
    expect(existsSync(found)).toBe(true)
    const browser = await launchChromium(found)
    try {
      const page = await browser.newPage()
      await page.setContent('<p id="x">drawn</p>')
      expect(await page.textContent('#x')).toBe('drawn')
    } finally {
      await browser.close()
    }
  })
})
