/**
 * The workspace's personas (issue 12): one pretty-printed JSON file per
 * persona in `<workspace>/personas/`, beside `setups/`, so a team keeps them
 * in git with the setups that compare them.
 *
 * The same store as the setups' (a DocumentFolder, ../json-folder/): a file
 * that cannot be read is listed with its error and never overwritten; a
 * secret in a file is ignored when read and dropped when written; every
 * write is atomic and goes through one queue (and, between processes, the
 * folder's write lock); a save names the revision it was made from, so a
 * save over a version changed on disk is refused; the file name follows the
 * name. Unlike setups/, the folder is created on the first write only: a
 * workspace without personas stays as it was; and it is read at once when
 * opened (personas are tens, not thousands).
 */
import { setupNameKey } from '../../shared/setup'
import type { Persona } from '../../shared/personas/persona'
import type { DeletePersonasResult, PersonaRecord, PersonaSummary, SavePersonaResult } from '../../shared/personas/persona-workspace'
import type { Result } from '../../shared/result'
import { DocumentFolder } from '../json-folder/document-folder'
import { anyChange } from '../json-folder/folder-reader'
import type { SecretGuard } from '../workspace/secret-guard'
import { personaKind } from './persona-kind'

export { datasetsOf, MAX_PERSONA_FILE_BYTES, PERSONAS_FOLDER } from './persona-kind'

export interface PersonaStoreOptions {
  /** The workspace folder (personas live in its `personas/` folder). */
  dir: string
  guard?: SecretGuard
  clock?: () => Date
  undoLimit?: number
  /** Quiet time after a change on disk before the folder is re-read (default 150 ms). */
  watchDebounceMs?: number
}

export class PersonaStore {
  readonly dir: string
  readonly personasDir: string
  /** The folder itself: what import (persona-transfer.ts) writes through. */
  readonly folder: DocumentFolder<Persona, PersonaSummary>

  constructor(options: PersonaStoreOptions) {
    this.dir = options.dir
    this.folder = new DocumentFolder(personaKind, { root: options.dir, guard: options.guard, clock: options.clock, undoLimit: options.undoLimit, watchDebounceMs: options.watchDebounceMs, createFolder: false })
    this.personasDir = this.folder.dir
    this.folder.loadNow()
  }

  // ---------------------------------------------------------------- reading

  /** Every persona file, sorted by name; unreadable files included, with `error`. */
  list(): PersonaSummary[] {
    return this.folder.index.list()
  }

  get(id: string): Result<PersonaRecord> {
    const got = this.folder.get(id)
    return got.ok ? { ok: true, value: { summary: got.value.summary, persona: got.value.value } } : got
  }

  /** The persona named `name` (case- and space-insensitive), as setups name them in `personas[].persona`. */
  findByName(name: string): PersonaRecord | undefined {
    const found = this.entryNamed(name)
    return found && { summary: this.folder.index.summary(found.id), persona: structuredClone(found.persona) }
  }

  /** Readable personas, by id. */
  readable(ids: readonly string[] | 'all'): Result<{ personas: Persona[]; skipped: string[] }> {
    const chosen = this.folder.readable(ids)
    return chosen.ok ? { ok: true, value: { personas: chosen.value.values, skipped: chosen.value.skipped } } : chosen
  }

  /** The readable persona with this name, if any (first by file name). */
  entryNamed(name: string): { id: string; persona: Persona; raw: string } | undefined {
    const key = setupNameKey(name)
    for (const entry of [...this.folder.index.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      if (entry.nameKey === key && entry.parsed.ok) return { id: entry.id, persona: entry.parsed.value, raw: entry.raw }
    }
    return undefined
  }

  /** Re-reads the folder (what the watcher does on any change). Reports whether anything changed. */
  reload(): Promise<boolean> {
    return this.folder.serial(async () => this.folder.loadNow())
  }

  // ---------------------------------------------------------------- writing

  save(input: { id?: string; persona: Record<string, unknown>; baseRevision?: string }): Promise<Result<SavePersonaResult>> {
    return this.folder.save(input.id, input.persona, input.baseRevision)
  }

  rename(id: string, name: string): Promise<Result<SavePersonaResult>> {
    return this.folder.rename(id, name)
  }

  /** A copy under `name`, by default "Copy of <name>" (then "Copy of <name> (2)", ...). */
  duplicate(id: string, name?: string): Promise<Result<SavePersonaResult>> {
    return this.folder.duplicate(id, name)
  }

  delete(ids: readonly string[]): Promise<Result<DeletePersonasResult>> {
    return this.folder.delete(ids)
  }

  /** Puts deleted personas back byte for byte (a taken name gets " (restored)", a taken file a free one). */
  restore(undoToken: string): Promise<Result<PersonaSummary[]>> {
    return this.folder.restore(undoToken)
  }

  // ---------------------------------------------------------------- watching

  /** Notices changes made on disk (git pull, an editor) and tells `on('changed')` listeners. */
  watch(): void {
    this.folder.watch()
  }

  on(event: 'changed', listener: () => void): () => void {
    return this.folder.on(event, (change) => {
      if (anyChange(change)) listener()
    })
  }

  close(): Promise<void> {
    return this.folder.close()
  }
}
