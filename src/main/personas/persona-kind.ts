/**
 * Personas as documents of a folder (../json-folder/): one file each in
 * `<workspace>/personas/`, and what their list row shows.
 */
import { parsePersonaText, PERSONA_FORMAT_VERSION, personaSchema, serializePersona, type Persona } from '../../shared/personas/persona'
import type { PersonaSummary } from '../../shared/personas/persona-workspace'
import type { DocumentKind } from '../json-folder/document-kind'

export const PERSONAS_FOLDER = 'personas'
/** A persona is a token body's user side: a few KB. Larger files are listed with an error, not read. */
export const MAX_PERSONA_FILE_BYTES = 1024 * 1024

/** Dataset ids a persona's permissions name, in order, each once. */
export function datasetsOf(persona: Persona): string[] {
  const ids = (persona.token.permissions ?? []).flatMap((p) => (typeof p.dataset_id === 'string' ? [p.dataset_id] : p.dataset_id))
  return [...new Set(ids)]
}

export const personaKind: DocumentKind<Persona, PersonaSummary> = {
  folder: PERSONAS_FOLDER,
  noun: 'persona',
  maxFileBytes: MAX_PERSONA_FILE_BYTES,
  formatVersion: PERSONA_FORMAT_VERSION,
  schema: personaSchema,
  parse(text) {
    const parsed = parsePersonaText(text)
    return parsed.ok ? { ok: true, value: parsed.persona, dropped: parsed.dropped } : parsed
  },
  serialize: serializePersona,
  rowFields(persona) {
    if (!persona) return { userid: '', datasets: [] }
    return {
      userid: persona.token.userid,
      datasets: datasetsOf(persona),
      ...(persona.description ? { description: persona.description } : {}),
      ...(persona.token.clientid !== undefined ? { clientid: persona.token.clientid } : {})
    }
  },
  staleSaveAdvice: 'Reload it, or save yours as a copy.'
}
