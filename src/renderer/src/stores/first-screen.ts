/**
 * The first screen is drawn in two steps (issue 15: navigation to a usable
 * token form). The first step is what a user starts with: the sidebar's
 * environment list and details, the token form and the output pane. The
 * second waits until the environments are listed (the moment the form can be
 * used) and that screen has been painted:
 *   1. the form's checks (zod and the shared schemas, lib/form-checks.ts):
 *      fetched with the page (a modulepreload link), evaluated only now, so
 *      "Checking the form…" gives way to the form's verdict right after;
 *   2. then `shown` turns true: the sandbox's rehearsal panel (below the
 *      environment's details in the sidebar), the hidden sidebar panels
 *      (Setups, Personas) and the dialogs that are created at start.
 * Each lands in a task of its own after the form is usable instead of
 * lengthening the tasks before it. A failed listing counts as listed: the
 * second step must not wait for an answer that will not come.
 */
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { afterNextPaint } from '@renderer/lib/after-paint'
import { loadFormChecks } from '@renderer/lib/form-checks-loader'
import { putOff } from '@renderer/lib/lazy-component'
import { useEnvironmentsStore } from './environments'

/** Longest the second step waits for the checks (a slow fetch must not hold back the rest). */
const CHECKS_WAIT_MS = 500

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

export const useFirstScreenStore = defineStore('firstScreen', () => {
  const environments = useEnvironmentsStore()
  /** True once the form is usable, its checks have arrived and a frame has shown them. */
  const shown = ref(false)
  let started = false

  async function secondStep(): Promise<void> {
    // Out of the task that listed the environments, which is the one that made the form usable.
    await nextTask()
    let waited: ReturnType<typeof setTimeout> | undefined
    await Promise.race([loadFormChecks().catch(() => undefined), new Promise((resolve) => (waited = setTimeout(resolve, CHECKS_WAIT_MS)))])
    clearTimeout(waited)
    await afterNextPaint()
    shown.value = true
  }

  watch(
    () => environments.loaded || !!environments.lastError,
    (listed) => {
      if (!listed || started) return
      started = true
      void putOff(secondStep())
    },
    { immediate: true }
  )

  return { shown }
})
