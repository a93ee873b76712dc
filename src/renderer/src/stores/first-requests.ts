/**
 * The first screen's requests to main, asked for in a task of their own
 * before the task that mounts the app (issue 15: no task over 100 ms before
 * the token form is usable). Creating the stores that ask and starting their
 * bridge calls was a third of the mount task: in browser mode each fetch()
 * costs the page 2-3 ms on this project's two-core machines. Split off, the
 * replies also travel while the first screen is built.
 *
 * main.ts asks first, and mounts once the answers are in (see there); App.vue
 * asks again as it is set up, which does nothing for a Pinia that has asked
 * already (a test that mounts App alone gets the requests then, as before).
 */
import { getActivePinia, type Pinia } from 'pinia'
import { useAppStore } from './app'
import { useEnvironmentsStore } from './environments'
import { useSandboxStore } from './sandbox'
import { useThemeStore } from './theme'

import { useSettingsStore } from './settings'

const asked = new WeakMap<Pinia, Promise<void>>()

/** Settles when every first request has its answer (or failed: each store keeps its own error). */
export function askFirstScreenRequests(pinia?: Pinia): Promise<void> {
  const environments = useEnvironmentsStore(pinia)
  // The Pinia the store came from (using a store makes its Pinia the active one), also when called from a component's setup without one.
  const owner = getActivePinia() as Pinia
  const already = asked.get(owner)
  if (already) return already
  // Applies the saved light/dark choice to the page from the start (it asks for the settings).
  useThemeStore(owner)
  const answered = Promise.allSettled([environments.load(), useAppStore(owner).load(), useSandboxStore(owner).load(), useSettingsStore(owner).load()]).then(() => undefined)
  asked.set(owner, answered)
  return answered
}
