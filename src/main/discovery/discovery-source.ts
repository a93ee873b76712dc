/**
 * Where the pickers' lists come from. Two sources behind one interface, so
 * the data source can be swapped: the offline sandbox's own data
 * (sandbox-discovery.ts) and any Qrvey instance's documented dev API
 * (dev-api-discovery.ts, with the key held in main).
 */
import type { DiscoveryItem, DiscoveryRequest } from '../../shared/discovery'
import type { Result } from '../../shared/result'

export type DiscoveryQuery = Omit<DiscoveryRequest, 'environmentId'>

export interface DiscoverySource {
  /** Words for "from": e.g. "the offline sandbox". */
  readonly description: string
  list(query: DiscoveryQuery): Promise<Result<DiscoveryItem[]>>
}
