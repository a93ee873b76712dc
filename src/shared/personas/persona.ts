/**
 * A persona: a named user profile for the row-level security lab (issue 12).
 * One pretty-printed JSON file per persona in the workspace's `personas/`
 * folder, next to `setups/`, so a team can keep them in git. A persona holds
 * only the USER side of a token body (who the user is and what they may
 * see); the setup it is compared in supplies the environment, appid and widget.
 *
 * Same rules as setups (src/shared/setup.ts): types checked, unknown keys
 * refused (except inside `token.extra`), secrets stripped on read and write.
 *
 * File layout (canonical key order, PERSONA_KEY_ORDER):
 *   formatVersion, name, description,
 *   token { userid, clientid, permissions, asset_permissions, roles, extra }
 */
import { z } from 'zod'
import { permissionsSchema } from '../permissions'
import { sanitizeSecrets, type DroppedSecret } from '../secret-fields'
import { formatVersionProblem, objectError, parseJsonText, type SetupIssue } from '../setup'
import { FORM_OWNED_KEYS } from '../token-request'
import { formatIssuePath, issueMessages, placedIssues } from '../validation-messages'
import { PERSONA_FORMAT_VERSION } from './persona-text'

export { PERSONA_FORMAT_VERSION, MAX_COMPARED_PERSONAS } from './persona-text'
export const MAX_PERSONA_NAME_LENGTH = 200

const text = (field: string, max = 256) =>
  z.string({ error: `${field} must be a text` }).max(max, `${field} is longer than ${max} characters`)

export const personaNameSchema = z
  .string({ error: 'name must be a text' })
  .trim()
  .min(1, 'Give the persona a name, for example "Europe sales manager"')
  .max(MAX_PERSONA_NAME_LENGTH, `Keep the persona name under ${MAX_PERSONA_NAME_LENGTH} characters`)

/** Token fields a persona may carry besides userid/clientid/permissions (they go in `extra`). */
const PERSONA_OWNED_KEYS = [...FORM_OWNED_KEYS, 'asset_permissions', 'roles'] as const

export const personaTokenSchema = z.strictObject(
  {
    userid: text('userid').default(''),
    clientid: text('clientid').optional(),
    /** Record-level security, as the token body carries it (`version: "2"` is added when sent). */
    permissions: permissionsSchema.optional(),
    asset_permissions: z.record(z.string(), z.unknown(), { error: 'asset_permissions must be an object' }).optional(),
    roles: z.union([z.string(), z.array(z.string())], { error: 'roles must be a text or a list of texts' }).optional(),
    extra: z
      .record(z.string(), z.unknown(), { error: 'extra must be an object of extra token body fields, for example {"orgId": "acme"}' })
      .refine((extra) => !Object.keys(extra).some((k) => (PERSONA_OWNED_KEYS as readonly string[]).includes(k)), {
        error: `extra may not repeat a field the persona owns (${PERSONA_OWNED_KEYS.join(', ')})`
      })
      .optional()
  },
  { error: objectError('token must be an object with userid, clientid, permissions, ...') }
)

export const personaSchema = z.strictObject(
  {
    formatVersion: z.literal(PERSONA_FORMAT_VERSION, { error: `formatVersion must be ${PERSONA_FORMAT_VERSION}` }),
    name: personaNameSchema,
    description: text('description', 2_000).optional(),
    token: personaTokenSchema.default({ userid: '' })
  },
  { error: objectError('a persona must be a JSON object') }
)

export type Persona = z.output<typeof personaSchema>
export type PersonaInput = z.input<typeof personaSchema>
export type PersonaToken = z.output<typeof personaTokenSchema>

export { PERSONA_KEY_ORDER, PERSONA_TOKEN_KEY_ORDER, personaKeyOrder, serializePersona } from './persona-text'

export type ParsedPersona =
  | { ok: true; persona: Persona; dropped: DroppedSecret[] }
  | { ok: false; message: string; issues: SetupIssue[]; dropped: DroppedSecret[] }

function refuse(message: string, issues: SetupIssue[] = [], dropped: DroppedSecret[] = []): ParsedPersona {
  return { ok: false, message, issues: issues.length ? issues : [{ path: '', message }], dropped }
}

/** Checks a parsed JSON value as a persona; secrets are removed first and listed in `dropped`. */
export function parsePersonaValue(raw: unknown): ParsedPersona {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return refuse('A persona must be a JSON object ({ ... }).')
  const { value, dropped } = sanitizeSecrets(raw)
  const version = formatVersionProblem((value as { formatVersion?: unknown }).formatVersion, PERSONA_FORMAT_VERSION, 'persona')
  if (version) return refuse(version, [{ path: 'formatVersion', message: version }], dropped)
  const parsed = personaSchema.safeParse(value)
  if (!parsed.success) {
    const issues = placedIssues(parsed.error).map((i) => ({ path: formatIssuePath(i.path), message: i.message }))
    return refuse(issueMessages(parsed.error)[0], issues, dropped)
  }
  return { ok: true, persona: parsed.data, dropped }
}

/** A persona file's text -> the persona, or what is wrong with it. */
export function parsePersonaText(text: string): ParsedPersona {
  const json = parseJsonText(text)
  return json.ok ? parsePersonaValue(json.value) : refuse(json.message)
}

/** A new, empty persona. */
export function emptyPersona(name: string): Persona {
  return personaSchema.parse({ formatVersion: PERSONA_FORMAT_VERSION, name })
}
