/**
 * Unsaved work survives a reload, a closed window or a crash: while the form
 * is modified, main keeps it (drafts:put, a short while after the last
 * edit); once it is saved or discarded, the kept draft goes. At start the
 * setups store asks for it first (drafts:get) and brings it back.
 *
 * Nothing is kept before that first look, or a fresh page's empty form
 * would replace the draft it is about to restore.
 */
import { watch, type ComputedRef, type Ref } from 'vue'
import type { Draft, KeptDraft } from '@shared/draft'
import type { WorkbenchError } from '@shared/result'
import { getWorkbench } from '@renderer/bridge'
import { callBridge } from '@renderer/lib/call'
import type { FormSnapshot } from '@renderer/lib/setup-form'

export const DRAFT_DELAY_MS = 300

export interface DraftSource {
  snapshot: ComputedRef<FormSnapshot>
  modified: ComputedRef<boolean>
  currentId: Ref<string | null>
  draftName: Ref<string>
  environmentName: ComputedRef<string>
}

/** A plain copy of the form without unset widget values (main's schema takes texts and booleans). */
function plainForm(snapshot: FormSnapshot): Draft['form'] {
  const widgetValues: Draft['form']['widgetValues'] = {}
  for (const [id, values] of Object.entries(snapshot.widgetValues)) {
    widgetValues[id] = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Record<string, string | boolean>
  }
  return JSON.parse(JSON.stringify({ ...snapshot, widgetValues })) as Draft['form']
}

export function keepDrafts(source: DraftSource) {
  const api = () => getWorkbench().drafts
  let timer: ReturnType<typeof setTimeout> | undefined
  let started = false
  /** Main holds a draft (so "not modified" has something to clear). */
  let held = false
  /** Why the last draft was refused (it held a key or a token). */
  let refused: WorkbenchError | null = null

  function current(): Draft {
    return {
      setupId: source.currentId.value,
      draftName: source.draftName.value.slice(0, 500),
      environment: source.environmentName.value.slice(0, 80),
      form: plainForm(source.snapshot.value)
    }
  }

  async function flush(): Promise<void> {
    clearTimeout(timer)
    timer = undefined
    if (!started) return
    if (source.modified.value) {
      const result = await callBridge(() => api().put(current()))
      held = result.ok
      refused = result.ok ? null : result.error
    } else if (held) {
      held = false
      await callBridge(() => api().clear())
    }
  }

  watch(
    () => [source.modified.value, source.snapshot.value, source.currentId.value] as const,
    () => {
      if (!started) return
      clearTimeout(timer)
      timer = setTimeout(() => void flush(), DRAFT_DELAY_MS)
    },
    { deep: true }
  )

  /** The draft kept from the last session (once); from then on, edits are kept. */
  async function take(): Promise<KeptDraft | null> {
    const result = await callBridge(() => api().get())
    held = result.ok && result.value !== null
    return result.ok ? result.value : null
  }

  function begin(): void {
    started = true
    void flush()
  }

  return { take, begin, flush, refusedReason: () => refused }
}
