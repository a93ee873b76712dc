/**
 * The last net over every IPC reply (see KeyEcho.scrubDeep), with a fast
 * path: every string of the reply (values and object keys) is joined into
 * one text and searched once for every key in every encoding; only a reply
 * that holds one is walked string by string. Walking a 20,000-item import
 * preview string by string took ~140 ms of main-thread CPU in one go
 * (bench/secret-guard-scale.ts); one search over the joined text is linear
 * and a fraction of that.
 *
 * Why joined strings and not JSON.stringify: JSON escapes are one more layer
 * over whatever encoding a string holds (a `\` or `"` in it is escaped), so
 * a key in three layers, which the walk finds, needed four in the JSON text
 * and passed (found in review). The strings are joined with NUL, which is
 * part of no escape the views undo, so no decoding runs from one string into
 * the next; the search then finds whatever the walk would. A false alarm (a
 * key spread over two strings) only costs the walk.
 */
import type { Result } from '../../shared/result'
import type { KeyEcho } from '../secrets/key-echo'

export function scrubReply(echo: KeyEcho, reply: Result<unknown>): { value: Result<unknown>; removed: boolean } {
  if (echo.empty) return { value: reply, removed: false }
  if (!echo.find(joinedStrings(reply))) return { value: reply, removed: false }
  return echo.scrubDeep(reply)
}

/** Every string in a value (object keys too), NUL-separated; no deeper than scrubDeep goes (200 levels). */
function joinedStrings(value: unknown): string {
  const out: string[] = []
  const visit = (item: unknown, depth: number): void => {
    if (typeof item === 'string') out.push(item)
    else if (depth > 200 || item === null || typeof item !== 'object') return
    else if (Array.isArray(item)) for (const child of item) visit(child, depth + 1)
    else
      for (const [key, child] of Object.entries(item)) {
        out.push(key)
        visit(child, depth + 1)
      }
  }
  visit(value, 0)
  return out.join('\u0000')
}
