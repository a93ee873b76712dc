/**
 * What a folder's parts (reading, saving, deleting, importing, exporting)
 * share: the kind, the index, the folder, the secret guard and the clock,
 * and the failures they all answer with.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fail } from '../../shared/result'
import { stemKey, uniqueStem } from '../workspace/file-names'
import type { SecretGuard } from '../workspace/secret-guard'
import type { DocumentKind, DocumentSummary } from './document-kind'
import type { DocumentEntry } from './document-entry'
import type { DocumentIndex } from './document-index'

export type Failure = ReturnType<typeof fail>

export interface FolderContext<T extends { name: string }, S extends DocumentSummary> {
  kind: DocumentKind<T, S>
  index: DocumentIndex<T, S>
  /** The folder of files (`<workspace>/setups`). */
  dir: string
  guard: SecretGuard
  clock: () => Date
  /** A pause that lets the event loop run once a time slice of work has passed since the last one. */
  slicer: () => () => Promise<void>
}

export function pathOf(ctx: { dir: string }, id: string): string {
  return join(ctx.dir, `${id}.json`)
}

/**
 * A file stem no entry and no file on disk uses. Compared case-insensitively,
 * because on macOS and Windows Acme.json and acme.json are the same file.
 */
export function allocateId<T extends { name: string }, S extends DocumentSummary>(
  ctx: Pick<FolderContext<T, S>, 'dir' | 'index'>,
  stem: string,
  alsoTaken: (key: string) => boolean = () => false,
  keys: ReadonlySet<string> = ctx.index.stemKeys()
): string {
  return uniqueStem(stem, (candidate) => keys.has(stemKey(candidate)) || alsoTaken(stemKey(candidate)) || existsSync(pathOf(ctx, candidate)))
}

type KindWords = Pick<DocumentKind<never, never>, 'folder' | 'noun'>

export function notFound(kind: KindWords): Failure {
  return fail('NOT_FOUND', `That ${kind.noun} no longer exists; it may have been deleted or renamed on disk.`)
}

/** A write refused because the file cannot be read as a document (it is never overwritten). */
export function unreadable(kind: KindWords, entry: DocumentEntry<unknown, unknown>): Failure {
  const message = entry.parsed.ok ? '' : entry.parsed.message
  return fail('CONFLICT', `${kind.folder}/${entry.id}.json cannot be read (${message}); fix or delete the file. It is never overwritten.`)
}

/** A read of a file that cannot be used, with every problem placed at its field. */
export function cannotRead(kind: KindWords, entry: DocumentEntry<unknown, unknown>): Failure {
  if (entry.parsed.ok) throw new TypeError(`${entry.id} is readable`)
  return fail('INVALID_INPUT', `${kind.folder}/${entry.id}.json cannot be read: ${entry.parsed.message}`, {
    field: entry.parsed.issues[0]?.path || undefined,
    detail: entry.parsed.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('\n')
  })
}
