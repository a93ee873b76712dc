/**
 * The shape of the app's own `environments.json` store (not the workspace's):
 * it holds only which environment is active, `{ "activeId": "<id>" }`. A file
 * of another shape is moved aside (see guarded-store.ts) rather than read
 * as if empty and overwritten.
 */
import type { StoreShapeCheck } from '../storage/guarded-store'

export const checkActiveEnvironmentFile: StoreShapeCheck = (data) => {
  // `environments` may be left from versions that kept the records here; it is no longer read.
  const unknown = Object.keys(data).filter((k) => k !== 'activeId' && k !== 'environments' && k !== '__internal__')
  if (unknown.length) return `it holds fields the app never writes (${unknown.slice(0, 3).map((k) => JSON.stringify(k.slice(0, 40))).join(', ')})`
  if (data.activeId !== undefined && (typeof data.activeId !== 'string' || data.activeId.length > 200)) return '"activeId" is not an environment id'
  return undefined
}
