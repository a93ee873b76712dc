/**
 * What the setups list does to files, beside opening one: rename,
 * duplicate, delete (with Undo), export, share text. The setups store
 * composes these; they report through its toast and error.
 */
import { ref, type Ref, type ShallowRef } from 'vue'
import type { ExportedFile, WorkspaceState } from '@shared/ipc-contract'
import type { Result, WorkbenchError } from '@shared/result'
import { describeDropped, type DroppedSecret } from '@shared/secret-fields'
import type { Setup } from '@shared/setup'
import type { SaveSetupResult, SetupSummary } from '@shared/workspace'
import type { ShareSummary } from '@shared/share-summary'
import { lazyModule } from '@renderer/lib/lazy-component'
import { getWorkbench } from '@renderer/bridge'
import { callBridge } from '@renderer/lib/call'
import type { createToasts } from './setups-toasts'

export function describeDroppedList(dropped: readonly DroppedSecret[]): string[] {
  return dropped.map(describeDropped)
}

export interface ListActionContext {
  workspace: Ref<WorkspaceState | null>
  /** A row of the list by id, when it is loaded (the one a user acts on is). */
  findRow(id: string): SetupSummary | undefined
  currentId: Ref<string | null>
  saved: ShallowRef<Setup | null>
  actionError: Ref<WorkbenchError | null>
  toasts: ReturnType<typeof createToasts>
  run<T>(call: () => Promise<Result<T>>): Promise<Result<T>>
  load(): Promise<void>
  adopt(id: string, setup: Setup, modifiedAt: string, revision?: string, summary?: SetupSummary): void
  /** The open setup was deleted: the form stays, as a draft. */
  closeDeleted(): void
  rememberLast(id: string | null): void
}

export function createListActions(ctx: ListActionContext) {
  const api = () => getWorkbench().workspace
  const { showToast } = ctx.toasts

  async function rename(id: string, name: string): Promise<Result<SaveSetupResult>> {
    const result = await ctx.run(() => api().rename({ id, name }))
    if (!result.ok) return result
    if (id === ctx.currentId.value) {
      const record = await callBridge(() => api().get({ id: result.value.summary.id }))
      if (record.ok && ctx.saved.value) {
        // Only the name changed: the form's edits (if any) stay edits.
        ctx.adopt(result.value.summary.id, { ...ctx.saved.value, name: record.value.setup.name }, record.value.summary.modifiedAt, record.value.summary.revision, record.value.summary)
        ctx.rememberLast(result.value.summary.id)
      }
    }
    await ctx.load()
    return result
  }

  async function duplicate(id: string): Promise<Result<SaveSetupResult>> {
    const result = await ctx.run(() => api().duplicate({ id }))
    if (!result.ok) {
      ctx.actionError.value = result.error
      return result
    }
    showToast(`Duplicated as "${result.value.summary.name}".`)
    await ctx.load()
    return result
  }

  /** Deletes a setup; the toast offers Undo. The open setup's form stays, as a draft. */
  async function remove(id: string): Promise<boolean> {
    const summary = ctx.findRow(id)
    const result = await ctx.run(() => api().remove({ ids: [id] }))
    if (!result.ok) {
      ctx.actionError.value = result.error
      return false
    }
    if (id === ctx.currentId.value) ctx.closeDeleted()
    showToast(`Deleted "${summary?.name ?? id}".`, { undoToken: result.value.undoToken })
    await ctx.load()
    return true
  }

  async function undoDelete(): Promise<void> {
    const token = ctx.toasts.toast.value?.undoToken
    if (!token) return
    ctx.toasts.dismissToast()
    const result = await ctx.run(() => api().restore({ undoToken: token }))
    if (!result.ok) {
      ctx.actionError.value = result.error
      return
    }
    showToast(result.value.length === 1 ? `Restored "${result.value[0].name}".` : `Restored ${result.value.length} setups.`)
    await ctx.load()
  }

  async function exportSetups(ids: string[] | 'all'): Promise<Result<ExportedFile>> {
    const result = await ctx.run(() => api().exportSetups({ ids }))
    if (!result.ok) {
      ctx.actionError.value = result.error
      return result
    }
    const { fileName, dropped, skipped } = result.value
    const details = [...describeDroppedList(dropped), ...skipped.map((id) => `Left out setups/${id}.json: it cannot be read.`)]
    showToast(`Exported ${fileName}.${dropped.length ? ' Secrets were left out.' : ' It carries no API keys.'}`, {
      kind: details.length ? 'warning' : 'info',
      details
    })
    return result
  }

  // Reading a share text back (the export reader and its schemas) is only needed once one is asked for.
  const shareSummary = lazyModule(() => import('@shared/share-summary'))

  /** The share text waiting to be copied, with what it holds in words (issue 11: read before copying). */
  const shareDialog = ref<{ setupName: string; text: string; summary: ShareSummary } | null>(null)

  async function copyShareText(id: string): Promise<void> {
    const result = await ctx.run(() => api().shareText({ id }))
    if (!result.ok) {
      ctx.actionError.value = result.error
      return
    }
    const read = (await shareSummary()).summarizeShareText(result.value.text)
    const setupName = ctx.workspace.value?.setups.find((s) => s.id === id)?.name ?? id
    // Main made it, so it reads; if not, the blob is still offered, with the reason in place of the summary.
    const summary: ShareSummary = read.ok ? read.summary : { headline: read.message, lines: [] }
    shareDialog.value = { setupName, text: result.value.text, summary }
  }

  /** Copies the text (with its summary as `# ` lines above it, when asked) and closes the dialog. */
  async function copyShare(withSummary: boolean): Promise<void> {
    const open = shareDialog.value
    if (!open) return
    try {
      const text = withSummary ? (await shareSummary()).shareTextWithSummary(open.text, open.summary) : open.text
      await navigator.clipboard.writeText(text)
      shareDialog.value = null
      showToast(`Shareable text copied${withSummary ? ' with its summary' : ''}: paste it into a ticket; it carries no API key.`)
    } catch (error) {
      showToast(`The clipboard refused the text: ${error instanceof Error ? error.message : String(error)}`, { kind: 'error' })
    }
  }

  return { rename, duplicate, remove, undoDelete, exportSetups, copyShareText, shareDialog, copyShare }
}
