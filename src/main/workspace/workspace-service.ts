/**
 * What the renderer can do with the workspace, in one place: the setup files
 * (WorkspaceStore), imports staged between preview and apply, and the
 * environments an export carries or an import creates. Handlers call this;
 * it never sees an API key (environments are exported without them, and an
 * imported environment's key is asked for afterwards).
 */
import { exportableEnvironments, WorkspaceStore } from './workspace-store'
import { PendingImports } from './pending-imports'
import { parseImportOffThread } from './import-thread'
import { fail, ok, type Result } from '../../shared/result'
import type { ImportConflictPolicy, StagedImportPreview } from '../../shared/workspace'
import type { EnvironmentService } from '../environments/environment-service'
import type { WorkspaceState } from '../../shared/ipc-contract'
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

  state(): WorkspaceState {
    const problem = this.store.environmentsProblem()
    const base = { path: this.path, setups: this.store.list() }
    return problem ? { ...base, environmentsProblem: problem } : base
  }

  /** Opens another folder as the workspace: its setups and its environments. */
  async switchTo(dir: string): Promise<WorkspaceState> {
    const next = await WorkspaceService.open(dir, this.options.guard)
    const previous = this.store
    this.stopListening()
    this.store = next
    this.path = dir
    this.options.environmentsStore.swap(next.environmentsStore())
    this.options.environments.ensureSandbox()
    this.stopListening = this.listen()
    await previous.close()
    this.options.onChange('switched')
    return this.state()
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
