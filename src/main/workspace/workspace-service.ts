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
import type { ImportConflictPolicy, StagedImportPreview } from '../../shared/workspace'
import type { EnvironmentService } from '../environments/environment-service'
import { WORKSPACE_STATE_ROWS, type WorkspaceState } from '../../shared/ipc-contract'
import type { WorkspaceChange } from '../../shared/workspace'
import type { DelegatingStore } from '../storage/delegating-store'
import type { SecretGuard } from './secret-guard'

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

export class WorkspaceService {
  private readonly pending = new PendingImports()
  store: WorkspaceStore
  path: string
  private stopListening: () => void

  constructor(private readonly options: WorkspaceServiceOptions) {
    this.store = options.store
    this.path = options.path
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
    this.store = next
    this.path = dir
    this.stopListening = this.listen()
    await previous.close()
    this.options.onChange('switched')
    return ok(this.state())
  }

  async close(): Promise<void> {
    this.stopListening()
    await this.store.close()
  }

  private listen(): () => void {
    return this.store.on('changed', (change) => this.options.onChange(change))
  }

  exportSetups(ids: string[] | 'all') {
    return this.store.exportSetups(ids, this.exportable())
  }

  shareText(id: string): Result<string> {
    return this.store.shareText(id, this.exportable())
  }

  /** Parsed on a worker thread and checked a slice at a time: a 16 MB file keeps the main process responsive. */
  async previewImport(text: string, onConflict?: ImportConflictPolicy): Promise<Result<StagedImportPreview>> {
    const parsed = await parseImportOffThread(text, { onFallback: this.options.onImportFallback })
    if (!parsed.ok) return fail('INVALID_INPUT', parsed.message, { field: parsed.field || undefined, detail: parsed.issues.map((i) => `${i.path || '(file)'}: ${i.message}`).join('\n') })
    const importId = this.pending.stage(parsed)
    const preview = await this.store.previewImport(parsed, { existingEnvironments: this.environmentNames(), onConflict })
    return ok({ ...preview, importId, source: parsed.source })
  }

  async applyImport(importId: string, onConflict?: ImportConflictPolicy) {
    const parsed = this.pending.get(importId)
    if (!parsed) return fail('NOT_FOUND', 'That import is no longer staged; choose the file or paste the text again.')
    const result = await this.store.applyImport(parsed, { existingEnvironments: this.environmentNames(), onConflict })
    if (result.ok) this.pending.forget(importId)
    return result
  }

  private exportable() {
    return exportableEnvironments(this.options.environments.state().environments)
  }

  private environmentNames(): string[] {
    return this.options.environments.state().environments.map((e) => e.name)
  }
}
