/**
 * The token body one persona gets in one setup (issue 12 point 2; `qwb run`
 * of issue 13 uses the same function). Pure: no I/O, no DOM, no node:*.
 *
 * A setup says WHERE and WHAT (environment, appid, widget, expiresIn, config
 * keys that travel in the token such as dashboardId); a persona says WHO and
 * what that user MAY SEE. So:
 *
 * - `userid` and `clientid`: the persona's when it sets them (non-empty),
 *   otherwise the setup's.
 * - `permissions`, `asset_permissions` (also 8.6's `assetPermissions`) and
 *   `roles`: ALWAYS the persona's, also when the persona has none. They are
 *   the user's security; a "no permissions" persona must not inherit the
 *   setup's permissions, or the lab would compare the setup with itself.
 *   (A setup keeps asset_permissions / roles in its `token.extra`; those are
 *   dropped here for the same reason.)
 * - `version: "2"` whenever the body carries permissions (Qrvey's record-level
 *   security format, QRVEY.md §1); never otherwise.
 * - Other extra fields: the setup's, then the persona's (the persona wins on
 *   the same key, e.g. `orgId`).
 *
 * Key order of the body: userid, appid, clientid, expiresIn, version,
 * permissions, asset_permissions, roles, then the extra keys in their order.
 */
import type { Persona, PersonaToken } from './persona'
import { setupNameKey, tokenBodyOfSetup, type Setup } from '../setup'
import type { TokenBody } from '../token-request'

/** Qrvey's record-level security format that `permissions` are written in. */
export const PERSONA_PERMISSIONS_VERSION = '2'

/** Body keys that belong to the user's security: a persona replaces them wholesale. */
const SECURITY_KEYS = new Set(['permissions', 'version', 'asset_permissions', 'assetPermissions', 'roles'])
/** Body keys the setup and the persona own and this function places itself. */
const PLACED_KEYS = new Set(['userid', 'appid', 'clientid', 'expiresIn', ...SECURITY_KEYS])

/**
 * The body a persona's token is requested with, over any base body (the
 * setup's, or the token form's as it stands).
 */
export function personaTokenBody(base: TokenBody, token: PersonaToken): TokenBody {
  const userid = token.userid.trim() || String(base.userid ?? '').trim()
  const clientid = token.clientid?.trim() || (typeof base.clientid === 'string' ? base.clientid.trim() : '')
  const entries: Array<[string, unknown]> = [
    ['userid', userid],
    ['appid', String(base.appid ?? '').trim()]
  ]
  if (clientid) entries.push(['clientid', clientid])
  if (typeof base.expiresIn === 'string' && base.expiresIn.trim()) entries.push(['expiresIn', base.expiresIn.trim()])
  if (token.permissions !== undefined) entries.push(['version', PERSONA_PERMISSIONS_VERSION], ['permissions', token.permissions])
  if (token.asset_permissions !== undefined) entries.push(['asset_permissions', token.asset_permissions])
  if (token.roles !== undefined) entries.push(['roles', token.roles])
  const extra = new Map<string, unknown>()
  for (const [key, value] of Object.entries(base)) if (!PLACED_KEYS.has(key)) extra.set(key, value)
  for (const [key, value] of Object.entries(token.extra ?? {})) if (!PLACED_KEYS.has(key)) extra.set(key, value)
  entries.push(...extra)
  // fromEntries defines own properties: a "__proto__" key in extra stays data.
  return Object.fromEntries(entries) as TokenBody
}

/** The token body a persona gets in a saved setup. */
export function tokenForPersona(setup: Setup, persona: Persona): TokenBody {
  return personaTokenBody(tokenBodyOfSetup(setup), persona.token)
}

/**
 * The persona a setup's `personas[i].persona` names: matched like setup names
 * (case-, width- and space-insensitive), so "Europe only" finds "europe  ONLY".
 */
export function findPersonaByName<P extends Pick<Persona, 'name'>>(personas: readonly P[], name: string): P | undefined {
  const key = setupNameKey(name)
  return personas.find((p) => setupNameKey(p.name) === key)
}
