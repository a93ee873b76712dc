/**
 * The offline sandbox's rehearsal modes (latency, failures, rejected key,
 * short-lived tokens, clock skew): what main reports, and the settings form
 * the Sandbox panel edits. Apply sends the whole form; main validates again.
 */
import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import { NORMAL_SANDBOX_MODES, type SandboxModes } from '@shared/sandbox-api'
import type { Result, WorkbenchError } from '@shared/result'
import { getWorkbench } from '@renderer/bridge'
import { callBridge } from '@renderer/lib/call'
import { activeModeParts, formFieldOf, formToPatch, modesBadgeText, modesToForm, type ModesForm, type ModesFormErrors } from '@renderer/lib/sandbox-modes'

export const useSandboxStore = defineStore('sandbox', () => {
  const modes = ref<SandboxModes | null>(null)
  const form = reactive<ModesForm>(modesToForm(NORMAL_SANDBOX_MODES))
  const fieldErrors = ref<ModesFormErrors>({})
  /** A failure that belongs to no single field (main unreachable, …). */
  const error = ref<WorkbenchError | null>(null)
  const busy = ref(false)
  /** Set after Apply/Reset succeeded, for a short confirmation. */
  const saved = ref(false)

  const activeParts = computed(() => (modes.value ? activeModeParts(modes.value) : []))
  /** "latency 500 ms · 20% failures · …"; empty while the sandbox behaves normally. */
  const badgeText = computed(() => (modes.value ? modesBadgeText(modes.value) : ''))
  /** The form differs from what the sandbox runs with. */
  const dirty = computed(() => !!modes.value && JSON.stringify(modesToForm(modes.value)) !== JSON.stringify({ ...form }))

  function accept(next: SandboxModes) {
    modes.value = next
    Object.assign(form, modesToForm(next))
    fieldErrors.value = {}
    error.value = null
  }

  async function run(call: () => Promise<Result<SandboxModes>>): Promise<boolean> {
    busy.value = true
    saved.value = false
    try {
      const reply = await callBridge(call)
      if (reply.ok) {
        accept(reply.value)
        return true
      }
      const field = formFieldOf(reply.error.field)
      if (field) fieldErrors.value = { [field]: reply.error.message }
      else error.value = reply.error
      return false
    } finally {
      busy.value = false
    }
  }

  function load(): Promise<boolean> {
    return run(() => getWorkbench().sandbox.modes())
  }

  async function apply(): Promise<boolean> {
    const { patch, errors } = formToPatch(form)
    fieldErrors.value = errors
    if (!patch) return false
    error.value = null
    const done = await run(() => getWorkbench().sandbox.setModes(patch))
    saved.value = done
    return done
  }

  async function reset(): Promise<boolean> {
    const done = await run(() => getWorkbench().sandbox.resetModes())
    saved.value = done
    return done
  }

  function clearFieldError(field: keyof ModesForm) {
    if (fieldErrors.value[field]) fieldErrors.value = { ...fieldErrors.value, [field]: undefined }
    saved.value = false
  }

  return { modes, form, fieldErrors, error, busy, saved, activeParts, badgeText, dirty, load, apply, reset, clearFieldError }
})
