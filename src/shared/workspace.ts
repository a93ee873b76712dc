/**
 * What the workspace (a folder of setup files) tells the renderer. Plain
 * data, so the lead can put these in the IPC contract as they are.
 */
import { z } from 'zod'
import type { SetupChange } from './setup-diff'
import type { DroppedSecret } from './secret-fields'
import type { Setup } from './setup'

/** One row of the setup list. */
export interface SetupSummary {
  /** Identity: the file name without `.json` (stable while the file is not renamed). */
  id: string
  /** Relative to the workspace folder, with forward slashes: `setups/acme.json`. */
  file: string
  /** The setup's display name; for a file that cannot be read, its file name. */
  name: string
  environment: string
  widget: string
  userid: string
  appid: string
  clientid?: string
  /** The file's modification time (setups carry no timestamps, to keep diffs small). */
  modifiedAt: string
  /** A hash of the file's content: send it back as `baseRevision` when saving, so a save over a newer version is refused. */
  revision: string
  /** Set when the file cannot be read as a setup: the file is listed, left untouched, never overwritten. */
  error?: string
  /** Every problem, each with its field path, when `error` is set. */
  issues?: Array<{ path: string; message: string }>
  /** Another file carries the same name (edited outside the app): both are listed and flagged. */
  duplicateName?: boolean
  /** Secret-looking fields in the file that were ignored when reading it (the file is not rewritten). */
  ignoredSecrets?: string[]
}

export interface SetupRecord {
  summary: SetupSummary
  setup: Setup
}

export interface SaveSetupResult {
  summary: SetupSummary
  /** The id before the save, when the save renamed the file (new name). */
  previousId?: string
  /** Secrets removed before writing. */
  dropped: DroppedSecret[]
}

export interface DeleteResult {
  /** Pass to `restore` to undo. */
  undoToken: string
  deleted: string[]
}

/**
 * A window of the setup list: rows [offset, offset + items.length) of the
 * `total` setups that match `query` (every setup when it is empty). A
 * workspace of 20,000 setups is never sent whole: the renderer asks for the
 * rows it shows.
 */
export interface SetupPage {
  query: string
  offset: number
  total: number
  items: SetupSummary[]
}

export interface WorkspaceChange {
  setups: { added: string[]; changed: string[]; removed: string[] }
  /** environments.json changed on disk. */
  environments: boolean
  /** The whole folder was rescanned (its setups/ folder was replaced, or the platform did not name the file). */
  rescanned: boolean
}

export type ImportAction = 'add' | 'replace' | 'unchanged' | 'skip' | 'rename'

export interface ImportPreviewItem {
  name: string
  /** With onConflict "keep-both": the name it will be saved under. */
  savedAs?: string
  action: ImportAction
  /** The existing setup it replaces or equals. */
  existingId?: string
  environment: string
  widget: string
  /** When it differs from the setup it replaces (or would replace): field by field (issue 11). */
  changes?: SetupChange[]
}

/**
 * An environment in the file with the name of one here but another domain
 * (issue 11): never silently ignored. By default the imported setups use
 * the environment here ("keep mine"); `renamedTo` says the user chose to
 * import it under another name, which the setups then use.
 */
export interface EnvironmentConflict {
  name: string
  /** The domain in the file. */
  domain: string
  /** The domain of the environment here with that name. */
  existingDomain: string
  usedBy: string[]
  /** A free name to import it as: "<name> (2)". */
  suggestedName: string
  renamedTo?: string
}

export interface MissingEnvironment {
  name: string
  /** From the file, when it carried the environment (never a key: the UI asks for it). */
  domain?: string
  timeoutMs?: number
  /** Names of the imported setups that use it. */
  usedBy: string[]
}

export type ImportConflictPolicy = 'replace' | 'skip' | 'keep-both'

export type ImportCounts = { add: number; replace: number; unchanged: number; skip: number; rename: number }

/** One persona of an import (issue 12): same actions as a setup's. */
export interface PersonaImportItem {
  name: string
  savedAs?: string
  action: ImportAction
  /** The existing persona (id) it replaces or equals. */
  existingId?: string
}

export interface ImportPreview {
  items: ImportPreviewItem[]
  counts: ImportCounts
  missingEnvironments: MissingEnvironment[]
  environmentConflicts?: EnvironmentConflict[]
  /** Secrets that were in the file and were dropped, in words. */
  notices: string[]
  /** The personas the file carries, when it carries any (issue 12). */
  personas?: { items: PersonaImportItem[]; counts: ImportCounts }
}

export interface ImportReport extends ImportPreview {
  /** Ids written. */
  written: string[]
  /** Persona ids written (issue 12). */
  writtenPersonas?: string[]
}

/*
 * Request schemas for the IPC channels the lead adds (suggested names in
 * brackets). Setups are checked by the store itself (it drops secrets
 * before validating and names the wrong field), so `setup` is only required
 * to be an object here.
 */
export const setupIdSchema = z.strictObject({ id: z.string().min(1) })
/** [workspace:save] */
export const saveSetupRequestSchema = z.strictObject({
  id: z.string().min(1).optional(),
  /** The revision the edit started from (SetupSummary.revision); another revision on disk refuses the save as a CONFLICT. */
  baseRevision: z.string().min(1).max(64).optional(),
  setup: z.record(z.string(), z.unknown(), { error: 'setup must be an object' })
})
/** [workspace:rename] */
export const renameSetupRequestSchema = z.strictObject({ id: z.string().min(1), name: z.string() })
/** [workspace:duplicate] */
export const duplicateSetupRequestSchema = z.strictObject({ id: z.string().min(1), name: z.string().optional() })
/** [workspace:delete] */
export const deleteSetupsRequestSchema = z.strictObject({ ids: z.array(z.string().min(1)).min(1) })
/** [workspace:restore] */
export const restoreSetupsRequestSchema = z.strictObject({ undoToken: z.string().min(1) })
/** [workspace:search] */
export const searchSetupsRequestSchema = z.strictObject({ query: z.string().max(500), limit: z.number().int().min(1).max(10_000).optional() })
/** [workspace:page]: a window of the list, or of a search's hits (`query`), in list order. */
export const setupPageRequestSchema = z.strictObject({
  query: z.string().max(500).optional(),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(500)
})
/** [workspace:summaries]: the rows of these setups (null for one that no longer exists). */
export const setupSummariesRequestSchema = z.strictObject({ ids: z.array(z.string().min(1)).max(100) })
/** [workspace:export] / [workspace:share-text]: the environments come from EnvironmentService in main, not from the renderer. */
export const exportSetupsRequestSchema = z.strictObject({ ids: z.union([z.literal('all'), z.array(z.string().min(1)).min(1)]) })
export const conflictPolicySchema = z.enum(['replace', 'skip', 'keep-both'])
/**
 * [workspace:import-preview] from text: pasted share text or JSON, or a file
 * the renderer read after checking its size (MAX_IMPORT_BYTES). The renderer
 * never hands main a path to read.
 */
/** An environment of the file imported under another name (its name in the file -> the new name). */
const renameEnvironmentsSchema = z
  .record(z.string().max(80), z.string().trim().min(1, 'the new environment name must not be empty').max(80, 'the new environment name is longer than 80 characters'))
  .refine((r) => Object.keys(r).length <= 100, 'at most 100 environments can be renamed at once')
export const importPreviewRequestSchema = z.strictObject({
  text: z.string().max(16 * 1024 * 1024, 'The pasted text is larger than 16 MB'),
  onConflict: conflictPolicySchema.optional(),
  renameEnvironments: renameEnvironmentsSchema.optional()
})
/** [workspace:import-apply]: applies a staged import (see PendingImports in main) by its id. */
export const importApplyRequestSchema = z.strictObject({ importId: z.string().min(1), onConflict: conflictPolicySchema.optional(), renameEnvironments: renameEnvironmentsSchema.optional() })

export interface StagedImportPreview extends ImportPreview {
  /** Pass to import-apply. */
  importId: string
  source: 'export' | 'setup-file' | 'persona-file'
}
