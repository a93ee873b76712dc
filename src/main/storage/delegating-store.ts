/**
 * A KeyValueStore whose backing store can be swapped while the app runs:
 * when the user opens another workspace folder, the environments that live
 * in it change under EnvironmentService without rebuilding the services.
 */
import type { KeyValueStore } from './key-value-store'

export class DelegatingStore implements KeyValueStore {
  constructor(private inner: KeyValueStore) {}

  swap(next: KeyValueStore): void {
    this.inner = next
  }

  get path(): string {
    return this.inner.path
  }

  get(key: string): unknown {
    return this.inner.get(key)
  }

  set(key: string, value: unknown): void {
    this.inner.set(key, value)
  }

  delete(key: string): void {
    this.inner.delete(key)
  }
}
