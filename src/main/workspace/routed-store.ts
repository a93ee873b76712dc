/**
 * One KeyValueStore made of two: the keys listed go to `primary`, the rest to
 * `rest`. Lets EnvironmentService keep its records in the workspace's
 * environments.json (shared in git) while its per-machine choice, `activeId`,
 * stays in the app's own store:
 *
 *   new RoutedStore(workspace.environmentsStore(), ['environments'], openStore('environments'))
 */
import type { KeyValueStore } from '../storage/key-value-store'

export class RoutedStore implements KeyValueStore {
  constructor(
    private readonly primary: KeyValueStore,
    private readonly primaryKeys: readonly string[],
    private readonly rest: KeyValueStore
  ) {}

  get path(): string {
    return this.primary.path
  }

  private storeFor(key: string): KeyValueStore {
    return this.primaryKeys.includes(key.split('.')[0]) ? this.primary : this.rest
  }

  get(key: string): unknown {
    return this.storeFor(key).get(key)
  }

  set(key: string, value: unknown): void {
    this.storeFor(key).set(key, value)
  }

  delete(key: string): void {
    this.storeFor(key).delete(key)
  }
}
