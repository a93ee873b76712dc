/**
 * A saved setup: everything needed to reproduce one embedding (which
 * environment, which widget, the token body, the widget's fields, the Qrvey
 * 8.6+ switch), as one pretty-printed JSON file per setup.
 *
 * The schema checks TYPES, not completeness: a draft with an empty userid is
 * a valid setup; the token form says what is missing before a request.
 * Unknown keys are refused (except inside `token.extra` and `widgetFields`,
 * which are open by nature), so a typo in a hand-edited file is reported
 * instead of silently ignored.
 *
 * File layout (also the canonical key order, see SETUP_KEY_ORDER):
 *   formatVersion, name, environment, widget, qrvey86OrNewer, timeoutMs,
 *   token { userid, appid, clientid, expiresIn, permissions, extra },
 *   widgetFields, notes
 * then, inside open objects, other keys sorted by code unit.
 */
import { z } from 'zod'
import { permissionsSchema } from './permissions'
import { setupPersonaSchema } from './personas/expectations'
import { sanitizeSecrets, type DroppedSecret } from './secret-fields'
import { FORM_OWNED_KEYS, MAX_TIMEOUT_MS, type TokenBody } from './token-request'
import { issueMessages, placedIssues, formatIssuePath } from './validation-messages'
import { SETUP_FORMAT_VERSION } from './setup-text'

export { SETUP_FORMAT_VERSION } from './setup-text'
export const MAX_SETUP_NAME_LENGTH = 500

/**
 * Error option for an object schema: `message` when the value is not an
 * object at all, a clear word for an unknown field, zod's own text otherwise.
 */
export function objectError(message: string) {
  return (issue: { code?: string; keys?: readonly string[] }) => {
    if (issue.code === 'invalid_type') return message
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      const list = issue.keys.map((k) => `"${k}"`).join(', ')
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${list}: check the spelling (this version does not read it)`
    }
    return undefined
  }
}

const text = (field: string, max = 256) =>
  z.string({ error: `${field} must be a text` }).max(max, `${field} is longer than ${max} characters`)

export const setupNameSchema = z
  .string({ error: 'name must be a text' })
  .trim()
  .min(1, 'Give the setup a name, for example "Acme staging - page view"')
  .max(MAX_SETUP_NAME_LENGTH, `Keep the setup name under ${MAX_SETUP_NAME_LENGTH} characters`)

export const setupTokenSchema = z.strictObject(
  {
    userid: text('userid').default(''),
    appid: text('appid').default(''),
    clientid: text('clientid').optional(),
    expiresIn: text('expiresIn', 32).optional(),
    permissions: permissionsSchema.optional(),
    extra: z
      .record(z.string(), z.unknown(), { error: 'extra must be an object of extra token body fields, for example {"orgId": "acme"}' })
      .refine((extra) => !Object.keys(extra).some((k) => (FORM_OWNED_KEYS as readonly string[]).includes(k)), {
        error: `extra may not repeat a field the form owns (${FORM_OWNED_KEYS.join(', ')})`
      })
      .optional()
  },
  { error: objectError('token must be an object with userid, appid, ...') }
)

export const setupSchema = z.strictObject(
  {
    formatVersion: z.literal(SETUP_FORMAT_VERSION, { error: `formatVersion must be ${SETUP_FORMAT_VERSION}` }),
    name: setupNameSchema,
    /** Environment by NAME (ids differ between machines; names are what a team shares). Empty: not chosen yet. */
    environment: text('environment', 80).default(''),
    /** Widget type id from the widget catalog, e.g. "page-view". */
    widget: text('widget', 80).default(''),
    qrvey86OrNewer: z.boolean({ error: 'qrvey86OrNewer must be true or false' }).default(true),
    timeoutMs: z
      .number({ error: 'timeoutMs must be a number of milliseconds' })
      .int('timeoutMs must be a whole number')
      .min(100, 'timeoutMs must be at least 100')
      .max(MAX_TIMEOUT_MS, `timeoutMs must be at most ${MAX_TIMEOUT_MS}`)
      .optional(),
    token: setupTokenSchema.default({ userid: '', appid: '' }),
    widgetFields: z
      .record(z.string(), z.union([z.string(), z.boolean()]), { error: 'widgetFields must be an object of texts and true/false values' })
      .default({}),
    notes: text('notes', 10_000).optional(),
    /** Personas compared in this setup and what each must see (issue 12, the RLS lab; `qwb run` checks them). */
    personas: z.array(setupPersonaSchema, { error: 'personas must be a list of {"persona": "<name>", "expect": [...]}' }).optional()
  },
  { error: objectError('a setup must be a JSON object') }
)

export type Setup = z.output<typeof setupSchema>
export type SetupInput = z.input<typeof setupSchema>
export type SetupToken = z.output<typeof setupTokenSchema>

export { SETUP_KEY_ORDER, SETUP_TOKEN_KEY_ORDER, setupKeyOrder, keyOrderBelow, serializeSetup } from './setup-text'

export interface SetupIssue {
  /** `token.userid`, or '' for the whole file. */
  path: string
  message: string
}

export type ParsedSetup =
  | { ok: true; setup: Setup; dropped: DroppedSecret[] }
  | { ok: false; message: string; issues: SetupIssue[]; dropped: DroppedSecret[] }

function refuse(message: string, issues: SetupIssue[] = [], dropped: DroppedSecret[] = []): ParsedSetup {
  return { ok: false, message, issues: issues.length ? issues : [{ path: '', message }], dropped }
}

/** A message for a `formatVersion` other than the one this version reads, or undefined. */
export function formatVersionProblem(value: unknown, current: number, what: string): string | undefined {
  if (value === current) return undefined
  if (value === undefined) return `formatVersion is missing: this does not look like a ${what}`
  if (typeof value !== 'number' || !Number.isInteger(value)) return `formatVersion must be a whole number (found ${JSON.stringify(value)})`
  if (value > current) {
    return `formatVersion ${value} was written by a newer version of the workbench; this version reads ${what} format ${current}. Update the workbench.`
  }
  return `formatVersion ${value} is not a ${what} format this version knows (it reads format ${current})`
}

/**
 * Checks a parsed JSON value as a setup. Secrets are removed first (and
 * listed in `dropped`), so a hand-edited file carrying an `apiKey` is read
 * without it instead of refused.
 */
export function parseSetupValue(raw: unknown): ParsedSetup {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return refuse('A setup must be a JSON object ({ ... }).')
  const { value, dropped } = sanitizeSecrets(raw)
  const version = formatVersionProblem((value as { formatVersion?: unknown }).formatVersion, SETUP_FORMAT_VERSION, 'setup')
  if (version) return refuse(version, [{ path: 'formatVersion', message: version }], dropped)
  const parsed = setupSchema.safeParse(value)
  if (!parsed.success) {
    const issues = placedIssues(parsed.error).map((i) => ({ path: formatIssuePath(i.path), message: i.message }))
    return refuse(issueMessages(parsed.error)[0], issues, dropped)
  }
  return { ok: true, setup: parsed.data, dropped }
}

/** JSON.parse with a message that says where the text stops being JSON. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  if (body.trim() === '') return { ok: false, message: 'The file is empty.' }
  try {
    return { ok: true, value: JSON.parse(body) }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    const position = /at position (\d+)/.exec(detail)
    const atEnd = position !== null && Number(position[1]) >= body.trimEnd().length
    const truncated = atEnd || /end of JSON input|Unterminated/i.test(detail) ? ' It looks cut off (truncated).' : ''
    return { ok: false, message: `Not valid JSON: ${detail}.${truncated}` }
  }
}

/** A setup file's text -> the setup, or what is wrong with it. */
export function parseSetupText(text: string): ParsedSetup {
  const json = parseJsonText(text)
  return json.ok ? parseSetupValue(json.value) : refuse(json.message)
}

/** A new, empty setup. */
export function emptySetup(name: string, widget = ''): Setup {
  return setupSchema.parse({ formatVersion: SETUP_FORMAT_VERSION, name, widget })
}

/**
 * The token body a setup stands for, assembled as the token form does:
 * empty optional fields left out, `version: "2"` with permissions, extra keys
 * after the form's own. Not validated: the form / tokenBodySchema does that.
 */
export function tokenBodyOfSetup(setup: Setup): TokenBody {
  const t = setup.token
  const entries: [string, unknown][] = [
    ['userid', t.userid.trim()],
    ['appid', t.appid.trim()]
  ]
  if (t.clientid?.trim()) entries.push(['clientid', t.clientid.trim()])
  if (t.expiresIn?.trim()) entries.push(['expiresIn', t.expiresIn.trim()])
  if (t.permissions !== undefined) entries.push(['version', '2'], ['permissions', t.permissions])
  for (const [key, value] of Object.entries(t.extra ?? {})) {
    if (!(FORM_OWNED_KEYS as readonly string[]).includes(key)) entries.push([key, value])
  }
  return Object.fromEntries(entries) as TokenBody
}

export { setupNameKey } from './setup-text'
