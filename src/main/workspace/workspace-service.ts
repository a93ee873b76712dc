/**
 * What the renderer can do with the workspace, in one place: the setup files
 * (WorkspaceStore), imports staged between preview and apply, and the
 * environments an export carries or an import creates. Handlers call this;
 * it never sees an API key (environments are exported without them, and an
 * imported environment's key is asked for afterwards).
 */
import { randomBytes } from 'node:crypto'
import { readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { exportableEnvironments, SETUPS_FOLDER, WorkspaceStore, type LoadReport } from './workspace-store'
import { PendingImports } from './pending-imports'
import { parseImportOffThread } from './import-thread'
import { fail, ok, type Result } from '../../shared/result'
import type { ImportConflictPolicy, ImportReport, StagedImportPreview } from '../../shared/workspace'
import type { Persona } from '../../shared/personas/persona'
import type { Setup } from '../../shared/setup'
import { applyPersonaImport, personasNamedBy, previewPersonaImport } from '../personas/persona-transfer'
import type { EnvironmentService } from '../environments/environment-service'
import { WORKSPACE_STATE_ROWS, type WorkspaceState } from '../../shared/ipc-contract'
import type { WorkspaceChange } from '../../shared/workspace'
import type { DelegatingStore } from '../storage/delegating-store'
import type { SecretGuard } from './secret-guard'
import { PersonaStore } from '../personas/persona-store'

export interface WorkspaceServiceOptions {
  store: WorkspaceStore
  path: string
  environments: EnvironmentService
  /** Where EnvironmentService reads its records: repointed when the folder changes. */
  environmentsStore: DelegatingStore
  guard: SecretGuard
  /** Told when an import had to be parsed on the main thread (no worker could start). */
  onImportFallback?: (reason: string) => void
  /** Told of every change, on disk or from switching folders. */
  onChange: (change: WorkspaceChange | 'switched') => void
  /** Told when the personas changed on disk or the folder was switched (issue 12). */
  onPersonasChange?: () => void
}

function errorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException
  return e?.code ? `${e.code}: ${e.message}` : error instanceof Error ? error.message : String(error)
}

/** Whether the app can write in the folder (a probe file, removed at once). */
function writeProblem(dir: string): string | undefined {
  const probe = join(dir, `.workbench-probe-${process.pid}-${randomBytes(4).toString('hex')}.tmp`)
  try {
    writeFileSync(probe, '')
    return undefined
  } catch (error) {
    return `the app cannot write in it (${errorText(error)}).`
  } finally {
    rmSync(probe, { force: true })
  }
}

/** Up to this many setup files, the workspace is indexed before the app answers; beyond, in the background. */
export const SMALL_WORKSPACE = 500

function setupFileCount(dir: string): number {
  try {
    return readdirSync(join(dir, SETUPS_FOLDER)).length
  } catch {
    return 0
  }
}

/** Opens a workspace folder's persona store and watches it. */
function openPersonas(dir: string, guard: SecretGuard): PersonaStore {
  const store = new PersonaStore({ dir, guard })
  store.watch()
  return store
}

export class WorkspaceService {
  private readonly pending = new PendingImports()
  store: WorkspaceStore
  /** The workspace's personas/ folder (issue 12); switches with the folder. */
  personas: PersonaStore
  path: string
  private stopListening: () => void

  constructor(private readonly options: WorkspaceServiceOptions) {
    this.store = options.store
    this.path = options.path
    this.personas = openPersonas(options.path, options.guard)
    this.stopListening = this.listen()
  }

  static async open(dir: string, guard: SecretGuard): Promise<WorkspaceStore> {
    const store = await WorkspaceStore.open({ dir, guard })
    store.watch()
    return store
  }

  /**
   * Opens the workspace at start: a folder of up to SMALL_WORKSPACE setup
   * files is indexed before this resolves (as open() does: tens of
   * milliseconds); a larger one in the background, so the window is usable
   * at once and the setup list follows (its channels wait for the index).
   * `indexed` is set only when indexing goes on in the background; it
   * begins once `gate` resolves (the rest of start-up first).
   */
  static async openAtStart(dir: string, guard: SecretGuard, gate?: Promise<unknown>): Promise<{ store: WorkspaceStore; indexed?: Promise<LoadReport> }> {
    if (setupFileCount(dir) <= SMALL_WORKSPACE) return { store: await WorkspaceService.open(dir, guard) }
    const started = WorkspaceStore.start({ dir, guard }, gate)
    started.store.watch()
    return started
  }

  state(): WorkspaceState {
    const problem = this.store.environmentsProblem()
    // The first rows only: the renderer pages through the rest (workspace:page), so a change to a
    // 20,000-setup folder sends a few kilobytes instead of 6 MB.
    const base = { path: this.path, setups: this.store.page('', 0, WORKSPACE_STATE_ROWS).items, ...this.store.counts() }
    return problem ? { ...base, environmentsProblem: problem } : base
  }

  /**
   * Opens another folder as the workspace: its setups and its environments.
   * All or nothing: the folder is opened and checked in full first (it can be
   * created and written, its environments.json can be used); on any failure
   * the current workspace stays open, untouched, and the Result says why.
   */
  async switchTo(dir: string): Promise<Result<WorkspaceState>> {
    const keep = 'The current workspace stays open.'
    let next: WorkspaceStore
    try {
      next = await WorkspaceService.open(dir, this.options.guard)
    } catch (error) {
      return fail('INVALID_INPUT', `${dir} cannot be opened as a workspace (${errorText(error)}). ${keep}`)
    }
    const problem = writeProblem(dir) ?? next.environmentsProblem()
    if (problem) {
      await next.close()
      return fail('INVALID_INPUT', `${dir} cannot be opened as a workspace: ${problem} ${keep}`)
    }
    const previous = this.store
    this.options.environmentsStore.swap(next.environmentsStore())
    const sandbox = this.options.environments.ensureSandbox()
    if (!sandbox.ok) {
      this.options.environmentsStore.swap(previous.environmentsStore())
      await next.close()
      return fail('INVALID_INPUT', `${dir} cannot be opened as a workspace: ${sandbox.error.message} ${keep}`)
    }
    this.stopListening()
    const previousPersonas = this.personas
    this.store = next
    this.personas = openPersonas(dir, this.options.guard)
    this.path = dir
    this.stopListening = this.listen()
    await Promise.all([previous.close(), previousPersonas.close()])
    this.options.onChange('switched')
    this.options.onPersonasChange?.()
    return ok(this.state())
  }

  async close(): Promise<void> {
    this.stopListening()
    await Promise.all([this.store.close(), this.personas.close()])
  }

  private listen(): () => void {
    const stopSetups = this.store.on('changed', (change) => this.options.onChange(change))
    const stopPersonas = this.personas.on('changed', () => this.options.onPersonasChange?.())
    return () => {
      stopSetups()
      stopPersonas()
    }
  }

  /** A whole workspace's export carries every persona; chosen setups carry the personas they name (issue 12). */
  exportSetups(ids: string[] | 'all') {
    return this.store.exportSetups(ids, this.exportable(), this.personasFor(ids === 'all'))
  }

  shareText(id: string): Result<string> {
    return this.store.shareText(id, this.exportable(), this.personasFor(false))
  }

  private personasFor(all: boolean): (setups: readonly Setup[]) => Persona[] {
    return (setups) => {
      if (all) {
        const every = this.personas.readable('all')
        return every.ok ? every.value.personas : []
      }
      return personasNamedBy(this.personas, setups.flatMap((s) => (s.personas ?? []).map((p) => p.persona)))
    }
  }

  /** Parsed on a worker thread and checked a slice at a time: a 16 MB file keeps the main process responsive. */
  async previewImport(text: string, onConflict?: ImportConflictPolicy, renameEnvironments?: Record<string, string>): Promise<Result<StagedImportPreview>> {
    const parsed = await parseImportOffThread(text, { onFallback: this.options.onImportFallback })
    if (!parsed.ok) return fail('INVALID_INPUT', parsed.message, { field: parsed.field || undefined, detail: parsed.issues.map((i) => `${i.path || '(file)'}: ${i.message}`).join('\n') })
    const importId = this.pending.stage(parsed)
    const preview = await this.store.previewImport(parsed, { ...this.importEnvironments(), onConflict, renameEnvironments })
    const personas = parsed.document.personas?.length ? { personas: previewPersonaImport(this.personas, parsed.document.personas, onConflict) } : {}
    return ok({ ...preview, ...personas, importId, source: parsed.source })
  }

  /** Personas first, then setups; when the setups fail, the personas are put back: all or nothing. */
  async applyImport(importId: string, onConflict?: ImportConflictPolicy, renameEnvironments?: Record<string, string>): Promise<Result<ImportReport>> {
    const parsed = this.pending.get(importId)
    if (!parsed) return fail('NOT_FOUND', 'That import is no longer staged; choose the file or paste the text again.')
    const personas = parsed.document.personas ?? []
    const appliedPersonas = personas.length ? await applyPersonaImport(this.personas, personas, onConflict) : undefined
    if (appliedPersonas && !appliedPersonas.ok) return appliedPersonas
    const result = await this.store.applyImport(parsed, { ...this.importEnvironments(), onConflict, renameEnvironments })
    if (!result.ok) {
      await appliedPersonas?.value.undo()
      return result
    }
    this.pending.forget(importId)
    if (!appliedPersonas) return result
    const { items, counts, written } = appliedPersonas.value
    if (written.length) this.options.onPersonasChange?.()
    return ok({ ...result.value, personas: { items, counts }, writtenPersonas: written })
  }

  private exportable() {
    return exportableEnvironments(this.options.environments.state().environments)
  }

  /** The environments here, by name and domain: an import's environment with another domain under the same name is a conflict. */
  private importEnvironments() {
    const environments = this.options.environments.state().environments
    return { existingEnvironments: environments.map((e) => e.name), existingDomains: new Map(environments.map((e) => [e.name, e.domain])) }
  }

}
