/**
 * Events main sends to the workbench page (`workbench.on(name, callback)`).
 * Kept free of zod and the schemas so the sandboxed preload, which needs only
 * these names, stays a few kilobytes.
 */
import type { EnvironmentsState } from './environment'
import type { WorkspaceState } from './ipc-contract'

export interface WorkbenchEvents {
  'workspace:changed': WorkspaceState
  'environments:changed': EnvironmentsState
  /** Every notice so far, when one is added while the app runs (a store damaged under it and moved aside). */
  'app:notices': string[]
}
export type WorkbenchEventName = keyof WorkbenchEvents
export const WORKBENCH_EVENT_NAMES: readonly WorkbenchEventName[] = ['workspace:changed', 'environments:changed', 'app:notices']
/** The one Electron channel main's events travel on (name + payload). */
export const EVENT_CHANNEL = 'workbench:event'
