/**
 * The PageDriver over a Playwright page in headless Chromium (the system's,
 * src/main/headless/chromium.ts): `qwb run`, `qwb doctor`/`qwb bundle` and
 * browser mode's Test connection. Types only from Playwright here, so
 * importing this file loads no browser code.
 */
import type { Browser, Page, Request } from '@playwright/test'
import type { DriverEvent, PageDriver } from './page-driver'

const LEVELS: Record<string, 'error' | 'warning' | 'info' | 'debug' | undefined> = { error: 'error', warning: 'warning', info: 'info', log: 'info', debug: 'debug' }

/** Maps an open page onto the driver; `dispose` ends what the page lives in (its context, or its browser). */
export function playwrightPageDriver(page: Page, dispose: () => Promise<void>): PageDriver {
  const ids = new WeakMap<Request, string>()
  let next = 0
  const idOf = (request: Request) => {
    let id = ids.get(request)
    if (!id) ids.set(request, (id = String(++next)))
    return id
  }
  return {
    listen(listener: (event: DriverEvent) => void) {
      page.on('console', (message) => listener({ kind: 'console', level: LEVELS[message.type()] ?? 'info', text: message.text() }))
      page.on('pageerror', (error) => listener({ kind: 'page-error', message: error.message }))
      page.on('request', (request) => listener({ kind: 'request', id: idOf(request) }))
      page.on('response', (response) => listener({ kind: 'response', id: idOf(response.request()), method: response.request().method(), url: response.url(), status: response.status() }))
      page.on('requestfinished', (request) => listener({ kind: 'request-done', id: idOf(request) }))
      page.on('requestfailed', (request) =>
        listener({ kind: 'request-failed', id: idOf(request), method: request.method(), url: request.url(), error: request.failure()?.errorText ?? 'failed' })
      )
    },
    async load(url, timeoutMs) {
      await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs })
    },
    evaluate: (expression) => page.evaluate(expression),
    close: () => dispose().catch(() => undefined)
  }
}

/** A fresh context and page in a running browser (one browser serves a whole `qwb run`). */
export async function openPlaywrightDriver(browser: Browser): Promise<PageDriver> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  return playwrightPageDriver(page, () => context.close())
}
