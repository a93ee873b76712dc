/**
 * Runs the doctor's steps in order (src/shared/doctor.ts), each timed, and
 * stops at the first failure: the later steps are "not run". Used by
 * `qwb doctor` and, through DoctorService, by the workbench's Test connection.
 */
import { DOCTOR_STEPS, type DoctorReport, type DoctorStep, type DoctorStepId } from '../../shared/doctor'
import { tokenBodyOfSetup } from '../../shared/setup'
import type { TokenBody } from '../../shared/token-request'
import { findWidget, WIDGET_CATALOG } from '../../shared/widget-catalog'
import { demoSetups } from '../../sandbox/data/demo-setups'
import { KeyEcho } from '../secrets/key-echo'
import type { DoctorContext, DoctorDeps, DoctorInput, DoctorStepRun, DoctorTarget } from './doctor-types'
import { checkDataApi } from './step-data-api'
import { checkDns } from './step-dns'
import { checkLauncher } from './step-launcher'
import { checkTcp } from './step-tcp'
import { checkTls } from './step-tls'
import { checkToken } from './step-token'
import { checkUrl } from './step-url'
import { checkWidget } from './step-widget'

const RUNS: Record<DoctorStepId, DoctorStepRun> = {
  url: checkUrl,
  dns: checkDns,
  tcp: checkTcp,
  tls: checkTls,
  token: checkToken,
  launcher: checkLauncher,
  'data-api': checkDataApi,
  widget: checkWidget
}

export interface DoctorRequestParts {
  widgetId?: string
  body?: TokenBody
  fields?: Record<string, string | boolean>
  qrvey86OrNewer?: boolean
}

/**
 * The request the doctor sends: the one given (a setup, the form), else for
 * the sandbox its Page View demo, else a stand-in body (the steps needing
 * real ids then skip and say so).
 */
export function doctorInputFor(target: DoctorTarget, parts: DoctorRequestParts = {}): DoctorInput {
  if (parts.body) {
    const widget = findWidget(parts.widgetId || 'page-view') ?? WIDGET_CATALOG[0]
    return { target, widget, body: parts.body, fields: parts.fields ?? {}, qrvey86OrNewer: parts.qrvey86OrNewer ?? true, realRequest: true }
  }
  if (target.kind === 'sandbox') {
    const demo = demoSetups().find((d) => d.id === 'page-view')?.setup
    if (demo) return { target, widget: findWidget(demo.widget) ?? WIDGET_CATALOG[0], body: tokenBodyOfSetup(demo), fields: demo.widgetFields, qrvey86OrNewer: demo.qrvey86OrNewer, realRequest: true }
  }
  const widget = findWidget(parts.widgetId || 'page-view') ?? WIDGET_CATALOG[0]
  return { target, widget, body: { userid: 'qwb-doctor', appid: 'qwb-doctor', expiresIn: '5m' } as TokenBody, fields: {}, qrvey86OrNewer: parts.qrvey86OrNewer ?? true, realRequest: false }
}

export async function runDoctor(input: DoctorInput, deps: DoctorDeps, onStep: (step: DoctorStep) => void = () => {}): Promise<DoctorReport> {
  return (await runDoctorWithContext(input, deps, onStep)).report
}

/** The report and what the steps gathered (for `qwb bundle`: the request as sent, the token's header, the render). */
export async function runDoctorWithContext(input: DoctorInput, deps: DoctorDeps, onStep: (step: DoctorStep) => void = () => {}): Promise<{ report: DoctorReport; ctx: DoctorContext }> {
  const now = deps.now ?? (() => new Date())
  const startedAt = now()
  const ctx: DoctorContext = { ...input, deps }
  // Last net: no step may say the key, in any encoding (a server's message can echo it).
  const echo = KeyEcho.of(input.target.apiKey)
  const steps: DoctorStep[] = []
  let failedStep: DoctorStepId | undefined
  for (const { id, title } of DOCTOR_STEPS) {
    if (failedStep) {
      steps.push({ id, title, status: 'not-run', verdict: `Not run: "${DOCTOR_STEPS.find((s) => s.id === failedStep)?.title}" failed first.`, durationMs: 0 })
      continue
    }
    const started = performance.now()
    let result
    try {
      result = await RUNS[id](ctx)
    } catch (error) {
      result = { status: 'fail' as const, verdict: `The check failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`, fix: 'Send the support bundle to whoever maintains the workbench.' }
    }
    const step = echo.scrubDeep({ id, title, ...result, durationMs: Math.round(performance.now() - started) }).value
    steps.push(step)
    if (step.status === 'fail') failedStep = id
    onStep(step)
  }
  for (const step of steps.filter((s) => s.status === 'not-run')) onStep(step)
  const report: DoctorReport = {
    environment: { name: input.target.name, kind: input.target.kind, domain: input.target.domain },
    widgetId: input.widget.id,
    startedAt: startedAt.toISOString(),
    durationMs: now().getTime() - startedAt.getTime(),
    ok: !failedStep,
    ...(failedStep ? { failedStep } : {}),
    steps
  }
  return { report, ctx }
}
