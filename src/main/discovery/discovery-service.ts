/**
 * Answers the pickers: finds the environment, picks its source (the
 * sandbox's own data for the offline sandbox, the dev API with the key held
 * here for any other instance) and turns a refusal into "free text, because
 * ...". The key never leaves main; answers carry ids and names only.
 */
import type { AxiosInstance } from 'axios'
import type { DiscoveryListing, DiscoveryRequest } from '../../shared/discovery'
import { ok, type Result } from '../../shared/result'
import type { TokenTargets } from '../tokens/token-service'
import { DevApiDiscovery } from './dev-api-discovery'
import type { DiscoverySource } from './discovery-source'

export interface DiscoveryServiceOptions {
  targets: TokenTargets
  http: AxiosInstance
  /** The source for the offline sandbox's origin (its own data), if any. */
  sandbox?: { origin: string; source: DiscoverySource }
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}

export class DiscoveryService {
  constructor(private readonly options: DiscoveryServiceOptions) {}

  async list(request: DiscoveryRequest): Promise<Result<DiscoveryListing>> {
    const resolved = this.options.targets.resolveTarget(request.environmentId)
    if (!resolved.ok) return resolved
    const target = resolved.value
    const query = { kind: request.kind, userid: request.userid, appid: request.appid, datasetId: request.datasetId }
    const sandbox = this.options.sandbox
    let source: DiscoverySource
    if (sandbox && originOf(target.domain) === sandbox.origin) {
      source = sandbox.source
    } else if (!target.apiKey) {
      return ok({ kind: request.kind, from: target.name, items: [], refused: `"${target.name}" has no API key, so its lists cannot be asked for: type the id.` })
    } else {
      source = new DevApiDiscovery(this.options.http, { name: target.name, domain: target.domain, apiKey: target.apiKey, timeoutMs: target.timeoutMs })
    }
    const listed = await source.list(query)
    return ok(
      listed.ok
        ? { kind: request.kind, from: source.description, items: listed.value }
        : { kind: request.kind, from: source.description, items: [], refused: listed.error.message }
    )
  }
}
