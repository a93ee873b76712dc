/**
 * Answers the sandbox has already computed, per data set (issue 15: a
 * dashboard's 7 panel queries each filtered all 5,000 orders by the token's
 * permissions, one after another on the sandbox's one thread, and every
 * preview of the same setup computed them all again).
 *
 * Never stale: the demo data sets are frozen singletons, and what is kept is
 * a pure function of the rows and the key, which holds everything else the
 * answer depends on (the dataset id, the token's record permissions as JSON,
 * the validated query as JSON). Another token with other permissions, or
 * another query, is another key; a rebuilt data set (another rows array) has
 * a memo of its own. Access checks that depend on the caller (hidden
 * datasets and columns, asset_permissions, roles) are not kept: the route
 * makes them on every request, before it looks here.
 */
import type { Row } from './dataset'

/** Per data set; the least recently used answers go first. */
const MAX_ENTRIES = 256

export class QueryMemo<V> {
  readonly #byRows = new WeakMap<readonly Row[], Map<string, V>>()

  /** The remembered answer for (rows, key), or `compute()`'s, which is kept. */
  get(rows: readonly Row[], key: string, compute: () => V): V {
    let entries = this.#byRows.get(rows)
    if (!entries) this.#byRows.set(rows, (entries = new Map()))
    if (entries.has(key)) {
      const hit = entries.get(key) as V
      // Most recently used last: re-insert.
      entries.delete(key)
      entries.set(key, hit)
      return hit
    }
    const value = compute()
    entries.set(key, value)
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string)
    return value
  }
}
