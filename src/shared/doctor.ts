/**
 * The connection doctor (issue 13): what `qwb doctor` prints and the
 * workbench's "Test connection" shows, step by step. The steps run in this
 * order and stop at the first failure; each says in plain words what it
 * found and, when it failed, what to do.
 */
import { z } from 'zod'
import { tokenBodySchema } from './token-request'
import { WIDGET_CATALOG } from './widget-catalog'
import { DOCTOR_STEPS } from './doctor-steps'

export { DOCTOR_STEPS }

export type DoctorStepId = (typeof DOCTOR_STEPS)[number]['id']

/**
 * pass: fine; warn: works, but worth knowing (does not stop the run);
 * fail: the reason it does not work (the run stops); skip: does not apply
 * (plain http has no TLS) or cannot be checked here (no Chromium), with why;
 * not-run: after a failure.
 */
export type DoctorStatus = 'pass' | 'warn' | 'fail' | 'skip' | 'not-run'

export interface DoctorStep {
  id: DoctorStepId
  title: string
  status: DoctorStatus
  /** One sentence: what was found. */
  verdict: string
  /** What to do, where there is something to do. */
  fix?: string
  /** Raw facts (addresses, certificate, status line), for the curious and for support. */
  detail?: string
  durationMs: number
}

export interface DoctorReport {
  environment: { name: string; kind: 'sandbox' | 'remote'; domain: string }
  /** Which widget the launcher and render steps used. */
  widgetId: string
  startedAt: string
  durationMs: number
  ok: boolean
  /** The first failing step, when one failed. */
  failedStep?: DoctorStepId
  steps: DoctorStep[]
}

const widgetIds = WIDGET_CATALOG.map((w) => w.id) as [string, ...string[]]

/** `doctor:run`: the environment, and the request the form holds (optional: without it the token body is a minimal one). */
export const doctorRunSchema = z.strictObject({
  environmentId: z.string().min(1).max(200),
  /** Echoed in the `doctor:step` events, so the page shows only its own run's steps. */
  runId: z.string().min(1).max(64),
  widgetId: z.enum(widgetIds, { error: `widgetId must be one of ${widgetIds.join(', ')}` }).optional(),
  body: tokenBodySchema.optional(),
  fields: z.record(z.string(), z.union([z.string().max(2_000), z.boolean()])).optional(),
  qrvey86OrNewer: z.boolean().optional()
})
export type DoctorRunRequest = z.infer<typeof doctorRunSchema>

/** One step finished (the event the workbench shows live). */
export interface DoctorProgress {
  runId: string
  step: DoctorStep
}

export function stepTitle(id: DoctorStepId): string {
  return DOCTOR_STEPS.find((s) => s.id === id)?.title ?? id
}
