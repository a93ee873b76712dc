/**
 * The renderer's one door to main. Stores call getWorkbench(); nothing else
 * touches window.workbench, so a test can hand in a fake with setWorkbench().
 */
import type { WorkbenchApi } from '@shared/bridge'

let override: WorkbenchApi | undefined

export function getWorkbench(): WorkbenchApi {
  if (override) return override
  const api = (window as Partial<Window>).workbench
  if (!api) throw new Error('window.workbench is missing: the preload script did not run')
  return api
}

/** Swaps the API (tests, the browser harness); `undefined` goes back to window.workbench. */
export function setWorkbench(api: WorkbenchApi | undefined): void {
  override = api
}
