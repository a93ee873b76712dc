/**
 * Worker thread entry (see import-thread.ts): parses an import off the main
 * thread (JSON.parse of 16 MB alone takes ~400 ms) and posts it back packed.
 * The text arrives, and the items go back (one batch each time main asks),
 * in pieces (import-transfer.ts).
 * Bundled as its own file beside out/main/index.js (electron.vite.config.ts).
 */
import { parentPort } from 'node:worker_threads'
import { parseAndPack } from './import-pack'
import type { PackResult } from './import-pack'
import { itemBatches, type FromWorker, type ImportStart, type ItemBatch, type ToWorker } from './import-transfer'

// One import at a time (import-thread.ts keeps the worker between imports): `start` resets all of it.
let start: ImportStart = { length: 0, maxSetupChars: 0 }
let pieces: string[] = []
let received = 0
let batches: Generator<ItemBatch> | undefined
let rest: PackResult | undefined

const post = (message: FromWorker) => parentPort?.postMessage(message)

/** One batch of items, or the rest of the result once they are all sent. */
function sendNext(): void {
  const next = batches?.next()
  if (next && !next.done) return post({ kind: 'items', batch: next.value })
  if (rest) post({ kind: 'done', packed: rest })
  rest = undefined
}

function parseAll(): void {
  const packed = parseAndPack(pieces.join(''), start.maxSetupChars)
  pieces = []
  if (packed.ok) batches = itemBatches(packed.items)
  rest = packed.ok ? { ...packed, items: [] } : packed
  sendNext()
}

parentPort?.on('message', (message: ToWorker) => {
  if (message.kind === 'more') return sendNext()
  if (message.kind === 'start') {
    start = { length: message.length, maxSetupChars: message.maxSetupChars }
    pieces = []
    received = 0
    batches = undefined
    rest = undefined
    if (start.length === 0) parseAll()
    return
  }
  pieces.push(message.text)
  received += message.text.length
  if (received === start.length) parseAll()
})
