/**
 * The persona editor's form (issue 12): plain fields for name, description,
 * userid, clientid and roles, JSON texts for permissions, asset_permissions
 * and extra token fields. Pure: persona -> form, form -> persona (or what is
 * wrong, per field), so the store stays small and the tests need no DOM.
 */
import { z } from 'zod'
import { PERSONA_FORMAT_VERSION, personaSchema, type Persona } from '@shared/personas/persona'
import { FORM_OWNED_KEYS } from '@shared/token-request'
import { validateJson, type JsonValidation, type PathIssue } from './json-validation'
import { validatePermissionsText } from './token-body'
import type { DatasetPermission } from '@shared/permissions'
import { rolesOf, type PersonaForm, type PersonaFormField } from './persona-form-basics'

export * from './persona-form-basics'

const assetPermissionsSchema = z.record(z.string(), z.unknown(), {
  error: 'asset_permissions must be an object, for example {"pages": {"page_ids": ["overview"]}}'
})

const PERSONA_OWNED = [...FORM_OWNED_KEYS, 'asset_permissions', 'roles']

function checkExtraKeys(value: unknown): PathIssue[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return []
  return Object.keys(value)
    .filter((key) => PERSONA_OWNED.includes(key))
    .map((key) => ({ path: [key], message: `"${key}" has its own field in the persona; move it there`, at: 'key' as const }))
}

export interface PersonaFormCheck {
  permissions: JsonValidation<DatasetPermission[]>
  assetPermissions: JsonValidation<Record<string, unknown>>
  extra: JsonValidation<Record<string, unknown>>
}

export function checkPersonaForm(form: PersonaForm): PersonaFormCheck {
  return {
    permissions: validatePermissionsText(form.permissionsText),
    assetPermissions: validateJson(form.assetPermissionsText, { schema: assetPermissionsSchema }),
    extra: validateJson(form.extraText, { schema: z.record(z.string(), z.unknown(), { error: 'extra must be a JSON object, for example {"orgId": "acme"}' }), check: checkExtraKeys })
  }
}

export type PersonaFromForm = { ok: true; persona: Persona } | { ok: false; field: PersonaFormField; message: string }

/** The persona the form stands for, or the first problem (with its field). */
export function personaFromForm(form: PersonaForm, check: PersonaFormCheck = checkPersonaForm(form)): PersonaFromForm {
  const jsonProblem: Array<[PersonaFormField, JsonValidation]> = [
    ['permissions', check.permissions],
    ['asset_permissions', check.assetPermissions],
    ['extra', check.extra]
  ]
  for (const [field, result] of jsonProblem) {
    if (result.errors.length) return { ok: false, field, message: `${field}: ${result.errors[0].message}` }
  }
  const token: Record<string, unknown> = { userid: form.userid.trim() }
  if (form.clientid.trim()) token.clientid = form.clientid.trim()
  if (!check.permissions.empty) token.permissions = check.permissions.value
  if (!check.assetPermissions.empty) token.asset_permissions = check.assetPermissions.value
  const roles = rolesOf(form)
  if (roles !== undefined) token.roles = roles
  if (!check.extra.empty && Object.keys(check.extra.value ?? {}).length) token.extra = check.extra.value
  const raw: Record<string, unknown> = { formatVersion: PERSONA_FORMAT_VERSION, name: form.name, token }
  if (form.description.trim()) raw.description = form.description.trim()
  const parsed = personaSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const top = String(issue.path[0] ?? '')
    const inner = String(issue.path[1] ?? '')
    const field: PersonaFormField = top === 'name' ? 'name' : top === 'description' ? 'description' : ((['userid', 'clientid', 'roles', 'permissions', 'asset_permissions', 'extra'].includes(inner) ? inner : 'userid') as PersonaFormField)
    return { ok: false, field, message: issue.message }
  }
  return { ok: true, persona: parsed.data }
}
