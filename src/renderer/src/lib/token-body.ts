/**
 * The token body the form sends: field checks with the shared schemas'
 * own messages, the two JSON editors' rules, and the assembly of
 * form fields + permissions + extra JSON into one TokenBody.
 */
import { z } from 'zod'
import { permissionsSchema, type DatasetPermission } from '@shared/permissions'
import { expiresInSchema, FORM_OWNED_KEYS, generateTokenRequestSchema, tokenBodySchema, type TokenBody } from '@shared/token-request'
import { validateJson, type JsonValidation, type PathIssue } from './json-validation'

export interface TokenFields {
  userid: string
  appid: string
  clientid: string
  expiresIn: string
}

export type TokenFieldKey = keyof TokenFields

export const TOKEN_FIELD_KEYS: readonly TokenFieldKey[] = ['userid', 'appid', 'clientid', 'expiresIn']

export const DEFAULT_EXPIRES_IN = '1h'

/** Qrvey's record-level security format that `permissions` is written in. */
export const PERMISSIONS_VERSION = '2'

type OwnedKey = (typeof FORM_OWNED_KEYS)[number]

const OWNED_KEY_MESSAGES: Record<OwnedKey, string> = {
  userid: '"userid" has its own form field: use the userid field above, not the extra JSON',
  appid: '"appid" has its own form field: use the appid field above, not the extra JSON',
  clientid: '"clientid" has its own form field: use the clientid field above, not the extra JSON',
  expiresIn: '"expiresIn" has its own form field: use the expiresIn field above, not the extra JSON',
  permissions: '"permissions" has its own editor: use the Permissions editor above, not the extra JSON',
  version: `"version" is set by the form: it is "${PERMISSIONS_VERSION}" whenever permissions are given`
}

function isOwnedKey(key: string): key is OwnedKey {
  return (FORM_OWNED_KEYS as readonly string[]).includes(key)
}

/** Extra body keys: anything Qrvey takes (orgId, dashboardId, ...), with the known ones type-checked. */
export const extraBodySchema = z
  .object(
    {
      asset_permissions: tokenBodySchema.shape.asset_permissions,
      roles: tokenBodySchema.shape.roles
    },
    { error: 'the extra body must be a JSON object, for example {"orgId": "acme"}' }
  )
  .catchall(z.unknown())

export function checkOwnedKeys(value: unknown): PathIssue[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return []
  return Object.keys(value)
    .filter(isOwnedKey)
    .map((key) => ({ path: [key], message: OWNED_KEY_MESSAGES[key], at: 'key' as const }))
}

export function validatePermissionsText(text: string): JsonValidation<DatasetPermission[]> {
  return validateJson(text, { schema: permissionsSchema })
}

export function validateExtraText(text: string): JsonValidation<Record<string, unknown>> {
  return validateJson(text, { schema: extraBodySchema, check: checkOwnedKeys })
}

function firstMessage(result: { success: boolean; error?: { issues: readonly { message: string }[] } }): string | undefined {
  return result.success ? undefined : result.error?.issues[0]?.message
}

/** Field key -> message, for each field that is not acceptable as typed. */
export function validateTokenFields(fields: TokenFields): Partial<Record<TokenFieldKey, string>> {
  const errors: Partial<Record<TokenFieldKey, string>> = {}
  const userid = firstMessage(tokenBodySchema.shape.userid.safeParse(fields.userid))
  if (userid) errors.userid = userid
  const appid = firstMessage(tokenBodySchema.shape.appid.safeParse(fields.appid))
  if (appid) errors.appid = appid
  const clientid = firstMessage(tokenBodySchema.shape.clientid.safeParse(fields.clientid.trim() || undefined))
  if (clientid) errors.clientid = clientid
  const expiresIn = fields.expiresIn.trim()
  if (expiresIn) {
    const message = firstMessage(expiresInSchema.safeParse(expiresIn))
    if (message) errors.expiresIn = message
  }
  return errors
}

export interface ParsedTimeout {
  /** Milliseconds, when a valid number was typed. */
  value?: number
  error?: string
}

/** The optional timeout override: empty means "the environment's timeout". */
export function parseTimeout(text: string): ParsedTimeout {
  const trimmed = text.trim()
  if (!trimmed) return {}
  if (!/^\d+$/.test(trimmed)) return { error: 'The timeout must be a whole number of milliseconds, for example 30000' }
  const value = Number(trimmed)
  const message = firstMessage(generateTokenRequestSchema.shape.timeoutMs.safeParse(value))
  return message ? { error: message } : { value }
}

/**
 * Form fields + permissions + extra JSON -> the body as it will be sent.
 * Empty optional fields are left out; permissions bring `version: "2"`
 * (the form owns `version`, so nothing else can set it); extra keys the form
 * owns are dropped (the extra editor refuses them before this runs).
 */
export function assembleTokenBody(fields: TokenFields, permissions?: DatasetPermission[], extra?: Record<string, unknown>): TokenBody {
  const entries: [string, unknown][] = [
    ['userid', fields.userid.trim()],
    ['appid', fields.appid.trim()]
  ]
  const clientid = fields.clientid.trim()
  if (clientid) entries.push(['clientid', clientid])
  const expiresIn = fields.expiresIn.trim()
  if (expiresIn) entries.push(['expiresIn', expiresIn])
  if (permissions !== undefined) {
    entries.push(['version', PERMISSIONS_VERSION], ['permissions', permissions])
  }
  for (const [key, value] of Object.entries(extra ?? {})) {
    if (!isOwnedKey(key)) entries.push([key, value])
  }
  // fromEntries defines own properties, so a "__proto__" key in the extra JSON stays data.
  return Object.fromEntries(entries) as TokenBody
}
