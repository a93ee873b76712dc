/**
 * The first screen's requests to main, asked for in a task of their own
 * before the task that mounts the app (issue 15: no task over 100 ms before
 * the token form is usable). Creating the stores that ask and starting their
 * bridge calls was a third of the mount task: in browser mode each fetch()
 * costs the page 2-3 ms on this project's two-core machines. Split off, the
 * replies also travel while the first screen is built.
 *
 * main.ts asks first; App.vue asks again as it is set up, which does nothing
 * for a Pinia that has asked already (a test that mounts App alone gets the
 * requests then, as before).
 */
import { getActivePinia, type Pinia } from 'pinia'
import { useAppStore } from './app'
import { useEnvironmentsStore } from './environments'
import { useSandboxStore } from './sandbox'
import { useThemeStore } from './theme'

const asked = new WeakSet<Pinia>()

export function askFirstScreenRequests(pinia?: Pinia): void {
  const environments = useEnvironmentsStore(pinia)
  // The Pinia the store came from (using a store makes its Pinia the active one), also when called from a component's setup without one.
  const owner = getActivePinia() as Pinia
  if (asked.has(owner)) return
  asked.add(owner)
  void environments.load()
  void useAppStore(owner).load()
  void useSandboxStore(owner).load()
  // Applies the saved light/dark choice to the page from the start (it asks for the settings).
  useThemeStore(owner)
}
