/**
 * Runs the collected setups, one after another (each started when the one
 * before has its verdict, see runCases), through the app's own
 * services under plain Node: TokenService (the same request, failure
 * explanations and key-echo scrubbing as the Generate button), PreviewService
 * and the preview server (the same host page and reporter as the Preview
 * pane), then headless Chromium. One case per setup, plus one per persona the
 * setup lists.
 */
import type { Browser } from '@playwright/test'
import { createHttpClient } from '../../main/http/http-client'
import { startPreviewServer } from '../../main/preview/preview-server'
import { PreviewService } from '../../main/preview/preview-service'
import { TokenService, type TokenTarget, type TokenTargets } from '../../main/tokens/token-service'
import { createSecretGuard } from '../../main/workspace/secret-guard'
import { fail, ok, type Result } from '../../shared/result'
import { tokenBodyOfSetup, type Setup } from '../../shared/setup'
import { tokenBodySchema, type TokenBody } from '../../shared/token-request'
import { findWidget } from '../../shared/widget-catalog'
import { issueMessages } from '../../shared/validation-messages'
import type { CliEnvironment } from '../environment'
import { expectsItemsLoaded, notRun, renderChecks, tokenCheck } from './checks'
import { isLocalSandbox } from './build-cases'
import type { SetupEntry } from './collect-setups'
import { renderWidget } from '../../main/headless/render-widget'
import { openPlaywrightDriver } from '../../main/headless/playwright-driver'
import type { CaseResult, CheckResult, RunResult } from './results'
import type { Scrubber } from './scrubbed-io'

/** One thing to check: a setup with its own token body, or with a persona's. */
export interface RunCase {
  entry: SetupEntry
  /** The environment it runs against (by the name used to resolve it). */
  environment: CliEnvironment
  persona?: { name: string; body: TokenBody; check?: (observation: CaseObservation) => Promise<CheckResult[]> }
}

/** What the persona's expectations are evaluated over. */
export interface CaseObservation {
  token?: string
  domain: string
  rendered: boolean
  events: string[]
  errors: string[]
}

export interface RunOptions {
  cases: readonly RunCase[]
  browser: Browser
  /** The executable `browser` was started from, named in the report. */
  browserExecutable: string
  scrubber: Scrubber
  timeoutMs: number
  /** Before each case: its index (0-based) and name. */
  onStart?: (index: number, total: number, name: string) => void
  /** After each case. */
  onCase?: (result: CaseResult) => void
}

/** TokenTargets and DomainLookup over the run's environments, keyed by their names. */
class RunTargets implements TokenTargets {
  constructor(private readonly byName: Map<string, CliEnvironment>) {}

  resolveTarget(id: string): Result<TokenTarget> {
    const env = this.byName.get(id)
    return env ? ok({ domain: env.domain, apiKey: env.apiKey, timeoutMs: env.timeoutMs, name: env.name }) : fail('NOT_FOUND', `no environment "${id}"`)
  }

  domainOf(id: string): Result<string> {
    const env = this.byName.get(id)
    return env ? ok(env.domain) : fail('NOT_FOUND', `no environment "${id}"`)
  }
}

function caseName(setup: Setup, persona?: string): string {
  return persona ? `${setup.name} / persona ${persona}` : setup.name
}

export async function runCases(options: RunOptions): Promise<RunResult> {
  const startedAt = new Date().toISOString()
  const started = performance.now()
  const environments = new Map(options.cases.map((c) => [c.environment.name, c.environment]))
  const targets = new RunTargets(environments)
  const tokens = new TokenService(createHttpClient(), targets)
  // Previews are opened at the top level of their own page: nothing may frame them.
  const server = await startPreviewServer({ frameAncestors: "'none'" })
  const keys = [...environments.values()].map((e) => e.apiKey)
  const preview = new PreviewService(targets, server, server.origin, undefined, createSecretGuard(() => keys))
  const cases: CaseResult[] = []
  // Each case is started once the one before has its verdict: what is left of that one is a wait for
  // late errors (render-widget.ts: GRACE_MS, ~0.3 s, 40 % of a sandbox case), which an idle page
  // spends doing nothing, so the next page's token and render go on meanwhile (issue 15). Results are
  // still reported, and listed, in the order of the cases.
  const finished: CaseResult[] = []
  const running: Array<Promise<void>> = []
  const reportInOrder = () => {
    while (finished[cases.length]) {
      const result = finished[cases.length]
      cases.push(result)
      options.onCase?.(result)
    }
  }
  let stopped: { error: unknown } | undefined
  try {
    for (const [index, runCase] of options.cases.entries()) {
      const { setup } = runCase.entry
      const name = caseName(setup, runCase.persona?.name)
      options.onStart?.(index, options.cases.length, name)
      let verdictIn = () => {}
      const verdict = new Promise<void>((resolve) => (verdictIn = resolve))
      const done = runOne(runCase, name, tokens, preview, options, verdictIn).then((result) => {
        finished[index] = result
        reportInOrder()
      })
      running.push(done)
      await Promise.race([verdict, done])
    }
  } catch (error) {
    stopped = { error }
  }
  // Every page is done with the preview server before it closes; the first failure is the run's.
  const ends = await Promise.allSettled(running)
  await server.close()
  const failure = stopped ?? ends.map((end) => (end.status === 'rejected' ? { error: end.reason as unknown } : undefined)).find(Boolean)
  if (failure) throw failure.error
  const browser = { version: options.browser.version(), executable: options.browserExecutable }
  return { cases, durationMs: Math.round(performance.now() - started), startedAt, browser }
}

async function runOne(
  runCase: RunCase,
  name: string,
  tokens: TokenService,
  preview: PreviewService,
  options: RunOptions,
  /** Called once the render has its verdict (not called when the case ends before rendering). */
  onVerdict: () => void
): Promise<CaseResult> {
  const started = performance.now()
  const { setup, path } = runCase.entry
  const env = runCase.environment
  const widgetId = setup.widget || 'page-view'
  const base = { name, setupName: setup.name, setupFile: path, environment: env.name, widget: widgetId, ...(runCase.persona ? { persona: runCase.persona.name } : {}) }
  const finish = (checks: CheckResult[]): CaseResult => ({ ...base, checks, durationMs: Math.round(performance.now() - started) })

  const widget = findWidget(widgetId)
  const parsedBody = tokenBodySchema.safeParse(runCase.persona?.body ?? tokenBodyOfSetup(setup))
  const invalid = !widget
    ? `the setup's widget "${setup.widget}" is not one this version knows; choose a widget in the workbench`
    : !parsedBody.success
      ? `the token body is not complete: ${issueMessages(parsedBody.error)[0]}; fix it in the workbench or the file`
      : undefined
  if (invalid || !widget || !parsedBody.success) {
    return finish([{ name: 'token obtained', verdict: 'failed', message: invalid ?? 'invalid setup' }, ...notRun('no token request was sent')])
  }
  const body = parsedBody.data
  const generated = await tokens.generate({ environmentId: env.name, body, ...(setup.timeoutMs ? { timeoutMs: setup.timeoutMs } : {}) })
  const checks: CheckResult[] = [tokenCheck(generated)]
  if (!generated.ok) return finish([...checks, ...notRun('no token'), ...(await personaChecks(runCase, { domain: env.domain, rendered: false, events: [], errors: [] }))])
  options.scrubber.addToken(generated.value.token)

  const created = preview.create({ environmentId: env.name, widgetId: widget.id, token: generated.value.token, qrvey86OrNewer: setup.qrvey86OrNewer, fields: setup.widgetFields })
  if (!created.ok) return finish([...checks, { name: 'widget rendered', verdict: 'failed', message: created.error.message }, ...notRun('no preview page').slice(1)])
  const waitForItems = expectsItemsLoaded(widget.id, setup.widgetFields, body as Record<string, unknown>)
  // A page of its own per case, in the run's one browser.
  const driver = await openPlaywrightDriver(options.browser)
  // Keys and tokens out of what the page said before the checks cut it to a line (a key across a cut is no longer whole).
  const observation = options.scrubber.value(
    await renderWidget(driver, { url: created.value.url, element: widget.element, waitForItemsLoaded: waitForItems, timeoutMs: options.timeoutMs }, { onVerdict }).finally(() => driver.close())
  )
  checks.push(...renderChecks(observation, waitForItems, isLocalSandbox(env)))
  checks.push(
    ...(await personaChecks(runCase, {
      token: generated.value.token,
      domain: env.domain,
      rendered: observation.outcome === 'loaded',
      events: observation.events,
      errors: [...observation.consoleErrors, ...observation.pageErrors, ...observation.failedRequests]
    }))
  )
  return finish(checks)
}

async function personaChecks(runCase: RunCase, observation: CaseObservation): Promise<CheckResult[]> {
  return runCase.persona?.check ? runCase.persona.check(observation) : []
}
