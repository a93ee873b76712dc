/**
 * The unsaved-changes guard: before the form is replaced (open another
 * setup, new, another folder, re-run), a modified form asks Save, Discard or
 * Cancel. The dialog (SetupUnsavedDialog.vue) shows `unsaved` and answers.
 */
import { ref, type ComputedRef } from 'vue'
import type { Result } from '@shared/result'
import type { UnsavedChoice, UnsavedPrompt } from './setups-types'

export interface UnsavedGuardContext {
  modified: ComputedRef<boolean>
  /** The open setup's name (or the draft's), and whether Save needs one (a draft). */
  describe(): { name: string; needsName: boolean }
  save(): Promise<Result<unknown>>
  saveAs(name: string): Promise<Result<unknown>>
}

export function createUnsavedGuard(ctx: UnsavedGuardContext) {
  const unsaved = ref<UnsavedPrompt | null>(null)
  let unsavedResolve: ((proceed: boolean) => void) | null = null

  /** True when it is fine to replace the form: nothing unsaved, or the user chose Save (and it worked) or Discard. */
  function confirmLeave(): Promise<boolean> {
    if (!ctx.modified.value) return Promise.resolve(true)
    unsavedResolve?.(false)
    unsaved.value = { ...ctx.describe(), busy: false, error: null }
    return new Promise((resolve) => {
      unsavedResolve = resolve
    })
  }

  async function answerUnsaved(choice: UnsavedChoice, name?: string): Promise<void> {
    const prompt = unsaved.value
    if (!prompt || !unsavedResolve || prompt.busy) return
    if (choice === 'save') {
      unsaved.value = { ...prompt, busy: true, error: null }
      const result = prompt.needsName ? await ctx.saveAs(name ?? '') : await ctx.save()
      if (!result.ok) {
        unsaved.value = { ...prompt, busy: false, error: result.error }
        return
      }
    }
    const resolve = unsavedResolve
    unsavedResolve = null
    unsaved.value = null
    resolve(choice !== 'cancel')
  }

  return { unsaved, confirmLeave, answerUnsaved }
}
