/**
 * How an import's text and its parsed items cross between main and the
 * import worker (import-thread.ts, import-worker.ts) in pieces. Posting a
 * message copies it on the thread that posts and again on the thread that
 * takes it, in one turn of that thread's loop: a 16 MB text took 55-150 ms
 * to post on this project's machines, the largest stall the import had left
 * (issue 7's target is 50 ms; bench/secret-guard-scale.ts). In pieces of
 * about a megabyte each turn stays in single-digit milliseconds.
 */
import type { PackResult } from './import-pack'

/** Characters per piece: up to 1 MB of UTF-16 units. */
export const PIECE_CHARS = 512 * 1024

/** What each import starts with; the text follows as pieces of at most PIECE_CHARS characters. */
export interface ImportStart {
  length: number
  maxSetupChars: number
}

/**
 * What main posts: the start of an import (one worker serves one import
 * after another), a piece of the text, or "the next batch, please". The
 * worker sends a batch only when asked: batches posted all at once queue up,
 * and Node hands main every queued message in one turn of its loop (the
 * whole 16 MB again, 100-170 ms).
 */
export type ToWorker = ({ kind: 'start' } & ImportStart) | { kind: 'piece'; text: string } | { kind: 'more' }

/** The text in pieces of at most PIECE_CHARS (a cut may split a surrogate pair: joined again, the text is the same). */
export function* textPieces(text: string): Generator<string> {
  for (let at = 0; at < text.length; at += PIECE_CHARS) yield text.slice(at, at + PIECE_CHARS)
}

/**
 * What the worker posts: the parsed items in batches, one per "more", then
 * the rest of the result (its items left empty). A batch is its items back to back in one
 * string, and where each ends: a string that large is allocated outside
 * V8's young generation, so main's scavenges never copy it, as they copied
 * every item of a batch posted as separate strings (40-70 ms pauses).
 */
export type FromWorker = { kind: 'items'; batch: ItemBatch } | { kind: 'done'; packed: PackResult }

export interface ItemBatch {
  text: string
  ends: number[]
}

/** The items in batches of about PIECE_CHARS characters (an item is never cut; one larger than that goes alone). */
export function* itemBatches(items: string[]): Generator<ItemBatch> {
  let batch: string[] = []
  let size = 0
  const made = (): ItemBatch => {
    let end = 0
    return { text: batch.join(''), ends: batch.map((item) => (end += item.length)) }
  }
  for (const item of items) {
    if (batch.length > 0 && size + item.length > PIECE_CHARS) {
      yield made()
      batch = []
      size = 0
    }
    batch.push(item)
    size += item.length
  }
  if (batch.length > 0) yield made()
}

/** A batch's items again, as slices of its text (V8 keeps a slice as a view of the text, not a copy). */
export function itemsOf(batch: ItemBatch): string[] {
  let start = 0
  return batch.ends.map((end) => batch.text.slice(start, (start = end)))
}

/** Lets the event loop run other work before the next piece. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
