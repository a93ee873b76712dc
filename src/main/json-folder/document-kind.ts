/**
 * What a folder of JSON documents needs to know about the documents it holds
 * (setups in `setups/`, personas in `personas/`): how a file is read and
 * written, what its list row shows, and the words its messages use. The rest
 * (index, reading, watching, saving with revisions, delete with undo) is the
 * same for every kind and lives beside this file.
 */
import type { ZodType } from 'zod'
import type { DroppedSecret } from '../../shared/secret-fields'
import type { SetupSummary } from '../../shared/workspace'

/** A file read as a document: its value, or why it cannot be used (listed, never overwritten). */
export type ParsedDocument<T> =
  | { ok: true; value: T; dropped: DroppedSecret[] }
  | { ok: false; message: string; issues: Array<{ path: string; message: string }>; dropped: DroppedSecret[] }

/** The list row fields every kind has: SetupSummary's and PersonaSummary's common part. */
export type DocumentSummary = Pick<SetupSummary, 'id' | 'file' | 'name' | 'modifiedAt' | 'revision' | 'error' | 'issues' | 'duplicateName' | 'ignoredSecrets'>

export interface DocumentKind<T extends { name: string }, S extends DocumentSummary> {
  /** The folder's name inside the workspace: `setups`. */
  folder: string
  /** The word messages use: `setup`. */
  noun: string
  /** Larger files are listed with an error, never read (a 1 GB file must not take the memory). */
  maxFileBytes: number
  formatVersion: number
  /** What a save is checked against (after secrets are dropped). */
  schema: ZodType<T>
  /** A file's text as a document, secrets dropped (and listed). */
  parse(text: string): ParsedDocument<T>
  /** The canonical text of a document (pretty, stable key order, for git diffs). */
  serialize(value: T): string
  /** The kind's own list row fields; `undefined` for a file that cannot be read (empty values). */
  rowFields(value: T | undefined): Omit<S, keyof DocumentSummary>
  /** Lower-case text a search looks in; default: the name and the file name. */
  searchText?(id: string, value: T | undefined): string
  /** What the user can do after a save over a version changed on disk was refused. */
  staleSaveAdvice: string
}
