/**
 * Reading a folder of documents into its index: one file (reconcile), or the
 * whole folder, a time slice at a time (rescan) or at once (rescanNow, for
 * folders of tens of files read when they are opened).
 *
 * Synchronous reads on purpose: for thousands of small local files, sync
 * reads in time slices load 5x faster than fs/promises with a thread-pool
 * round trip per call, and block the event loop for less time
 * (bench/workspace-scale.ts).
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { DocumentSummary } from './document-kind'
import { errorText, tooLargeMessage, unreadableEntryOf } from './document-entry'
import type { FolderContext } from './folder-context'

type Reader<T extends { name: string }, S extends DocumentSummary> = Pick<FolderContext<T, S>, 'kind' | 'index' | 'dir' | 'clock'>

export interface FolderChanges {
  added: string[]
  changed: string[]
  removed: string[]
}

/**
 * The ids (file names without `.json`) of the files in the folder; dot files (locks, temps) are not
 * documents. `create`: make the folder when it is missing; otherwise a missing folder holds nothing.
 */
export function documentIdsIn(dir: string, create: boolean): string[] {
  let names: string[]
  if (create) mkdirSync(dir, { recursive: true })
  try {
    names = readdirSync(dir)
  } catch (error) {
    // An optional folder that is missing (or unreadable) holds nothing; it must not stop the app.
    if (!create) return []
    throw error
  }
  return names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).map((n) => n.slice(0, -'.json'.length))
}

/** Reads one file and brings the index in line; says what changed. */
export function reconcile<T extends { name: string }, S extends DocumentSummary>(reader: Reader<T, S>, id: string): keyof FolderChanges | undefined {
  const { index, kind } = reader
  const path = join(reader.dir, `${id}.json`)
  let text: string
  let modifiedAt: string
  try {
    const stat = statSync(path)
    modifiedAt = stat.mtime.toISOString()
    if (stat.isFile() && stat.size > kind.maxFileBytes) {
      // Not read at all: a 1 GB file must not take the memory. Listed with the reason, never written to.
      const known = index.get(id)
      const message = tooLargeMessage(kind, stat.size)
      if (known && !known.parsed.ok && known.parsed.message === message && known.modifiedAt === modifiedAt) return undefined
      index.set(unreadableEntryOf(kind, id, modifiedAt, message))
      return known ? 'changed' : 'added'
    }
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'ENOENT' && code !== 'EISDIR') {
      // Listed with the reason (permissions, a lock), like a malformed file; never written to.
      const known = index.get(id)
      index.set(unreadableEntryOf(kind, id, known?.modifiedAt ?? reader.clock().toISOString(), `The file cannot be read (${errorText(error)}).`))
      return known ? 'changed' : 'added'
    }
    if (!index.has(id)) return undefined
    index.delete(id)
    return 'removed'
  }
  const known = index.get(id)
  if (known && known.raw === text) return undefined
  index.put(id, text, modifiedAt)
  return known ? 'changed' : 'added'
}

/** Reads the folder one file per step (a generator, so the same walk serves the sliced read and the one in one go). */
function* readAll<T extends { name: string }, S extends DocumentSummary>(reader: Reader<T, S>, create: boolean, change: FolderChanges): Generator<void> {
  const ids = documentIdsIn(reader.dir, create)
  const present = new Set(ids)
  for (const id of reader.index.ids()) {
    if (!present.has(id)) {
      reader.index.delete(id)
      change.removed.push(id)
    }
  }
  for (const id of ids) {
    const what = reconcile(reader, id)
    if (what) change[what].push(id)
    yield
  }
}

/**
 * Re-reads the folder; `pause` lets the event loop run between slices, so a
 * big load keeps the process responsive.
 */
export async function rescan<T extends { name: string }, S extends DocumentSummary>(reader: Reader<T, S>, create: boolean, pause: () => Promise<void>): Promise<FolderChanges> {
  const change: FolderChanges = { added: [], changed: [], removed: [] }
  const steps = readAll(reader, create, change)
  while (!steps.next().done) await pause()
  return change
}

/** rescan in one go: for a folder of tens of small files, read when it is opened. */
export function rescanNow<T extends { name: string }, S extends DocumentSummary>(reader: Reader<T, S>, create: boolean): FolderChanges {
  const change: FolderChanges = { added: [], changed: [], removed: [] }
  const steps = readAll(reader, create, change)
  while (!steps.next().done);
  return change
}

export function anyChange(change: FolderChanges): boolean {
  return change.added.length > 0 || change.changed.length > 0 || change.removed.length > 0
}
