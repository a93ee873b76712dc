/**
 * What the renderer learns about the workspace's personas (issue 12), and the
 * request schemas of the `personas:*` IPC channels. Plain data: the compare
 * view (rls-compare) and the persona editor both read these.
 *
 *   <workspace>/personas/<name>.json   one persona per file (persona.ts)
 */
import { z } from 'zod'
import type { DroppedSecret } from '../secret-fields'
import type { Persona } from './persona'

/** One row of the persona list. */
export interface PersonaSummary {
  /** Identity: the file name without `.json` (stable while the file is not renamed). */
  id: string
  /** Relative to the workspace folder: `personas/europe-only.json`. */
  file: string
  /** The persona's display name; for a file that cannot be read, its file name. */
  name: string
  description?: string
  userid: string
  clientid?: string
  /** Dataset ids its permissions name ("*" included as given); empty without permissions. */
  datasets: string[]
  /** The file's modification time. */
  modifiedAt: string
  /** A hash of the file's content: send it back as `baseRevision` when saving. */
  revision: string
  /** Set when the file cannot be read as a persona: listed, left untouched, never overwritten. */
  error?: string
  issues?: Array<{ path: string; message: string }>
  /** Another file carries the same name (edited outside the app). */
  duplicateName?: boolean
  /** Secret-looking fields in the file that were ignored when reading it (the file is not rewritten). */
  ignoredSecrets?: string[]
}

export interface PersonaRecord {
  summary: PersonaSummary
  persona: Persona
}

export interface SavePersonaResult {
  summary: PersonaSummary
  /** The id before the save, when the save renamed the file. */
  previousId?: string
  /** Secrets removed before writing. */
  dropped: DroppedSecret[]
}

export interface DeletePersonasResult {
  /** Pass to `personas:restore` to undo. */
  undoToken: string
  deleted: string[]
}

export interface AddDemoPersonasResult {
  /** Demo personas written now. */
  added: PersonaSummary[]
  /** Names already in the workspace (left as they are). */
  kept: string[]
}

/** A demo persona the sandbox ships ("Start with demo personas"). */
export interface DemoPersonaView {
  id: string
  description: string
  persona: Persona
}

export const personaIdSchema = z.strictObject({ id: z.string().min(1).max(300) })
export const savePersonaRequestSchema = z.strictObject({
  id: z.string().min(1).max(300).optional(),
  /** The revision the edit started from; another revision on disk refuses the save as a CONFLICT. */
  baseRevision: z.string().min(1).max(64).optional(),
  /** Checked by the store itself (it drops secrets first and names the wrong field). */
  persona: z.record(z.string(), z.unknown(), { error: 'persona must be an object' })
})
export const renamePersonaRequestSchema = z.strictObject({ id: z.string().min(1).max(300), name: z.string() })
export const duplicatePersonaRequestSchema = z.strictObject({ id: z.string().min(1).max(300), name: z.string().optional() })
export const deletePersonasRequestSchema = z.strictObject({ ids: z.array(z.string().min(1).max(300)).min(1).max(10_000) })
export const restorePersonasRequestSchema = z.strictObject({ undoToken: z.string().min(1).max(100) })
export const exportPersonasRequestSchema = z.strictObject({ ids: z.union([z.literal('all'), z.array(z.string().min(1).max(300)).min(1).max(10_000)]) })
