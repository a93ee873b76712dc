/**
 * The compare view's IPC shapes (issue 12 points 2 and 3):
 *
 * - `compare:start`: one token per persona (main's TokenService, the key
 *   stays in main) and one preview page per token (main's PreviewService),
 *   for 2-6 personas over one base body (a setup's, or the token form's);
 * - `compare:values`: the key figures each token may see, read from the
 *   offline sandbox's data API over HTTP. Only for the sandbox: a real
 *   instance does not let the workbench read values, and the view says so.
 */
import { z } from 'zod'
import { WIDGET_CATALOG } from '../widget-catalog'
import type { PreviewCreated } from '../ipc-contract'
import type { WorkbenchError } from '../result'
import type { HiddenAsset, SecurityReport } from '../sandbox-api'
import { MAX_TIMEOUT_MS, type TokenBody } from '../token-request'
import type { DatasetObservation, PersonaObservation } from './expectations'
import { MAX_COMPARED_PERSONAS, personaNameSchema, personaTokenSchema } from './persona'

export const MIN_COMPARED_PERSONAS = 2

const widgetIds = WIDGET_CATALOG.map((w) => w.id) as [string, ...string[]]

const compactToken = z
  .string()
  .min(1)
  .max(64_000, 'The token is longer than 64,000 characters')
  .regex(/^[\w.~+/=-]+$/, 'The token contains characters a compact JOSE token cannot have')

/** The base body the personas go over: like the token form's, but userid may be empty (each persona names its user). */
const baseBodySchema = z
  .object({
    userid: z.string().max(256).optional(),
    appid: z.string().trim().min(1, 'appid is required: the Qrvey application to embed').max(256),
    clientid: z.string().max(256).optional(),
    expiresIn: z.string().max(32).optional()
  })
  .catchall(z.unknown())

export const compareStartSchema = z.strictObject({
  environmentId: z.string().min(1, 'choose an environment'),
  widgetId: z.enum(widgetIds, { error: `widgetId must be one of ${widgetIds.join(', ')}` }),
  fields: z.record(z.string(), z.union([z.string().max(2_000), z.boolean()])),
  qrvey86OrNewer: z.boolean(),
  base: baseBodySchema,
  personas: z
    .array(z.strictObject({ name: personaNameSchema, token: personaTokenSchema }))
    .min(MIN_COMPARED_PERSONAS, `Pick at least ${MIN_COMPARED_PERSONAS} personas to compare`)
    .max(MAX_COMPARED_PERSONAS, `Compare at most ${MAX_COMPARED_PERSONAS} personas side by side`),
  setupName: z.string().max(500).optional(),
  timeoutMs: z.number().int().min(100).max(MAX_TIMEOUT_MS).optional(),
  /** The workbench is dark: the same sandbox-only hint as a single preview's (never in a copied page). */
  sandboxScheme: z.literal('dark').optional()
})
export type CompareStartRequest = z.input<typeof compareStartSchema>

export const compareValuesSchema = z.strictObject({
  environmentId: z.string().min(1, 'choose an environment'),
  tokens: z
    .array(compactToken)
    .min(1, 'no tokens to read values with')
    .max(MAX_COMPARED_PERSONAS, `at most ${MAX_COMPARED_PERSONAS} tokens`)
})
export type CompareValuesRequest = z.input<typeof compareValuesSchema>

/** One persona's start: its body, token and preview, or why it has none. */
export interface ComparedPersona {
  name: string
  /** The body its token was requested with (no key in it, ever). */
  body: TokenBody
  token?: string
  /** What the server assumed (the sandbox's warnings), if it said. */
  warnings?: string[]
  /** HTTP status and time of the token request. */
  status?: number
  durationMs?: number
  preview?: PreviewCreated
  /** Why this persona has no token or no preview. */
  error?: WorkbenchError
}

export interface CompareStarted {
  environmentName: string
  /** Whether values can be read (the offline sandbox) or only what the previews report (a real instance). */
  valuesReadable: boolean
  personas: ComparedPersona[]
}

/** A column the values table shows, with its label. */
export interface ColumnRef {
  id: string
  label: string
  /** The security_name record permissions use, for security columns. */
  securityName?: string
  type: 'text' | 'number' | 'date'
}

/** What one token sees of one dataset. */
export interface DatasetReading {
  id: string
  name: string
  /** Numeric columns this token may see (their totals are in observation.totals). */
  measures: ColumnRef[]
  /** Security columns (empty: an open dataset). */
  securityColumns: ColumnRef[]
  observation: DatasetObservation
  /** How record-level security applied, as the sandbox says it. */
  security?: SecurityReport
  /** Set when asset_permissions hide the whole dataset: it shows no rows. */
  hidden?: string
  /** Set when the sandbox refused the query (a rule it cannot evaluate): no rows, and why. */
  refused?: string
}

/** What one token sees in the sandbox. */
export interface SandboxReading {
  datasets: DatasetReading[]
  /** Dashboards (pages) it may open. */
  visiblePages: string[]
  hiddenPages: HiddenAsset[]
  /** Columns hidden by roles (column-level security). */
  hiddenColumns: HiddenAsset[]
}

export type ReadingOrError = { ok: true; reading: SandboxReading } | { ok: false; error: string }

export interface CompareValues {
  /** In the order of the request's tokens. */
  readings: ReadingOrError[]
}

/** The part of a PersonaObservation a sandbox reading answers (datasets and pages). */
export function observationOfReading(reading: SandboxReading): Pick<PersonaObservation, 'datasets' | 'visiblePages'> {
  return { datasets: Object.fromEntries(reading.datasets.map((d) => [d.id, d.observation])), visiblePages: [...reading.visiblePages] }
}
