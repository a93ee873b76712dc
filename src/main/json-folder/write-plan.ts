/**
 * Writing many documents all or nothing (an import): every file goes to a
 * temp file first, then each is renamed into place; if anything fails, the
 * files already replaced are put back as they were and nothing changed.
 */
import { mkdirSync } from 'node:fs'
import { rm } from 'node:fs/promises'
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

export async function writeAllOrNothing(ctx: Folder, plan: readonly PlannedWrite[]): Promise<Result<void>> {
  const temps: string[] = []
  try {
    if (plan.length) mkdirSync(ctx.dir, { recursive: true })
    for (const step of plan) temps.push(await writeTemp(pathOf(ctx, step.id), step.text))
  } catch (error) {
    await Promise.all(temps.map((t) => rm(t, { force: true })))
    return fail('INTERNAL', `The import was not applied (nothing changed): ${ctx.kind.folder}/ could not be written (${errorText(error)}).`)
  }
  let committed = 0
  try {
    for (; committed < plan.length; committed++) await commitTemp(temps[committed], pathOf(ctx, plan[committed].id))
  } catch (error) {
    await Promise.all(temps.slice(committed + 1).map((t) => rm(t, { force: true })))
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
