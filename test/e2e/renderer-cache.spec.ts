/**
 * Issue 15: the build's scripts and styles are named for their content
 * (assets/<name>-<hash>.<ext>), so browser mode lets Chromium keep them
 * (`immutable`), and with them V8's compiled code: after a reload the first
 * screen is not parsed and compiled again (a usable form 216 ms after a
 * reload instead of 351 here, bench/renderer-load.ts). index.html is never
 * kept: it names the files of the build being served, so a new build is what the next
 * reload runs, never a mix with the one before. Real Chromium, the real
 * browser-mode server, a copy of the build this test may change.
 */
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page, Response } from '@playwright/test'
import { RENDERER_DIR } from '../support/harness'
import { makeTempDir } from '../support/temp-dir'
import { expect, test } from './fixtures'

const copy = makeTempDir('qwb-renderer-copy-')
cpSync(RENDERER_DIR, copy.dir, { recursive: true })
test.use({ harnessOptions: { rendererDir: copy.dir } })
test.afterAll(() => copy.cleanup())

/** What the page's own resource timing says of a file it loaded: from the cache (nothing transferred) or over the wire. */
async function transferred(page: Page, fileName: string): Promise<number | undefined> {
  return page.evaluate((name) => {
    const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith(`/assets/${name}`)) as PerformanceResourceTiming | undefined
    return entry?.transferSize
  }, fileName)
}

async function formUsable(page: Page): Promise<void> {
  await expect(page.getByTestId('environment-item').first()).toBeVisible()
  await expect(page.getByTestId('input-userid')).toBeEnabled()
}

test('hashed scripts and styles are kept across reloads, index.html never; the next build is what the next reload runs', async ({ page }) => {
  const html = readFileSync(join(copy.dir, 'index.html'), 'utf8')
  const entry = /<script type="module"[^>]*src="\.\/assets\/([^"]+)"/.exec(html)?.[1]
  const style = /<link rel="stylesheet"[^>]*href="\.\/assets\/([^"]+\.css)"/.exec(html)?.[1]
  expect(entry, 'index.html names its entry script').toBeDefined()
  expect(style, 'index.html names its stylesheet').toBeDefined()
  await formUsable(page)

  // A reload, as a user presses it: the document comes from the server, the hashed files from the cache.
  const answers: Response[] = []
  page.on('response', (response) => answers.push(response))
  await page.reload()
  await formUsable(page)
  const documentAnswer = answers.find((r) => new URL(r.url()).pathname === '/')
  expect(documentAnswer?.headers()['cache-control']).toBe('no-store')
  expect(await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).transferSize), 'index.html came over the wire').toBeGreaterThan(0)
  expect(await transferred(page, entry!), `${entry} came from the cache`).toBe(0)
  expect(await transferred(page, style!), `${style} came from the cache`).toBe(0)
  // How they were sent the first time, asked directly (a cached file's answer in the page has no fresh headers).
  const direct = await page.request.get(`${new URL(page.url()).origin}/assets/${entry}`)
  expect(direct.headers()['cache-control']).toBe('private, max-age=31536000, immutable')
  expect(direct.headers()['content-security-policy'], 'the CSP travels with every file').toBeTruthy()

  // A new build: its stylesheet has a new name (new content), and only the new index.html names it.
  const newStyle = 'first-screen-QWBNEW01.css'
  expect(readdirSync(join(copy.dir, 'assets'))).not.toContain(newStyle)
  writeFileSync(join(copy.dir, 'assets', newStyle), `${readFileSync(join(copy.dir, 'assets', style!), 'utf8')}\n:root { --qwb-build: second; }\n`)
  writeFileSync(join(copy.dir, 'index.html'), html.replace(`./assets/${style}`, `./assets/${newStyle}`))
  await page.reload()
  await formUsable(page)
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--qwb-build').trim()), 'the reload runs the new build').toBe('second')
  expect(await transferred(page, newStyle), 'the new file came from the server').toBeGreaterThan(0)
})
