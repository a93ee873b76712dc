/**
 * The workspace's personas (issue 12): one pretty-printed JSON file per
 * persona in `<workspace>/personas/`, beside `setups/`, so a team keeps them
 * in git with the setups that compare them.
 *
 * Same rules as the setup files (workspace-store.ts), at the scale personas
 * have (tens, not thousands, so the folder is simply re-read): a file that
 * cannot be read is listed with its error and never overwritten; a secret in
 * a file is ignored when read and dropped when written; every write is
 * atomic and goes through one queue (and, between processes, the folder's
 * write lock); a save names the revision it was made from, so a save over a
 * version changed on disk is refused; the file name follows the name. The
 * folder is created on the first write only: a workspace without personas
 * stays as it was.
 */
import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, type FSWatcher, watch as watchFs } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { fail, ok, type Result } from '../../shared/result'
import { sanitizeSecrets, type DroppedSecret } from '../../shared/secret-fields'
import { setupNameKey } from '../../shared/setup'
import { issueMessages, placedIssues, formatIssuePath } from '../../shared/validation-messages'
import { parsePersonaText, PERSONA_FORMAT_VERSION, personaSchema, serializePersona, type ParsedPersona, type Persona } from '../../shared/personas/persona'
import type { DeletePersonasResult, PersonaRecord, PersonaSummary, SavePersonaResult } from '../../shared/personas/persona-workspace'
import { isTempName, writeFileAtomic } from '../workspace/atomic-write'
import { fileStemFor, stemFitsName, stemKey, uniqueStem } from '../workspace/file-names'
import { FolderBusyError, withFolderLock } from '../workspace/folder-lock'
import { createSecretGuard, type SecretGuard } from '../workspace/secret-guard'
import { revisionOf, sortKeyOf } from '../workspace/workspace-store'

export const PERSONAS_FOLDER = 'personas'
/** A persona is a token body's user side: a few KB. Larger files are listed with an error, not read. */
export const MAX_PERSONA_FILE_BYTES = 1024 * 1024
const WRITE_LOCK_NAME = '.write.lock'

export interface PersonaStoreOptions {
  /** The workspace folder (personas live in its `personas/` folder). */
  dir: string
  guard?: SecretGuard
  clock?: () => Date
  undoLimit?: number
  /** Quiet time after a change on disk before the folder is re-read (default 150 ms). */
  watchDebounceMs?: number
}

interface Entry {
  id: string
  raw: string
  modifiedAt: string
  parsed: ParsedPersona
  nameKey?: string
  sortKey: string
}

type Failure = ReturnType<typeof fail>

function errorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException
  return e?.code ? `${e.code}: ${e.message}` : error instanceof Error ? error.message : String(error)
}

/** Dataset ids a persona's permissions name, in order, each once. */
export function datasetsOf(persona: Persona): string[] {
  const ids = (persona.token.permissions ?? []).flatMap((p) => (typeof p.dataset_id === 'string' ? [p.dataset_id] : p.dataset_id))
  return [...new Set(ids)]
}

function readFailure(message: string): ParsedPersona {
  return { ok: false, message, issues: [{ path: '', message }], dropped: [] }
}

export class PersonaStore {
  readonly dir: string
  readonly personasDir: string
  private readonly guard: SecretGuard
  private readonly clock: () => Date
  private readonly undoLimit: number
  private readonly debounceMs: number
  private entries = new Map<string, Entry>()
  private queue: Promise<unknown> = Promise.resolve()
  private readonly undo = new Map<string, Array<{ id: string; text: string }>>()
  private readonly listeners = new Set<() => void>()
  private watchers: FSWatcher[] = []
  private timer: NodeJS.Timeout | undefined
  private closed = false

  constructor(options: PersonaStoreOptions) {
    this.dir = options.dir
    this.personasDir = join(options.dir, PERSONAS_FOLDER)
    this.guard = options.guard ?? createSecretGuard()
    this.clock = options.clock ?? (() => new Date())
    this.undoLimit = options.undoLimit ?? 20
    this.debounceMs = options.watchDebounceMs ?? 150
    this.rescan()
  }

  // ---------------------------------------------------------------- reading

  /** Every persona file, sorted by name; unreadable files included, with `error`. */
  list(): PersonaSummary[] {
    const counts = new Map<string, number>()
    for (const e of this.entries.values()) if (e.nameKey) counts.set(e.nameKey, (counts.get(e.nameKey) ?? 0) + 1)
    return [...this.entries.values()]
      .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.id < b.id ? -1 : 1))
      .map((e) => this.summaryOf(e, (counts.get(e.nameKey ?? '') ?? 0) > 1))
  }

  get(id: string): Result<PersonaRecord> {
    const entry = this.entries.get(id)
    if (!entry) return this.notFound()
    if (!entry.parsed.ok) {
      return fail('INVALID_INPUT', `${PERSONAS_FOLDER}/${id}.json cannot be read: ${entry.parsed.message}`, {
        field: entry.parsed.issues[0]?.path || undefined,
        detail: entry.parsed.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('\n')
      })
    }
    return ok({ summary: this.summary(id), persona: structuredClone(entry.parsed.persona) })
  }

  /** The persona named `name` (case- and space-insensitive), as setups name them in `personas[].persona`. */
  findByName(name: string): PersonaRecord | undefined {
    const key = setupNameKey(name)
    for (const entry of [...this.entries.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      if (entry.nameKey === key && entry.parsed.ok) return { summary: this.summary(entry.id), persona: structuredClone(entry.parsed.persona) }
    }
    return undefined
  }

  /** Readable personas, by id. */
  readable(ids: readonly string[] | 'all'): Result<{ personas: Persona[]; skipped: string[] }> {
    const all = ids === 'all'
    const chosen = all ? this.list().map((s) => s.id) : ids
    const personas: Persona[] = []
    const skipped: string[] = []
    for (const id of chosen) {
      const entry = this.entries.get(id)
      if (!entry) return this.notFound()
      if (entry.parsed.ok) personas.push(entry.parsed.persona)
      else if (all) skipped.push(id)
      else return this.unreadable(entry)
    }
    return ok({ personas, skipped })
  }

  /** Re-reads the folder (what the watcher does on any change). Reports whether anything changed. */
  reload(): Promise<boolean> {
    return this.serial(async () => this.rescan())
  }

  // ---------------------------------------------------------------- writing

  save(input: { id?: string; persona: Record<string, unknown>; baseRevision?: string }): Promise<Result<SavePersonaResult>> {
    return this.serial(() => this.saveNow(input.id, input.persona, input.baseRevision))
  }

  rename(id: string, name: string): Promise<Result<SavePersonaResult>> {
    return this.serial(async () => {
      const entry = this.entries.get(id)
      if (!entry) return this.notFound()
      if (!entry.parsed.ok) return this.unreadable(entry)
      return this.saveNow(id, { ...entry.parsed.persona, name })
    })
  }

  /** A copy under `name`, by default "Copy of <name>" (then "Copy of <name> (2)", ...). */
  duplicate(id: string, name?: string): Promise<Result<SavePersonaResult>> {
    return this.serial(async () => {
      const entry = this.entries.get(id)
      if (!entry) return this.notFound()
      if (!entry.parsed.ok) return this.unreadable(entry)
      return this.saveNow(undefined, { ...entry.parsed.persona, name: name ?? this.freeName(`Copy of ${entry.parsed.persona.name}`) })
    })
  }

  delete(ids: readonly string[]): Promise<Result<DeletePersonasResult>> {
    return this.serial(async () => {
      if (ids.some((id) => !this.entries.has(id))) return this.notFound()
      const items: Array<{ id: string; text: string }> = []
      for (const id of ids) {
        const text = await readFile(this.pathOf(id), 'utf8').catch(() => (this.entries.get(id) as Entry).raw)
        try {
          await rm(this.pathOf(id), { force: true })
        } catch (error) {
          if (items.length) this.remember(items)
          return fail('INTERNAL', `${PERSONAS_FOLDER}/${id}.json could not be deleted: ${errorText(error)}`)
        }
        this.entries.delete(id)
        items.push({ id, text })
      }
      return ok({ undoToken: this.remember(items), deleted: [...ids] })
    })
  }

  /** Puts deleted personas back byte for byte (a taken name gets " (restored)", a taken file a free one). */
  restore(undoToken: string): Promise<Result<PersonaSummary[]>> {
    return this.serial(async () => {
      const items = this.undo.get(undoToken)
      if (!items) return fail('NOT_FOUND', 'There is nothing to undo: the deletion is too old or was already undone.')
      const restored: string[] = []
      for (const item of items) {
        let text = item.text
        const parsed = parsePersonaText(text)
        if (parsed.ok && this.nameTaken(parsed.persona.name)) text = serializePersona({ ...parsed.persona, name: this.freeName(`${parsed.persona.name} (restored)`) })
        const id = this.entries.has(item.id) || existsSync(this.pathOf(item.id)) ? this.allocateId(item.id) : item.id
        try {
          mkdirSync(this.personasDir, { recursive: true })
          await writeFileAtomic(this.pathOf(id), text)
        } catch (error) {
          return fail('INTERNAL', `${PERSONAS_FOLDER}/${id}.json could not be written: ${errorText(error)}`)
        }
        this.put(id, text, this.clock().toISOString())
        restored.push(id)
      }
      this.undo.delete(undoToken)
      return ok(restored.map((id) => this.summary(id)))
    })
  }

  // ---------------------------------------------------------------- watching

  /** Notices changes made on disk (git pull, an editor) and tells `on('changed')` listeners. */
  watch(): void {
    if (this.watchers.length || this.closed) return
    for (const path of [this.dir, this.personasDir]) {
      try {
        const watcher = watchFs(path, { persistent: false }, (_event, name) => {
          const file = name?.toString()
          if (path === this.dir && file !== undefined && file !== PERSONAS_FOLDER) return
          if (file !== undefined && (file.startsWith('.') || isTempName(file))) return
          this.schedule()
        })
        watcher.on('error', () => this.schedule())
        this.watchers.push(watcher)
      } catch {
        // personas/ does not exist yet: the root watcher sees it appear.
      }
    }
  }

  on(event: 'changed', listener: () => void): () => void {
    if (event !== 'changed') throw new TypeError(`Unknown event ${String(event)}`)
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async close(): Promise<void> {
    this.closed = true
    for (const watcher of this.watchers) watcher.close()
    this.watchers = []
    if (this.timer) clearTimeout(this.timer)
    await this.queue.catch(() => {})
  }

  // ---------------------------------------------------------------- internals used by import (persona-import.ts)

  /** Runs `task` in the store's write queue. */
  serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => {})
    return run
  }

  pathOf(id: string): string {
    return join(this.personasDir, `${id}.json`)
  }

  /** The readable persona with this name, if any (first by file name). */
  entryNamed(name: string): { id: string; persona: Persona; raw: string } | undefined {
    const key = setupNameKey(name)
    for (const entry of [...this.entries.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      if (entry.nameKey === key && entry.parsed.ok) return { id: entry.id, persona: entry.parsed.persona, raw: entry.raw }
    }
    return undefined
  }

  freeName(name: string, alsoTaken: (key: string) => boolean = () => false): string {
    const free = (n: string) => !this.nameTaken(n) && !alsoTaken(setupNameKey(n))
    if (free(name)) return name
    for (let n = 2; ; n++) if (free(`${name} (${n})`)) return `${name} (${n})`
  }

  allocateId(stem: string, alsoTaken: (key: string) => boolean = () => false): string {
    const keys = new Set([...this.entries.keys()].map(stemKey))
    return uniqueStem(stem, (candidate) => keys.has(stemKey(candidate)) || alsoTaken(stemKey(candidate)) || existsSync(this.pathOf(candidate)))
  }

  checkLeak(text: string): string | undefined {
    return this.guard.check(text)
  }

  put(id: string, raw: string, modifiedAt: string): void {
    const parsed = raw.length > MAX_PERSONA_FILE_BYTES ? readFailure(this.tooLarge(raw.length)) : safeParse(raw)
    const entry: Entry = { id, raw, modifiedAt, parsed, sortKey: sortKeyOf(parsed.ok ? parsed.persona.name : id) }
    if (parsed.ok) entry.nameKey = setupNameKey(parsed.persona.name)
    this.entries.set(id, entry)
  }

  forget(id: string): void {
    this.entries.delete(id)
  }

  summary(id: string): PersonaSummary {
    const entry = this.entries.get(id) as Entry
    let same = 0
    if (entry.nameKey) for (const e of this.entries.values()) if (e.nameKey === entry.nameKey) same++
    return this.summaryOf(entry, same > 1)
  }

  // ---------------------------------------------------------------- private

  private summaryOf(entry: Entry, duplicateName: boolean): PersonaSummary {
    const base = { id: entry.id, file: `${PERSONAS_FOLDER}/${entry.id}.json`, modifiedAt: entry.modifiedAt, revision: revisionOf(entry.raw) }
    const p = entry.parsed
    if (!p.ok) return { ...base, name: entry.id, userid: '', datasets: [], error: p.message, issues: p.issues }
    const persona = p.persona
    const summary: PersonaSummary = { ...base, name: persona.name, userid: persona.token.userid, datasets: datasetsOf(persona) }
    if (persona.description) summary.description = persona.description
    if (persona.token.clientid !== undefined) summary.clientid = persona.token.clientid
    if (p.dropped.length) summary.ignoredSecrets = p.dropped.map((d) => d.path)
    if (duplicateName) summary.duplicateName = true
    return summary
  }

  private tooLarge(bytes: number): string {
    return `The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; a persona is at most ${MAX_PERSONA_FILE_BYTES / 1024 / 1024} MB. It is not read and never overwritten.`
  }

  /** Reads the folder again; says whether anything changed. Synchronous: a persona folder holds tens of small files. */
  private rescan(): boolean {
    const before = new Map([...this.entries].map(([id, e]) => [id, e.raw]))
    const next = new Map<string, Entry>()
    let names: string[] = []
    try {
      names = readdirSync(this.personasDir)
    } catch {
      names = []
    }
    this.entries = next
    for (const name of names) {
      if (!name.endsWith('.json') || name.startsWith('.') || isTempName(name)) continue
      const id = name.slice(0, -'.json'.length)
      const path = this.pathOf(id)
      try {
        const stat = statSync(path)
        if (!stat.isFile()) continue
        const modifiedAt = stat.mtime.toISOString()
        if (stat.size > MAX_PERSONA_FILE_BYTES) {
          next.set(id, { id, raw: '', modifiedAt, parsed: readFailure(this.tooLarge(stat.size)), sortKey: sortKeyOf(id) })
          continue
        }
        this.put(id, readFileSync(path, 'utf8'), modifiedAt)
      } catch (error) {
        next.set(id, { id, raw: '', modifiedAt: this.clock().toISOString(), parsed: readFailure(`The file cannot be read (${errorText(error)}).`), sortKey: sortKeyOf(id) })
      }
    }
    if (before.size !== next.size) return true
    for (const [id, entry] of next) if (before.get(id) !== entry.raw) return true
    return false
  }

  private schedule(): void {
    if (this.closed) return
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = undefined
      void this.serial(async () => {
        if (this.closed) return
        // The folder may have appeared (first persona saved by git or another workbench): watch it too.
        if (this.watchers.length < 2 && existsSync(this.personasDir)) {
          for (const watcher of this.watchers) watcher.close()
          this.watchers = []
          this.watch()
        }
        if (this.rescan()) for (const listener of this.listeners) listener()
      })
    }, this.debounceMs)
  }

  private remember(items: Array<{ id: string; text: string }>): string {
    const token = randomUUID()
    this.undo.set(token, items)
    while (this.undo.size > this.undoLimit) this.undo.delete(this.undo.keys().next().value as string)
    return token
  }

  private notFound(): Failure {
    return fail('NOT_FOUND', 'That persona no longer exists; it may have been deleted or renamed on disk.')
  }

  private unreadable(entry: Entry): Failure {
    const message = entry.parsed.ok ? '' : entry.parsed.message
    return fail('CONFLICT', `${PERSONAS_FOLDER}/${entry.id}.json cannot be read (${message}); fix or delete the file. It is never overwritten.`)
  }

  private nameTaken(name: string, exceptId?: string): Entry | undefined {
    const key = setupNameKey(name)
    for (const entry of this.entries.values()) if (entry.id !== exceptId && entry.nameKey === key) return entry
    return undefined
  }

  private async saveNow(id: string | undefined, input: Record<string, unknown>, baseRevision?: string): Promise<Result<SavePersonaResult>> {
    const { value, dropped } = sanitizeSecrets({ ...input, formatVersion: input.formatVersion ?? PERSONA_FORMAT_VERSION })
    const parsed = personaSchema.safeParse(value)
    if (!parsed.success) {
      const first = placedIssues(parsed.error)[0]
      return fail('INVALID_INPUT', issueMessages(parsed.error)[0], { field: formatIssuePath(first.path) || undefined, detail: issueMessages(parsed.error).join('\n') })
    }
    const persona = parsed.data
    const existing = id === undefined ? undefined : this.entries.get(id)
    if (id !== undefined && !existing) return this.notFound()
    if (existing && !existing.parsed.ok) return this.unreadable(existing)
    const clash = this.nameTaken(persona.name, id)
    if (clash) return fail('CONFLICT', `A persona named "${persona.name}" already exists (${PERSONAS_FOLDER}/${clash.id}.json); choose another name.`, { field: 'name' })
    const text = serializePersona(persona)
    const leak = this.guard.check(text)
    if (leak) return fail('INVALID_INPUT', `The persona was not saved: ${leak}. Remove it from the persona's fields.`)
    try {
      mkdirSync(this.personasDir, { recursive: true })
      return await withFolderLock(join(this.personasDir, WRITE_LOCK_NAME), () => this.writeChecked(id, existing, persona, text, dropped, baseRevision))
    } catch (error) {
      return fail(error instanceof FolderBusyError ? 'CONFLICT' : 'INTERNAL', error instanceof FolderBusyError ? error.message : `The persona could not be saved: ${errorText(error)}`)
    }
  }

  private async writeChecked(
    id: string | undefined,
    existing: Entry | undefined,
    persona: Persona,
    text: string,
    dropped: DroppedSecret[],
    baseRevision: string | undefined
  ): Promise<Result<SavePersonaResult>> {
    if (existing) {
      const onDisk = await readFile(this.pathOf(existing.id), 'utf8').catch(() => undefined)
      const changedOnDisk = onDisk !== undefined && onDisk !== existing.raw
      const stale = baseRevision !== undefined ? revisionOf(onDisk ?? existing.raw) !== baseRevision : changedOnDisk
      if (stale) {
        if (changedOnDisk) this.put(existing.id, onDisk, this.clock().toISOString())
        if ((onDisk ?? existing.raw) === text && stemFitsName(existing.id, persona.name)) return ok({ summary: this.summary(existing.id), dropped })
        return fail(
          'CONFLICT',
          `"${persona.name}" was changed on disk since you opened it (by another save, another workbench, git or an editor); your version was not saved. Reload it, or save yours as a copy.`,
          { field: 'baseRevision', detail: `${PERSONAS_FOLDER}/${existing.id}.json is now at revision ${this.summary(existing.id).revision}; the save was made from ${baseRevision ?? 'the version read earlier'}.` }
        )
      }
    }
    const target = id !== undefined && stemFitsName(id, persona.name) ? id : this.allocateId(fileStemFor(persona.name))
    const result = (summary: PersonaSummary): Result<SavePersonaResult> => ok({ summary, dropped, ...(id !== undefined && target !== id ? { previousId: id } : {}) })
    if (existing && target === id && existing.raw === text) return result(this.summary(id))
    try {
      await writeFileAtomic(this.pathOf(target), text)
      if (id !== undefined && target !== id) await rm(this.pathOf(id), { force: true })
    } catch (error) {
      return fail('INTERNAL', `The persona could not be written to ${PERSONAS_FOLDER}/${target}.json: ${errorText(error)}`)
    }
    if (id !== undefined && target !== id) this.entries.delete(id)
    this.put(target, text, this.clock().toISOString())
    return result(this.summary(target))
  }
}

/** parsePersonaText, with a failure of the parser itself (hostile nesting) turned into a listed error. */
function safeParse(raw: string): ParsedPersona {
  try {
    return parsePersonaText(raw)
  } catch (error) {
    return readFailure(`The file could not be read as a persona (${error instanceof Error ? error.message : String(error)}).`)
  }
}
