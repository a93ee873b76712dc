/**
 * The WidgetRenderer of the command line and browser mode: headless Chromium
 * through playwright-core (already installed with @playwright/test), the
 * system's Chromium (/usr/bin/chromium, or CHROMIUM_PATH): nothing is ever
 * downloaded. The page is published on a loopback preview server (the
 * workbench's own, src/main/preview/preview-server.ts), so it runs on an
 * origin of its own exactly as the preview does.
 */
import { existsSync } from 'node:fs'
import { chromiumPath } from '../headless/chromium-path'
import type { PreviewPage } from '../preview/preview-server'
import type { RenderOutcome, RenderRequest, RenderSettledBy, WidgetRenderer } from './widget-renderer'

/** Where Chromium is (the same lookup as `qwb run`), or why there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): { path: string } | { problem: string } {
  const path = chromiumPath(env)
  if (existsSync(path)) return { path }
  return { problem: `no Chromium at ${path}${env.CHROMIUM_PATH ? ' (CHROMIUM_PATH)' : ''}: install it (apt-get install chromium) or set CHROMIUM_PATH` }
}

/** Listens for the widget's events on document and window (QRVEY.md §3) before any script of the page runs. */
const WATCH_SCRIPT = `(() => {
  const seen = (window.__qwbDoctor = { events: [] });
  for (const name of ['qvDSHPageLoaded', 'qvDSHItemsLoaded', 'qvTokenExpired']) {
    document.addEventListener(name, () => seen.events.push(name));
  }
})();`

/** A widget that says neither qvDSHItemsLoaded nor a state counts as rendered once its requests were quiet this long. */
const QUIET_MS = 1_500
const FAILED_STATES = new Set(['error', 'expired', 'config-error'])

interface Probe {
  events: string[]
  state: string | null
  hasContent: boolean
}

/** Runs in the page: what the widget said and what its element shows. */
const PROBE = (element: string): Probe => {
  const seen = (window as unknown as { __qwbDoctor?: { events: string[] } }).__qwbDoctor
  const el = document.querySelector(element)
  const root = el ? (el.shadowRoot ?? el) : null
  return { events: seen ? [...seen.events] : [], state: el?.getAttribute('data-qv-state') ?? null, hasContent: !!root && root.childNodes.length > 0 }
}

function settledByOf(probe: Probe, quiet: boolean): RenderSettledBy {
  if (probe.events.includes('qvTokenExpired') || probe.state === 'expired') return 'token-expired'
  if (probe.state && FAILED_STATES.has(probe.state)) return 'error-state'
  if (probe.events.includes('qvDSHItemsLoaded')) return 'items-loaded'
  if (probe.state === 'ready') return 'ready'
  if (probe.state === null && probe.hasContent && quiet) return 'content'
  return 'timeout'
}

export function createChromiumRenderer(publish: (page: PreviewPage) => string, env: NodeJS.ProcessEnv = process.env): WidgetRenderer {
  return {
    async render(request: RenderRequest): Promise<RenderOutcome> {
      const found = findChromium(env)
      if ('problem' in found) return { available: false, reason: found.problem }
      let playwright: typeof import('playwright-core')
      try {
        playwright = await import('playwright-core')
      } catch (error) {
        return { available: false, reason: `playwright-core is not installed here (${(error as Error).message.slice(0, 120)})` }
      }
      const started = Date.now()
      let browser: import('playwright-core').Browser
      try {
        browser = await playwright.chromium.launch({ executablePath: found.path, headless: true })
      } catch (error) {
        return { available: false, reason: `Chromium at ${found.path} did not start (${(error as Error).message.split('\n')[0].slice(0, 200)})` }
      }
      const consoleErrors: string[] = []
      const failedRequests: string[] = []
      try {
        const page = await browser.newPage()
        await page.addInitScript(WATCH_SCRIPT)
        page.on('console', (message) => {
          if (message.type() === 'error') consoleErrors.push(message.text().slice(0, 500))
        })
        page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message.slice(0, 500)}`))
        page.on('requestfailed', (req) => failedRequests.push(`${req.method()} ${req.url()}: ${req.failure()?.errorText ?? 'failed'}`))
        page.on('response', (response) => {
          if (response.status() >= 400) failedRequests.push(`${response.request().method()} ${response.url()}: ${response.status()}`)
        })
        let inFlight = 0
        let lastNetwork = Date.now()
        page.on('request', () => {
          inFlight++
          lastNetwork = Date.now()
        })
        const settle = () => {
          inFlight = Math.max(0, inFlight - 1)
          lastNetwork = Date.now()
        }
        page.on('requestfinished', settle)
        page.on('requestfailed', settle)
        const url = publish({ html: request.html, csp: request.csp })
        await page.goto(url, { timeout: request.timeoutMs }).catch((error: Error) => failedRequests.push(`GET ${url}: ${error.message.split('\n')[0]}`))
        const deadline = started + request.timeoutMs
        let settledBy: RenderSettledBy = 'timeout'
        let probe: Probe | undefined
        for (;;) {
          probe = await page.evaluate(PROBE, request.element).catch(() => undefined)
          if (probe) settledBy = settledByOf(probe, inFlight === 0 && Date.now() - lastNetwork > QUIET_MS)
          if (settledBy !== 'timeout' || Date.now() > deadline) break
          await new Promise((resolve) => setTimeout(resolve, 100))
        }
        const events = probe?.events ?? []
        return {
          available: true,
          events,
          settledBy,
          ...(probe?.state ? { state: probe.state } : {}),
          loaded: settledBy === 'items-loaded' || settledBy === 'ready' || settledBy === 'content',
          tokenExpired: settledBy === 'token-expired',
          consoleErrors,
          failedRequests,
          durationMs: Date.now() - started
        }
      } finally {
        await browser.close().catch(() => {})
      }
    }
  }
}
