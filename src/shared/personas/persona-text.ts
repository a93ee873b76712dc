/**
 * A persona file's text without its zod schemas (persona.ts re-exports all
 * of this): the format version, the key order and the serializer. The
 * renderer's personas store needs these at start; the schemas load with the
 * form's checks (issue 15).
 */
import { canonicalJson, type KeyOrder } from '../canonical-json'
import { setupKeyOrder } from '../setup-text'
import type { Persona } from './persona'

export const PERSONA_FORMAT_VERSION = 1

/** The compare view shows at most this many personas side by side. */
export const MAX_COMPARED_PERSONAS = 6

export const PERSONA_KEY_ORDER = ['formatVersion', 'name', 'description', 'token'] as const
export const PERSONA_TOKEN_KEY_ORDER = ['userid', 'clientid', 'permissions', 'asset_permissions', 'roles', 'extra'] as const

/** Key order of a persona file; permissions reuse the setup file's order. */
export const personaKeyOrder: KeyOrder = (path) => {
  const at = path.join('/')
  if (at === '') return PERSONA_KEY_ORDER
  if (at === 'token') return PERSONA_TOKEN_KEY_ORDER
  if (at.startsWith('token/permissions')) return setupKeyOrder(path)
  return undefined
}

/** The file's text: pretty JSON, canonical key order, trailing newline. */
export function serializePersona(persona: Persona): string {
  return canonicalJson(persona, personaKeyOrder)
}
