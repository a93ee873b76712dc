/**
 * Saving one document: validation, the unique name, the secret guard, then
 * the write under the folder lock with optimistic concurrency (a save made
 * from an older revision than the one on disk is refused, nothing written).
 * Changing the name renames the file, so file names keep matching names.
 */
import { mkdirSync } from 'node:fs'
import { rm, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fail, ok, type Result } from '../../shared/result'
import { sanitizeSecrets, type DroppedSecret } from '../../shared/secret-fields'
import { issueMessages, placedIssues, formatIssuePath } from '../../shared/validation-messages'
import { writeFileAtomic } from '../workspace/atomic-write'
import { fileStemFor, stemFitsName } from '../workspace/file-names'
import { FolderBusyError, withFolderLock } from '../workspace/folder-lock'
import type { DocumentSummary } from './document-kind'
import { errorText, revisionOf, type DocumentEntry } from './document-entry'
import { allocateId, notFound, pathOf, unreadable, type FolderContext } from './folder-context'

/** The lock file of a write in the folder (a dot file: listings and the watcher skip it). */
const WRITE_LOCK_NAME = '.write.lock'

export interface SavedDocument<S> {
  summary: S
  /** The id before the save, when the save renamed the file (new name). */
  previousId?: string
  /** Secrets removed before writing. */
  dropped: DroppedSecret[]
}

export async function saveDocument<T extends { name: string }, S extends DocumentSummary>(
  ctx: FolderContext<T, S>,
  id: string | undefined,
  input: Record<string, unknown>,
  baseRevision?: string
): Promise<Result<SavedDocument<S>>> {
  const { kind } = ctx
  const { value, dropped } = sanitizeSecrets({ ...input, formatVersion: input.formatVersion ?? kind.formatVersion })
  const parsed = kind.schema.safeParse(value)
  if (!parsed.success) {
    const first = placedIssues(parsed.error)[0]
    return fail('INVALID_INPUT', issueMessages(parsed.error)[0], {
      field: formatIssuePath(first.path) || undefined,
      detail: issueMessages(parsed.error).join('\n')
    })
  }
  const document = parsed.data
  const existing = id === undefined ? undefined : ctx.index.get(id)
  if (id !== undefined && !existing) return notFound(kind)
  if (existing && !existing.parsed.ok) return unreadable(kind, existing)

  const clash = ctx.index.nameTaken(document.name, id)
  if (clash) {
    return fail('CONFLICT', `A ${kind.noun} named "${document.name}" already exists (${kind.folder}/${clash.id}.json); choose another name.`, { field: 'name' })
  }

  const text = kind.serialize(document)
  const leak = ctx.guard.check(text)
  if (leak) return fail('INVALID_INPUT', `The ${kind.noun} was not saved: ${leak}. Remove it from the ${kind.noun}'s fields.`)

  // From here to the rename, no other process sharing the folder writes (folder-lock.ts): the check
  // "is the file still the version the user edited?" and the write are one step.
  try {
    // The folder may not exist yet (personas/ is made by the first save).
    mkdirSync(ctx.dir, { recursive: true })
    return await withFolderLock(join(ctx.dir, WRITE_LOCK_NAME), () => writeChecked(ctx, { id, existing, document, text, dropped, baseRevision }))
  } catch (error) {
    return fail(error instanceof FolderBusyError ? 'CONFLICT' : 'INTERNAL', error instanceof FolderBusyError ? error.message : `The ${kind.noun} could not be saved: ${errorText(error)}`)
  }
}

interface CheckedWrite<T, S> {
  id: string | undefined
  existing: DocumentEntry<T, S> | undefined
  document: T
  text: string
  dropped: DroppedSecret[]
  baseRevision: string | undefined
}

async function writeChecked<T extends { name: string }, S extends DocumentSummary>(
  ctx: FolderContext<T, S>,
  { id, existing, document, text, dropped, baseRevision }: CheckedWrite<T, S>
): Promise<Result<SavedDocument<S>>> {
  const { index, kind } = ctx
  if (existing) {
    const onDisk = await readFile(pathOf(ctx, existing.id), 'utf8').catch(() => undefined)
    const changedOnDisk = onDisk !== undefined && onDisk !== existing.raw
    // Optimistic concurrency: the save names the revision it was made from; any other version now
    // (another window's save, another workbench, git, an editor) refuses it, and nothing is written.
    const stale = baseRevision !== undefined ? revisionOf(onDisk ?? existing.raw) !== baseRevision : changedOnDisk
    if (stale) {
      if (changedOnDisk) index.put(existing.id, onDisk, ctx.clock().toISOString())
      // Both saves wrote the same thing (a double click, two windows with one edit): nothing is lost, nothing to refuse.
      if ((onDisk ?? existing.raw) === text && stemFitsName(existing.id, document.name)) return ok({ summary: index.summary(existing.id), dropped })
      return fail(
        'CONFLICT',
        `"${document.name}" was changed on disk since you opened it (by another save, another workbench, git or an editor); your version was not saved. ${kind.staleSaveAdvice}`,
        { field: 'baseRevision', detail: `${kind.folder}/${existing.id}.json is now at revision ${index.summary(existing.id).revision}; the save was made from ${baseRevision ?? 'the version read earlier'}.` }
      )
    }
  }

  // A new file never takes a name another process created meanwhile (existsSync is checked under the lock).
  const target = id !== undefined && stemFitsName(id, document.name) ? id : allocateId(ctx, fileStemFor(document.name))
  const result = (summary: S): Result<SavedDocument<S>> => ok({ summary, dropped, ...(id !== undefined && target !== id ? { previousId: id } : {}) })
  if (existing && target === id && existing.raw === text) return result(index.summary(id))
  try {
    await writeFileAtomic(pathOf(ctx, target), text)
    if (id !== undefined && target !== id) await rm(pathOf(ctx, id), { force: true })
  } catch (error) {
    return fail('INTERNAL', `The ${kind.noun} could not be written to ${kind.folder}/${target}.json: ${errorText(error)}`)
  }
  if (id !== undefined && target !== id) index.delete(id)
  index.put(target, text, ctx.clock().toISOString())
  return result(index.summary(target))
}
