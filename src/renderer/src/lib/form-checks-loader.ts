/**
 * Where the first screen finds its checks (form-checks.ts, with zod and the
 * shared schemas), which are not part of its JavaScript (issue 15). The page
 * fetches the chunk as it starts (modulepreload links), and the first screen's
 * second step (stores/first-screen.ts) evaluates it right after the form is
 * usable; `formChecks` is undefined until then, and computeds that read it
 * run again then. Until then a store reports CHECKING_FORM instead of a
 * verdict: nothing can be sent or saved, and nothing counts as modified.
 * Actions that need a verdict await loadFormChecks() first.
 */
import { shallowRef } from 'vue'
import { lazyModule } from './lazy-component'

export type FormChecks = typeof import('./form-checks')

/** What the form says while its checks are on their way. */
export const CHECKING_FORM = 'Checking the form…'

export const formChecks = shallowRef<FormChecks>()

const fetchChecks = lazyModule(() => import('./form-checks'))

/** The checks, fetched once (a failed fetch is tried once more). */
export async function loadFormChecks(): Promise<FormChecks> {
  if (formChecks.value) return formChecks.value
  let checks: FormChecks
  try {
    checks = await fetchChecks()
  } catch {
    checks = await fetchChecks()
  }
  formChecks.value = checks
  return checks
}
