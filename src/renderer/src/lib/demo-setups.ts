/**
 * The offline sandbox's demo setups, asked of main once: two lists show them
 * at start (the empty Result pane and the Setups panel), and the demos do not
 * change while the app runs. Kept per bridge, so a swapped bridge (tests, the
 * browser harness) is asked again; a failed call is not kept, so the next
 * list to appear asks again.
 */
import type { DemoSetupView } from '@shared/discovery'
import type { WorkbenchApi } from '@shared/bridge'
import { getWorkbench } from '@renderer/bridge'
import { callBridge } from '@renderer/lib/call'

const asked = new WeakMap<WorkbenchApi, Promise<DemoSetupView[] | undefined>>()

/** The demos, or undefined when main could not list them. */
export function demoSetups(): Promise<DemoSetupView[] | undefined> {
  const api = getWorkbench()
  let reply = asked.get(api)
  if (!reply) {
    reply = callBridge(() => api.discovery.demos()).then((result) => {
      if (result.ok) return result.value
      asked.delete(api)
      return undefined
    })
    asked.set(api, reply)
  }
  return reply
}
