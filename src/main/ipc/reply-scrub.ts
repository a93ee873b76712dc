/**
 * The last net over every IPC reply (see KeyEcho.scrubDeep), with a fast
 * path: the reply is serialized once and searched once for every key in
 * every encoding; only a reply that holds one is walked string by string.
 * Walking a 20,000-item import preview string by string took ~140 ms of
 * main-thread CPU in one go (bench/secret-guard-scale.ts); one search over
 * its JSON is linear and a fraction of that. JSON text keeps every string
 * (values and keys) with JSON escapes, which KeyEcho's views undo, so the
 * search finds whatever the walk would; a false alarm (a key spread over
 * two strings) only costs the walk.
 */
import type { Result } from '../../shared/result'
import type { KeyEcho } from '../secrets/key-echo'

export function scrubReply(echo: KeyEcho, reply: Result<unknown>): { value: Result<unknown>; removed: boolean } {
  return scrubIfFound(echo, reply)
}

/**
 * echo.scrubDeep(value) where the value's JSON holds a key; else the value
 * itself, unchanged and not copied. The token service's own nets use it too:
 * walking a token result string by string cost ~20 µs per request (issue 15).
 */
export function scrubIfFound<T>(echo: KeyEcho, value: T): { value: T; removed: boolean } {
  if (echo.empty) return { value, removed: false }
  let text: string | undefined
  try {
    text = JSON.stringify(value)
  } catch {
    text = undefined
  }
  if (text !== undefined && !echo.find(text)) return { value, removed: false }
  return echo.scrubDeep(value)
}
