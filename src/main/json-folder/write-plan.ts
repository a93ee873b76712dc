/**
 * Writing many documents all or nothing (an import): every file goes to a
 * temp file first, then each is renamed into place; if anything fails, the
 * files already replaced are put back as they were and nothing changed.
 */
import { mkdirSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import pLimit from 'p-limit'
import { fail, ok, type Result } from '../../shared/result'
import { commitTemp, writeFileAtomic, writeTemp } from '../workspace/atomic-write'
import { errorText } from './document-entry'
import { pathOf } from './folder-context'

export interface PlannedWrite {
  id: string
  text: string
  /** The file's text before, when the write replaces one (undefined: a new file). */
  previous?: string
}

type Folder = { dir: string; kind: { folder: string } }

/**
 * Temp files written at once. Each is flushed to disk (fsync), and flushes
 * in flight together share the file system's journal commits: an import of
 * 20,000 setups spent almost all of its ~20 s on them one at a time, and
 * two or three at once halve that on this project's machines (ext4;
 * bench/import-apply.ts). Three leave one of libuv's four threads to the rest
 * of the app's file and DNS work meanwhile.
 */
export const TEMP_WRITERS = 3

/** `writers`: temp files written at once (the bench compares one at a time). */
export async function writeAllOrNothing(ctx: Folder, plan: readonly PlannedWrite[], writers = TEMP_WRITERS): Promise<Result<void>> {
  if (plan.length) {
    try {
      mkdirSync(ctx.dir, { recursive: true })
    } catch (error) {
      return fail('INTERNAL', `The import was not applied (nothing changed): ${ctx.kind.folder}/ could not be written (${errorText(error)}).`)
    }
  }
  const limit = pLimit(writers)
  let failure: unknown
  // Once one fails, the rest are not started; those under way finish first, so their temp files are removed too.
  const written = await Promise.allSettled(
    plan.map((step) =>
      limit(async () => {
        if (failure !== undefined) return undefined
        try {
          return await writeTemp(pathOf(ctx, step.id), step.text)
        } catch (error) {
          failure ??= error
          return undefined
        }
      })
    )
  )
  const temps = written.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : undefined))
  if (failure !== undefined) {
    await Promise.all(temps.map((t) => t && rm(t, { force: true })))
    return fail('INTERNAL', `The import was not applied (nothing changed): ${ctx.kind.folder}/ could not be written (${errorText(failure)}).`)
  }
  let committed = 0
  try {
    for (; committed < plan.length; committed++) await commitTemp(temps[committed] as string, pathOf(ctx, plan[committed].id))
  } catch (error) {
    await Promise.all(temps.slice(committed + 1).map((t) => t && rm(t, { force: true })))
    await putBack(ctx, plan.slice(0, committed))
    return fail('INTERNAL', `The import was not applied (nothing changed): ${errorText(error)}`)
  }
  return ok(undefined)
}

/** Puts the files of these writes back as they were before (a new file is removed). */
export async function putBack(ctx: { dir: string }, steps: readonly PlannedWrite[]): Promise<void> {
  for (const step of steps) {
    if (step.previous !== undefined) await writeFileAtomic(pathOf(ctx, step.id), step.previous).catch(() => {})
    else await rm(pathOf(ctx, step.id), { force: true })
  }
}
