/**
 * What the workspace store's parts (saving, importing, exporting) share:
 * the index, the folder, the secret guard and the clock, and the failures
 * they all answer with.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fail } from '../../shared/result'
import { stemKey, uniqueStem } from './file-names'
import { SETUPS_FOLDER, type Entry } from './setup-entry'
import type { SetupIndex } from './setup-index'
import type { SecretGuard } from './secret-guard'

export type Failure = ReturnType<typeof fail>

export interface StoreContext {
  index: SetupIndex
  setupsDir: string
  guard: SecretGuard
  clock: () => Date
  /** A pause that lets the event loop run once a time slice of work has passed since the last one. */
  slicer: () => () => Promise<void>
}

export function pathOf(ctx: Pick<StoreContext, 'setupsDir'>, id: string): string {
  return join(ctx.setupsDir, `${id}.json`)
}

/**
 * A file stem no entry and no file on disk uses. Compared case-insensitively,
 * because on macOS and Windows Acme.json and acme.json are the same file.
 */
export function allocateId(
  ctx: Pick<StoreContext, 'setupsDir' | 'index'>,
  stem: string,
  alsoTaken: (key: string) => boolean = () => false,
  keys: ReadonlySet<string> = ctx.index.stemKeys()
): string {
  return uniqueStem(stem, (candidate) => keys.has(stemKey(candidate)) || alsoTaken(stemKey(candidate)) || existsSync(pathOf(ctx, candidate)))
}

export function notFound(): Failure {
  return fail('NOT_FOUND', 'That setup no longer exists; it may have been deleted or renamed on disk.')
}

export function unreadable(entry: Entry): Failure {
  const message = entry.parsed.ok ? '' : entry.parsed.message
  return fail('CONFLICT', `${SETUPS_FOLDER}/${entry.id}.json cannot be read (${message}); fix or delete the file. It is never overwritten.`)
}
