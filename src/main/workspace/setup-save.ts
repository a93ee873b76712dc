/**
 * Saving one setup: validation, the unique name, the secret guard, then the
 * write under the folder lock with optimistic concurrency (a save made from
 * an older revision than the one on disk is refused, nothing written).
 * Changing the name renames the file, so file names keep matching names.
 */
import { rm, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fail, ok, type Result } from '../../shared/result'
import { sanitizeSecrets, type DroppedSecret } from '../../shared/secret-fields'
import { serializeSetup, SETUP_FORMAT_VERSION, setupSchema, type Setup, type SetupInput } from '../../shared/setup'
import { issueMessages, placedIssues, formatIssuePath } from '../../shared/validation-messages'
import type { SaveSetupResult, SetupSummary } from '../../shared/workspace'
import { writeFileAtomic } from './atomic-write'
import { fileStemFor, stemFitsName } from './file-names'
import { FolderBusyError, withFolderLock } from './folder-lock'
import { errorText, revisionOf, SETUPS_FOLDER, type Entry } from './setup-entry'
import { allocateId, notFound, pathOf, unreadable, type StoreContext } from './store-context'

/** The lock file of a write in setups/ (a dot file: listings and the watcher skip it). */
const WRITE_LOCK_NAME = '.write.lock'

export async function saveSetup(ctx: StoreContext, id: string | undefined, input: SetupInput, baseRevision?: string): Promise<Result<SaveSetupResult>> {
  const { value, dropped } = sanitizeSecrets({ ...input, formatVersion: input.formatVersion ?? SETUP_FORMAT_VERSION })
  const parsed = setupSchema.safeParse(value)
  if (!parsed.success) {
    const first = placedIssues(parsed.error)[0]
    return fail('INVALID_INPUT', issueMessages(parsed.error)[0], {
      field: formatIssuePath(first.path) || undefined,
      detail: issueMessages(parsed.error).join('\n')
    })
  }
  const setup = parsed.data
  const existing = id === undefined ? undefined : ctx.index.get(id)
  if (id !== undefined && !existing) return notFound()
  if (existing && !existing.parsed.ok) return unreadable(existing)

  const clash = ctx.index.nameTaken(setup.name, id)
  if (clash) {
    return fail('CONFLICT', `A setup named "${setup.name}" already exists (${SETUPS_FOLDER}/${clash.id}.json); choose another name.`, { field: 'name' })
  }

  const text = serializeSetup(setup)
  const leak = ctx.guard.check(text)
  if (leak) return fail('INVALID_INPUT', `The setup was not saved: ${leak}. Remove it from the setup's fields.`)

  // From here to the rename, no other process sharing the folder writes (folder-lock.ts): the check
  // "is the file still the version the user edited?" and the write are one step.
  try {
    return await withFolderLock(join(ctx.setupsDir, WRITE_LOCK_NAME), () => writeChecked(ctx, { id, existing, setup, text, dropped, baseRevision }))
  } catch (error) {
    return fail(error instanceof FolderBusyError ? 'CONFLICT' : 'INTERNAL', error instanceof FolderBusyError ? error.message : `The setup could not be saved: ${errorText(error)}`)
  }
}

interface CheckedWrite {
  id: string | undefined
  existing: Entry | undefined
  setup: Setup
  text: string
  dropped: DroppedSecret[]
  baseRevision: string | undefined
}

async function writeChecked(ctx: StoreContext, { id, existing, setup, text, dropped, baseRevision }: CheckedWrite): Promise<Result<SaveSetupResult>> {
  const { index } = ctx
  if (existing) {
    const onDisk = await readFile(pathOf(ctx, existing.id), 'utf8').catch(() => undefined)
    const changedOnDisk = onDisk !== undefined && onDisk !== existing.raw
    // Optimistic concurrency: the save names the revision it was made from; any other version now
    // (another window's save, another workbench, git, an editor) refuses it, and nothing is written.
    const stale = baseRevision !== undefined ? revisionOf(onDisk ?? existing.raw) !== baseRevision : changedOnDisk
    if (stale) {
      if (changedOnDisk) index.put(existing.id, onDisk, ctx.clock().toISOString())
      // Both saves wrote the same thing (a double click, two windows with one edit): nothing is lost, nothing to refuse.
      if ((onDisk ?? existing.raw) === text && stemFitsName(existing.id, setup.name)) return ok({ summary: index.summary(existing.id), dropped })
      return fail(
        'CONFLICT',
        `"${setup.name}" was changed on disk since you opened it (by another save, another workbench, git or an editor); your version was not saved. Load the other version, overwrite it with yours, or save yours as a copy.`,
        { field: 'baseRevision', detail: `${SETUPS_FOLDER}/${existing.id}.json is now at revision ${index.summary(existing.id).revision}; the save was made from ${baseRevision ?? 'the version read earlier'}.` }
      )
    }
  }

  // A new file never takes a name another process created meanwhile (existsSync is checked under the lock).
  const target = id !== undefined && stemFitsName(id, setup.name) ? id : allocateId(ctx, fileStemFor(setup.name))
  const result = (summary: SetupSummary): Result<SaveSetupResult> => ok({ summary, dropped, ...(id !== undefined && target !== id ? { previousId: id } : {}) })
  if (existing && target === id && existing.raw === text) return result(index.summary(id))
  try {
    await writeFileAtomic(pathOf(ctx, target), text)
    if (id !== undefined && target !== id) await rm(pathOf(ctx, id), { force: true })
  } catch (error) {
    return fail('INTERNAL', `The setup could not be written to ${SETUPS_FOLDER}/${target}.json: ${errorText(error)}`)
  }
  if (id !== undefined && target !== id) index.delete(id)
  index.put(target, text, ctx.clock().toISOString())
  return result(index.summary(target))
}
