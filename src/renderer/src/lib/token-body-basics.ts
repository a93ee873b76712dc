/**
 * The token form's plain parts, without zod (token-body.ts re-exports all of
 * this and adds the checks): the fields, their defaults, the keys the form
 * owns and the assembly of the body. The first screen's stores use these
 * before the checks have loaded (issue 15, see form-checks-loader.ts).
 */
import { FORM_OWNED_KEYS } from '@shared/token-constants'
import type { DatasetPermission } from '@shared/permissions'
import type { TokenBody } from '@shared/token-request'
import type { PathIssue } from './json-validation'

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

export function checkOwnedKeys(value: unknown): PathIssue[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return []
  return Object.keys(value)
    .filter(isOwnedKey)
    .map((key) => ({ path: [key], message: OWNED_KEY_MESSAGES[key], at: 'key' as const }))
}

export interface ParsedTimeout {
  /** Milliseconds, when a valid number was typed. */
  value?: number
  error?: string
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
