/**
 * The persona editor's form without its checks (persona-form.ts re-exports
 * all of this and adds them): the fields, persona -> form, and the roles
 * text. The personas store is created with the first screen, which does not
 * load zod (issue 15); the checks come through form-checks-loader.ts.
 */
import type { Persona } from '@shared/personas/persona'

export interface PersonaForm {
  name: string
  description: string
  userid: string
  clientid: string
  /** Comma-separated role names ("Finance, Sales"). */
  rolesText: string
  /** The file had `roles` as one text (not a list): kept that way while there is one role. */
  rolesAsText: boolean
  permissionsText: string
  assetPermissionsText: string
  extraText: string
}

export type PersonaFormField = 'name' | 'description' | 'userid' | 'clientid' | 'roles' | 'permissions' | 'asset_permissions' | 'extra'

const pretty = (value: unknown) => (value === undefined ? '' : JSON.stringify(value, null, 2))

export function emptyPersonaForm(name = ''): PersonaForm {
  return { name, description: '', userid: '', clientid: '', rolesText: '', rolesAsText: false, permissionsText: '', assetPermissionsText: '', extraText: '' }
}

export function formFromPersona(persona: Persona): PersonaForm {
  const t = persona.token
  return {
    name: persona.name,
    description: persona.description ?? '',
    userid: t.userid,
    clientid: t.clientid ?? '',
    rolesText: t.roles === undefined ? '' : (typeof t.roles === 'string' ? [t.roles] : t.roles).join(', '),
    rolesAsText: typeof t.roles === 'string',
    permissionsText: pretty(t.permissions),
    assetPermissionsText: pretty(t.asset_permissions),
    extraText: pretty(t.extra)
  }
}

export function rolesOf(form: Pick<PersonaForm, 'rolesText' | 'rolesAsText'>): string | string[] | undefined {
  const roles = form.rolesText
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean)
  if (roles.length === 0) return undefined
  return roles.length === 1 && form.rolesAsText ? roles[0] : roles
}
