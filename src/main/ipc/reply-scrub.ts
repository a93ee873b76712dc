/**
 * The last net over every IPC reply (see KeyEcho.scrubDeep), with a fast
 * path: the reply is serialized once and its strings (value-strings.ts: the
 * JSON escapes undone, so a string's own encodings are not one layer deeper
 * there) are searched once for every key in every encoding; only a reply
 * that holds one is walked string by string. Walking a 20,000-item import
 * preview string by string took ~140 ms of main-thread CPU in one go
 * (bench/secret-guard-scale.ts); one search is linear and a fraction of
 * that. A false alarm (a key spread over two strings) only costs the walk.
 */
import type { Result } from '../../shared/result'
import type { KeyEcho } from '../secrets/key-echo'
import { jsonUnescaped } from '../secrets/value-strings'

export function scrubReply(echo: KeyEcho, reply: Result<unknown>): { value: Result<unknown>; removed: boolean } {
  if (echo.empty) return { value: reply, removed: false }
  let text: string | undefined
  try {
    text = JSON.stringify(reply)
  } catch {
    text = undefined
  }
  if (text !== undefined && !echo.find(jsonUnescaped(text))) return { value: reply, removed: false }
  return echo.scrubDeep(reply)
}
