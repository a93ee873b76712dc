/**
 * The last net over every IPC reply (see KeyEcho.scrubDeep), with a fast
 * path: every string of the reply is joined into one text (value-strings.ts,
 * not the JSON text: its escapes would add a layer) and searched once for
 * every key in every encoding; only a reply that holds one is walked string
 * by string. Walking a 20,000-item import preview string by string took
 * ~140 ms of main-thread CPU in one go (bench/secret-guard-scale.ts); one
 * search over the joined text is linear and a fraction of that.
 */
import type { Result } from '../../shared/result'
import type { KeyEcho } from '../secrets/key-echo'
import { joinedStrings } from '../secrets/value-strings'

export function scrubReply(echo: KeyEcho, reply: Result<unknown>): { value: Result<unknown>; removed: boolean } {
  if (echo.empty) return { value: reply, removed: false }
  if (!echo.find(joinedStrings(reply))) return { value: reply, removed: false }
  return echo.scrubDeep(reply)
}
