/**
 * Every byte `qwb run` prints or writes passes here: the API keys in use are
 * removed in every encoding the app knows (src/main/secrets/key-echo.ts, the
 * same detector as IPC replies, the log and exports), and the tokens of the
 * run are shortened to a marker (they are credentials too, if short-lived).
 */
import { KeyEcho } from '../../main/secrets/key-echo'
import type { Io } from '../command'

export class Scrubber {
  private keys = new Set<string>()
  private tokens = new Set<string>()
  private echo = new KeyEcho([])

  addKey(key: string): void {
    if (this.keys.has(key)) return
    this.keys.add(key)
    this.echo = new KeyEcho(this.keys)
  }

  addToken(token: string): void {
    if (token.length >= 16) this.tokens.add(token)
  }

  /**
   * Keys first: a "token" a server made from part of the key, replaced first, would cut every copy of
   * the key in two, and neither half is a whole key any more (its ends were printed).
   */
  scrub(text: string): string {
    return this.withoutTokens(this.echo.scrub(text))
  }

  /**
   * The first `length` characters of a text as they may be shown: keys removed before the cut
   * (KeyEcho.scrubHead), so a key across the cut cannot leave its first part behind.
   */
  head(text: string, length: number): string {
    return this.withoutTokens(this.echo.scrubHead(text, length).text)
  }

  private withoutTokens(text: string): string {
    let out = text
    for (const token of this.tokens) out = out.split(token).join('[token]')
    return out
  }

  /** A copy of a value with every string scrubbed: what a browser saw, before anything cuts it for a report. */
  value<T>(value: T): T {
    const walk = (item: unknown): unknown => {
      if (typeof item === 'string') return this.scrub(item)
      if (Array.isArray(item)) return item.map(walk)
      if (item && typeof item === 'object') return Object.fromEntries(Object.entries(item).map(([k, v]) => [this.scrub(k), walk(v)]))
      return item
    }
    return walk(value) as T
  }

  io(io: Io): Io {
    return { out: (text) => io.out(this.scrub(text)), err: (text) => io.err(this.scrub(text)) }
  }
}
