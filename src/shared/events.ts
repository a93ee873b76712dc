/**
 * Events main sends to the workbench page (`workbench.on(name, callback)`).
 * Kept free of zod and the schemas so the sandboxed preload, which needs only
 * these names, stays a few kilobytes.
 */
import type { EnvironmentsState } from './environment'
import type { WorkspaceState } from './ipc-contract'
import type { PersonaSummary } from './personas/persona-workspace'
import type { DoctorProgress } from './doctor'

export interface WorkbenchEvents {
  'workspace:changed': WorkspaceState
  'environments:changed': EnvironmentsState
  /** Every notice so far, when one is added while the app runs (a store damaged under it and moved aside). */
  'app:notices': string[]
  /** The workspace's personas, when they changed on disk or the workspace folder was switched (issue 12). */
  'personas:changed': PersonaSummary[]
  /** One step of a Test connection run finished (issue 13). */
  'doctor:step': DoctorProgress
}
export type WorkbenchEventName = keyof WorkbenchEvents
export const WORKBENCH_EVENT_NAMES: readonly WorkbenchEventName[] = ['workspace:changed', 'environments:changed', 'app:notices', 'personas:changed', 'doctor:step']
/** The one Electron channel main's events travel on (name + payload). */
export const EVENT_CHANNEL = 'workbench:event'
