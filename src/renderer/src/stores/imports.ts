/**
 * Importing setups: a file (picked or dropped, refused by its size before it
 * is read) or pasted share text goes to main for a preview — what would be
 * added, replaced, left unchanged or skipped, the secrets dropped, the
 * environments missing — and only Apply writes anything. A refusal names
 * the field and changes nothing.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { WorkbenchError } from '@shared/result'
import type { ImportConflictPolicy, ImportCounts, StagedImportPreview } from '@shared/workspace'
import { getWorkbench } from '@renderer/bridge'
import { callBridge } from '@renderer/lib/call'
import { readImportFile, type ImportFileLike } from '@renderer/lib/import-file'
import { useSetupsStore } from './setups'
import { usePersonasStore } from './personas'

export const DEFAULT_CONFLICT_POLICY: ImportConflictPolicy = 'replace'

export const useImportsStore = defineStore('imports', () => {
  /** What is being imported, in words ("acme.export.json", "pasted text"). */
  const source = ref('')
  const preview = ref<StagedImportPreview | null>(null)
  const policy = ref<ImportConflictPolicy>(DEFAULT_CONFLICT_POLICY)
  /** Why the file or text was refused (nothing changed). */
  const refusal = ref<WorkbenchError | null>(null)
  /** A failure while the preview is open (apply, a new policy). */
  const dialogError = ref<WorkbenchError | null>(null)
  const busy = ref(false)
  let text = ''

  async function stage(input: string, label: string): Promise<boolean> {
    busy.value = true
    try {
      const result = await callBridge(() => getWorkbench().workspace.previewImport({ text: input, onConflict: policy.value }))
      if (!result.ok) {
        refusal.value = { ...result.error, message: `${label} was not imported: ${result.error.message}` }
        return false
      }
      text = input
      source.value = label
      preview.value = result.value
      refusal.value = null
      dialogError.value = null
      return true
    } finally {
      busy.value = false
    }
  }

  /** Checks the size, reads the file, and previews it. */
  async function fromFile(file: ImportFileLike): Promise<boolean> {
    refusal.value = null
    policy.value = DEFAULT_CONFLICT_POLICY
    const read = await readImportFile(file)
    if (!read.ok) {
      refusal.value = { code: 'INVALID_INPUT', message: read.message }
      return false
    }
    return stage(read.text, read.name)
  }

  /** Share text (qwb1.…) or export JSON pasted by the user. */
  async function fromText(input: string): Promise<boolean> {
    refusal.value = null
    policy.value = DEFAULT_CONFLICT_POLICY
    if (!input.trim()) {
      refusal.value = { code: 'INVALID_INPUT', message: 'Paste the shareable text (it starts with "qwb1.") or an export first.' }
      return false
    }
    return stage(input, 'pasted text')
  }

  /** Previews again with another conflict policy. */
  async function setPolicy(next: ImportConflictPolicy): Promise<void> {
    policy.value = next
    if (!preview.value) return
    await refresh()
  }

  /** Previews the same input again (after an environment was created, or a new policy). */
  async function refresh(): Promise<void> {
    if (!preview.value) return
    busy.value = true
    try {
      const result = await callBridge(() => getWorkbench().workspace.previewImport({ text, onConflict: policy.value }))
      if (result.ok) {
        preview.value = result.value
        dialogError.value = null
      } else {
        dialogError.value = result.error
      }
    } finally {
      busy.value = false
    }
  }

  async function apply(): Promise<boolean> {
    const staged = preview.value
    if (!staged || busy.value) return false
    busy.value = true
    try {
      const result = await callBridge(() => getWorkbench().workspace.applyImport({ importId: staged.importId, onConflict: policy.value }))
      if (!result.ok) {
        dialogError.value = result.error
        return false
      }
      const words = (c: ImportCounts) =>
        [
          c.add && `${c.add} added`,
          c.replace && `${c.replace} replaced`,
          c.rename && `${c.rename} kept as ${c.rename === 1 ? 'a copy' : 'copies'}`,
          c.unchanged && `${c.unchanged} unchanged`,
          c.skip && `${c.skip} skipped`
        ].filter(Boolean)
      const parts = result.value.items.length || !result.value.personas ? words(result.value.counts) : []
      // Personas the file carried (issue 12), said apart from the setups.
      const personaParts = result.value.personas ? words(result.value.personas.counts) : []
      const text = [parts.length ? parts.join(', ') : '', personaParts.length ? `personas ${personaParts.join(', ')}` : ''].filter(Boolean).join('; ')
      const setups = useSetupsStore()
      setups.showToast(`Imported from ${source.value}: ${text || 'nothing to do'}.`, {
        kind: result.value.notices.length ? 'warning' : 'info',
        details: result.value.notices
      })
      close()
      await setups.load()
      if (result.value.personas) await usePersonasStore().load()
      return true
    } finally {
      busy.value = false
    }
  }

  function close(): void {
    preview.value = null
    dialogError.value = null
    text = ''
    source.value = ''
  }

  function clearRefusal(): void {
    refusal.value = null
  }

  return { source, preview, policy, refusal, dialogError, busy, fromFile, fromText, setPolicy, refresh, apply, close, clearRefusal }
})
