/**
 * A KeyValueStore that keeps its values in memory only: what a store falls
 * back to when its file can be neither read nor moved aside (a read-only
 * disk, a permission the user cannot fix right now). The app still starts;
 * the start-up notice says that changes will not be kept.
 */
import type { KeyValueStore } from './key-value-store'

export class MemoryStore implements KeyValueStore {
  private readonly values = new Map<string, unknown>()

  constructor(readonly path: string) {}

  get(key: string): unknown {
    const direct = this.values.get(key)
    if (direct !== undefined) return structuredClone(direct)
    // conf answers a dotted prefix with the object below it ('secrets' -> {abc: ...}).
    const prefix = `${key}.`
    const below = [...this.values].filter(([k]) => k.startsWith(prefix))
    return below.length ? Object.fromEntries(below.map(([k, v]) => [k.slice(prefix.length), structuredClone(v)])) : undefined
  }

  set(key: string, value: unknown): void {
    this.values.set(key, structuredClone(value))
  }

  delete(key: string): void {
    this.values.delete(key)
  }
}
