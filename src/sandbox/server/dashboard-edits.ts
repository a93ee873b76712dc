/**
 * Dashboards saved by Page Builder's edit mode, kept in memory per
 * (appid, userid, clientid, dashboard): the clientid is the host app's end
 * user, so one end user's edits never show up for another. Lost on restart,
 * like everything else in the sandbox.
 */
import type { Dashboard } from '../../shared/sandbox-api'

export interface EditKey {
  appId: string
  userId: string
  /** '' for tokens without a clientid: those share one slot. */
  clientId: string
  dashboardId: string
}

/** Enough for any demo; the bound keeps a runaway script from filling memory. */
export const MAX_SAVED_DASHBOARDS = 1_000

export class DashboardEdits {
  readonly #edits = new Map<string, Dashboard>()

  constructor(readonly maxEntries = MAX_SAVED_DASHBOARDS) {}

  get(key: EditKey): Dashboard | undefined {
    return this.#edits.get(keyText(key))
  }

  save(key: EditKey, dashboard: Dashboard): void {
    const id = keyText(key)
    // Re-inserting moves the entry to the end, so the oldest untouched one goes first.
    this.#edits.delete(id)
    this.#edits.set(id, structuredClone(dashboard))
    if (this.#edits.size > this.maxEntries) this.#edits.delete(this.#edits.keys().next().value as string)
  }
}

function keyText(key: EditKey): string {
  // JSON of a list: no separator character in an id can make two keys collide.
  return JSON.stringify([key.appId, key.userId, key.clientId, key.dashboardId])
}
