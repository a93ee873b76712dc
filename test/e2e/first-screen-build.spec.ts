/**
 * Issue 15, the first screen's build (electron.vite.config.ts): the token
 * form's checks (zod and the shared schemas) are fetched with the page but
 * run only once the form is usable, and the first screen's chunks carry V8's
 * explicit compile hint. Both plugins do nothing, silently, when what they
 * look for is renamed or moved; this says so instead of a slower start that
 * only the benchmark would notice. The first screen's modules are one file
 * (its own chunk group), not a queue of pieces. And the first screen is mounted in a task
 * of its own (main.ts), not in the one that evaluates its modules.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { RENDERER_DIR as RENDERER } from '../support/harness'
import { expect, test } from './fixtures'

const HINT = '//# allFunctionsCalledOnLoad'

const asset = (href: string) => readFileSync(join(RENDERER, href), 'utf8')

test('the form checks are preloaded with the page (first-screen.test.ts: run only once the form is usable); the first screen compiles eagerly, the lazy chunks do not', async ({ page }) => {
  const html = readFileSync(join(RENDERER, 'index.html'), 'utf8')
  const preloaded = [...html.matchAll(/<link rel="modulepreload"[^>]*href="\.\/(assets\/[^"]+)"/g)].map((m) => m[1])
  const checks = preloaded.find((href) => /\/form-checks-[^/]+\.js$/.test(href))
  expect(checks, 'index.html preloads the form-checks chunk').toBeDefined()

  // The entry and the chunks it imports start with the hint; the checks and the JSON editor are lazy chunks and do not.
  const entry = /<script type="module"[^>]*src="\.\/(assets\/[^"]+)"/.exec(html)?.[1]
  expect(entry).toBeDefined()
  expect(asset(entry!).startsWith(HINT)).toBe(true)
  // The first screen is one file (the first-screen chunk group): the browser fetches at most six files at a time from one origin, and the 19 pieces the splitter made waited in rounds.
  const staticImports = [...asset(entry!).matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)].map((m) => `assets/${m[1]}`)
  expect(staticImports, 'chunks the entry imports statically').toEqual([])
  // Lazy chunks take the first screen's modules from that file (same pattern, so this also shows it finds imports).
  expect(asset(checks!)).toContain(`from"./${entry!.replace('assets/', '')}"`)
  expect(asset(checks!).startsWith(HINT)).toBe(false)
  const editor = preloaded.concat(staticImports).some((href) => href.includes('json-editor-view'))
  expect(editor, 'the JSON editor (CodeMirror) is not part of the first screen').toBe(false)

  // In the page: the form is usable with its verdict, and the checks chunk was fetched once, as a preload.
  await expect(page.getByTestId('generate-reason')).toContainText('userid is required')
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((name) => /\/form-checks-[^/]+\.js$/.test(name)))
  expect(fetched).toHaveLength(1)
})

test('the first screen is mounted in a task of its own after its modules are evaluated, ahead of other work (postTask user-blocking)', async ({ page, harness }) => {
  const second = await page.context().newPage()
  // Sees every task the page posts: whether the app was empty before it and drawn after it, and which calls to main it started.
  await second.addInitScript(() => {
    type Posted = { priority: string; emptyBefore: boolean; drawnAfter: boolean; listedAfter: boolean; asked: string[] }
    const w = window as unknown as { __posted: Posted[]; scheduler?: { postTask: (task: () => unknown, options?: { priority?: string }) => Promise<unknown> } }
    w.__posted = []
    let running: Posted | undefined
    const fetchOriginal = window.fetch.bind(window)
    window.fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input)
      const channel = /\/ipc\/([^?]+)/.exec(url)?.[1]
      if (running && channel) running.asked.push(decodeURIComponent(channel))
      return fetchOriginal(input, init)
    }
    const original = w.scheduler?.postTask.bind(w.scheduler)
    if (!w.scheduler || !original) return
    w.scheduler.postTask = (task, options) =>
      original(() => {
        const app = document.getElementById('app')
        const record: Posted = { priority: options?.priority ?? 'user-visible', emptyBefore: app?.childElementCount === 0, drawnAfter: false, listedAfter: false, asked: [] }
        w.__posted.push(record)
        running = record
        try {
          return task()
        } finally {
          running = undefined
          record.drawnAfter = (document.getElementById('app')?.childElementCount ?? 0) > 0
          record.listedAfter = document.querySelector('[data-testid="environment-item"]') !== null
        }
      }, options)
  })
  await second.goto(`${harness.origin}/`)
  await expect(second.getByTestId('generate-reason')).toContainText('userid is required')
  const posted = await second.evaluate(() => (window as unknown as { __posted: Array<{ priority: string; emptyBefore: boolean; drawnAfter: boolean; listedAfter: boolean; asked: string[] }> }).__posted)
  const mount = posted.findIndex((task) => task.priority === 'user-blocking' && task.emptyBefore && task.drawnAfter)
  expect(mount, JSON.stringify(posted)).toBeGreaterThan(0)
  // The first requests to main go out in a task before the mount (stores/first-requests.ts), not in it: that was a third of the mount's time.
  const first = ['environments:list', 'settings:get', 'app:info', 'sandbox:modes']
  const before = posted.slice(0, mount).filter((task) => task.priority === 'user-blocking' && task.emptyBefore && !task.drawnAfter)
  expect(before.flatMap((task) => task.asked)).toEqual(expect.arrayContaining(first))
  expect(posted[mount].asked.filter((channel) => first.includes(channel))).toEqual([])
  // Mounted once the answers are in: the first draw lists the environments (not "Loading environments…", drawn again).
  expect(posted[mount].listedAfter, 'environments listed by the mount itself').toBe(true)
  await second.close()
})

test('a main slow to answer still gets the first screen after the wait, with its loading state, then the list', async ({ page, harness }) => {
  const second = await page.context().newPage()
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  // The environments answer is held until the screen has been shown without it.
  await second.route(/\/ipc\/environments%3Alist/, async (route) => {
    await held
    await route.continue()
  })
  await second.goto(`${harness.origin}/`)
  await expect(second.getByTestId('env-loading')).toBeVisible()
  await expect(second.getByTestId('input-userid')).toBeVisible()
  await expect(second.getByTestId('environment-item')).toHaveCount(0)
  release()
  await expect(second.getByTestId('environment-item').first()).toBeVisible()
  await expect(second.getByTestId('env-loading')).toHaveCount(0)
  await second.close()
})
