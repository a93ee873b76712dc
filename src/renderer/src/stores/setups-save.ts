/**
 * Saving the open setup: Save (over its file, naming the revision it was
 * made from), Save as (a new file), and what to do when a save was refused
 * because the file changed on disk meanwhile (reload, overwrite, copy).
 */
import type { ComputedRef, Ref, ShallowRef } from 'vue'
import { fail, type Result, type WorkbenchError } from '@shared/result'
import type { Setup } from '@shared/setup'
import { setupNameKey } from '@shared/setup-text'
import type { SaveSetupResult, SetupSummary } from '@shared/workspace'
import { getWorkbench } from '@renderer/bridge'
import { callBridge } from '@renderer/lib/call'
import { formChecks, loadFormChecks } from '@renderer/lib/form-checks-loader'
import { setupFromForm, type FormSnapshot } from '@renderer/lib/setup-form'
import { describeDroppedList } from './setups-list-actions'
import type { createToasts } from './setups-toasts'
import type { ConflictChoice, OpenFileVersion, SaveConflict, SetupNotice } from './setups-types'

export interface SaveContext {
  snapshot: ComputedRef<FormSnapshot>
  environmentName: ComputedRef<string>
  currentId: Ref<string | null>
  saved: ShallowRef<Setup | null>
  file: OpenFileVersion
  conflict: Ref<SaveConflict | null>
  notice: Ref<SetupNotice | null>
  actionError: Ref<WorkbenchError | null>
  toasts: ReturnType<typeof createToasts>
  /** The rows the list has loaded (names taken, when main cannot be asked). */
  loadedRows(): readonly SetupSummary[]
  run<T>(call: () => Promise<Result<T>>): Promise<Result<T>>
  load(): Promise<void>
  adopt(id: string, setup: Setup, modifiedAt: string, revision: string | undefined, summary?: SetupSummary): void
  /** Shows the file's version again (the form's edits dropped). */
  revert(): Promise<void>
  rememberLast(id: string | null): void
}

export function createSaveActions(ctx: SaveContext) {
  const api = () => getWorkbench().workspace
  const { conflict, notice, actionError } = ctx

  function build(name: string): Result<Setup> {
    const saved = ctx.saved.value
    const built = setupFromForm(ctx.snapshot.value, { name, environment: ctx.environmentName.value, notes: saved?.notes, personas: saved?.personas })
    if (!built.ok) return fail('INVALID_INPUT', `The setup cannot be saved yet: ${built.problems[0]}`)
    return { ok: true, value: built.setup }
  }

  async function afterSave(result: SaveSetupResult, fallback: Setup): Promise<void> {
    const record = await callBridge(() => api().get({ id: result.summary.id }))
    ctx.adopt(
      result.summary.id,
      record.ok ? record.value.setup : fallback,
      record.ok ? record.value.summary.modifiedAt : result.summary.modifiedAt,
      record.ok ? record.value.summary.revision : result.summary.revision,
      record.ok ? record.value.summary : result.summary
    )
    notice.value = null
    conflict.value = null
    actionError.value = null
    if (result.dropped.length) {
      ctx.toasts.showToast(`Saved "${fallback.name}" without the secrets it contained.`, { kind: 'warning', details: describeDroppedList(result.dropped) })
    } else {
      ctx.toasts.showToast(`Saved "${fallback.name}".`)
    }
    ctx.rememberLast(result.summary.id)
    await ctx.load()
  }

  /** Saves the open setup under its name; a draft needs saveAs. */
  async function save(): Promise<Result<SaveSetupResult>> {
    const id = ctx.currentId.value
    const saved = ctx.saved.value
    if (!id || !saved) return fail('INVALID_INPUT', 'Give the setup a name first.', { field: 'name' })
    if (!formChecks.value) await loadFormChecks()
    const built = build(saved.name)
    if (!built.ok) {
      actionError.value = built.error
      return built
    }
    const baseRevision = ctx.file.revision
    const result = await ctx.run(() => api().save({ id, setup: built.value, ...(baseRevision ? { baseRevision } : {}) }))
    if (!result.ok) {
      if (result.error.code === 'CONFLICT' && result.error.field === 'baseRevision') {
        // Nothing was written: the user chooses (load theirs, overwrite with mine, save mine as a copy).
        conflict.value = { message: result.error.message, busy: false }
        await ctx.load()
        // The conflict box says it all (and offers the ways on); no second note about the same change.
        if (notice.value?.kind === 'disk-changed') notice.value = null
        return result
      }
      actionError.value = result.error
      // Main reloaded a file changed on disk: follow it, so the next Save overwrites knowingly.
      if (result.error.code === 'CONFLICT') await ctx.load()
      return result
    }
    await afterSave(result.value, built.value)
    return result
  }

  /** Saves the form as a new setup named `name`, and opens it. */
  async function saveAs(name: string): Promise<Result<SaveSetupResult>> {
    if (!formChecks.value) await loadFormChecks()
    const built = build(name.trim())
    if (!built.ok) return built
    const result = await ctx.run(() => api().save({ setup: built.value }))
    if (!result.ok) return result
    await afterSave(result.value, built.value)
    return result
  }

  /**
   * What to do after a save was refused as a conflict: 'reload' shows the
   * file's version (the form's edits are dropped), 'overwrite' saves the
   * form over that version (knowingly), 'copy' saves the form as a new
   * setup next to it.
   */
  async function resolveConflict(choice: ConflictChoice): Promise<Result<unknown>> {
    const current = conflict.value
    const id = ctx.currentId.value
    const saved = ctx.saved.value
    if (!current || current.busy || !id || !saved) return fail('NOT_FOUND', 'There is no save conflict to resolve.')
    conflict.value = { ...current, busy: true }
    let result: Result<unknown>
    if (choice === 'reload') {
      await ctx.revert()
      result = { ok: true, value: undefined }
    } else if (choice === 'copy') {
      // Every setup named "<name> (my copy…" holds these words: one search finds the names taken.
      const similar = await callBridge(() => api().page({ query: `${saved.name} (my copy`.slice(0, 500), offset: 0, limit: 500 }))
      const taken = new Set((similar.ok ? similar.value.items : ctx.loadedRows()).map((s) => setupNameKey(s.name)))
      let name = `${saved.name} (my copy)`
      for (let n = 2; taken.has(setupNameKey(name)); n++) name = `${saved.name} (my copy ${n})`
      result = await saveAs(name)
    } else {
      const record = await ctx.run(() => api().get({ id }))
      if (record.ok) ctx.file.revision = record.value.summary.revision
      result = record.ok ? await save() : record
      if (!record.ok) actionError.value = record.error
    }
    // Success clears the conflict (afterSave, revert); a new conflict replaced it; otherwise it stays, to try again.
    if (conflict.value?.busy) conflict.value = { ...conflict.value, busy: false }
    return result
  }

  function dismissConflict(): void {
    conflict.value = null
  }

  return { save, saveAs, resolveConflict, dismissConflict }
}
