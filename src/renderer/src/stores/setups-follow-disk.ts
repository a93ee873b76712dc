/**
 * Following the open setup's file when it changes on disk (main's
 * `workspace:changed`): gone, it stays in the form as a draft; changed and
 * not edited here, the form shows the new version; changed while edited
 * here, the edits stay and Save knowingly overwrites the new version.
 */
import type { ComputedRef, Ref, ShallowRef } from 'vue'
import type { Setup } from '@shared/setup'
import { serializeSetup } from '@shared/setup-text'
import type { SetupSummary } from '@shared/workspace'
import { getWorkbench } from '@renderer/bridge'
import { callBridge } from '@renderer/lib/call'
import type { OpenFileVersion, SetupNotice } from './setups-types'

export interface FollowDiskContext {
  currentId: Ref<string | null>
  saved: ShallowRef<Setup | null>
  currentSummary: ShallowRef<SetupSummary | undefined>
  file: OpenFileVersion
  modified: ComputedRef<boolean>
  notice: Ref<SetupNotice | null>
  detach(name: string): void
  adopt(id: string, setup: Setup, modifiedAt: string, revision: string | undefined, summary?: SetupSummary): void
  applySetupToForm(setup: Setup): Promise<string[]>
}

export async function followDiskChanges(ctx: FollowDiskContext): Promise<void> {
  const api = () => getWorkbench().workspace
  const id = ctx.currentId.value
  const base = ctx.saved.value
  if (!id || !base) return
  const found = await callBridge(() => api().summaries({ ids: [id] }))
  if (!found.ok || ctx.currentId.value !== id) return
  const summary = found.value[0] ?? undefined
  if (summary) ctx.currentSummary.value = summary
  if (!summary) {
    ctx.detach(base.name)
    ctx.notice.value = { kind: 'disk-removed', message: `"${base.name}" was deleted or renamed on disk. The form keeps it: Save writes it again.` }
    return
  }
  if (summary.modifiedAt === ctx.file.modifiedAt) return
  ctx.file.modifiedAt = summary.modifiedAt
  if (summary.error) {
    ctx.notice.value = { kind: 'disk-changed', message: `"${base.name}" was changed on disk and cannot be read now (${summary.error}). The form keeps what it had.` }
    return
  }
  const record = await callBridge(() => api().get({ id }))
  if (!record.ok || ctx.currentId.value !== id) return
  if (serializeSetup(record.value.setup) === serializeSetup(base)) return
  if (!ctx.modified.value) {
    ctx.adopt(id, record.value.setup, record.value.summary.modifiedAt, record.value.summary.revision, record.value.summary)
    await ctx.applySetupToForm(record.value.setup)
    ctx.notice.value = { kind: 'disk-changed', message: `"${record.value.setup.name}" was changed on disk; the form now shows the new version.` }
  } else {
    // The user is told below that Save overwrites this version: a save from here on is made knowingly.
    ctx.saved.value = record.value.setup
    ctx.file.revision = record.value.summary.revision
    ctx.notice.value = {
      kind: 'disk-changed',
      message: `"${record.value.setup.name}" was changed on disk. Your unsaved edits are kept: Save overwrites the file, or load the file's version.`
    }
  }
}
