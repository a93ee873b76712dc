/**
 * Parses an import on a worker thread, so a 16 MB file never stalls the main
 * process's event loop (issue 7: at most 50 ms at a time; measured by
 * bench/secret-guard-scale.ts). Small texts are parsed in place: starting a
 * thread costs more than they do.
 *
 * The worker's file: out/main/import-worker.js in the built app; under Node
 * (tests, the Chromium harness) the TypeScript source, loaded through tsx.
 * If no worker can be started, the import is parsed on the main thread: the
 * same result, only less responsive, and logged.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { ImportRefusal, ParsedImport } from '../../shared/export-format'
import { MAX_IMPORT_SETUP_CHARS, parseAndPack, unpackImport, type PackResult } from './import-pack'
import { itemsOf, nextTurn, textPieces, type FromWorker, type ToWorker } from './import-transfer'

export interface ImportThreadOptions {
  /** Texts shorter than this are parsed on the calling thread. Default 256 KB. */
  inThreadBelow?: number
  maxSetupChars?: number
  /** How long the worker is kept for the next import (default 30 s). */
  keepWorkerMs?: number
  /** Told when no worker could be started (the import still happens). */
  onFallback?: (reason: string) => void
}

const here = dirname(fileURLToPath(import.meta.url))

/** Where the worker's code is, and how to start it, or why it cannot be. */
function workerSource(): { url: URL } | { problem: string } {
  const built = join(here, 'import-worker.js')
  if (existsSync(built)) return { url: pathToFileURL(built) }
  const source = join(here, 'import-worker.ts')
  if (!existsSync(source)) return { problem: `no import-worker.js beside ${here}` }
  let tsx: string
  try {
    tsx = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/esm/api')), 'index.mjs')).href
  } catch {
    return { problem: 'the TypeScript worker needs tsx, which is not installed' }
  }
  // A worker's entry is loaded before --import hooks apply, so a tiny module registers tsx, then loads the source.
  const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(pathToFileURL(source).href)});`
  return { url: new URL(`data:text/javascript,${encodeURIComponent(boot)}`) }
}

/**
 * The worker is kept between imports, idle and unref'd, and ends after
 * `keepWorkerMs` without one. Ended as soon as each import was done, its
 * teardown ran while main turned the items into setups, and the two
 * together stalled main 65-75 ms on a 16 MB import (the worker's exit and
 * main's scavenges waiting on the same two cores; either alone stayed under
 * 15 ms, bench/secret-guard-scale.ts). Kept, it also spares the second
 * import of a preview-then-apply its start-up.
 */
const KEEP_WORKER_MS = 30_000
interface KeptWorker {
  worker: Worker
  url: string
  timer: NodeJS.Timeout
  onExit: () => void
}
let kept: KeptWorker | undefined
/** How many import workers were started (tests: one worker serves imports in a row). */
export const importWorkerStarts = { count: 0 }

/** Takes the idle worker out of `kept`, its timer and exit watch undone: the caller uses it or ends it. */
function unkeep(): KeptWorker | undefined {
  const idle = kept
  kept = undefined
  if (idle) {
    clearTimeout(idle.timer)
    idle.worker.off('exit', idle.onExit)
  }
  return idle
}

function takeWorker(url: URL): Worker {
  const idle = unkeep()
  if (idle?.url === url.href) {
    idle.worker.ref()
    return idle.worker
  }
  if (idle) void idle.worker.terminate()
  importWorkerStarts.count++
  // An import's own error listener reports its failure; this one keeps a failure between imports from throwing in main.
  return new Worker(url).on('error', () => {})
}

function keepWorker(worker: Worker, url: URL, keepMs: number): void {
  worker.unref()
  // A kept worker that dies (it should not) is not handed out again.
  const onExit = () => kept?.worker === worker && unkeep()
  worker.once('exit', onExit)
  kept = { worker, url: url.href, timer: setTimeout(endKeptWorker, keepMs).unref(), onExit }
}

/** Ends the idle import worker now, if there is one (the next import starts another). */
export function endKeptWorker(): void {
  void unkeep()?.worker.terminate()
}

/** Exported for tests (a worker that fails while the text is still being sent). */
export async function runWorker(url: URL, text: string, maxSetupChars: number, keepMs = KEEP_WORKER_MS): Promise<PackResult> {
  const worker = takeWorker(url)
  const send = (message: ToWorker) => worker.postMessage(message)
  let settled = false
  // Undoes this import's listeners once it is done, so a kept worker carries none into the next one.
  let detach = () => {}
  const result = new Promise<PackResult>((resolve, reject) => {
    const items: string[] = []
    const onMessage = (message: FromWorker) => {
      if (message.kind === 'items') {
        for (const item of itemsOf(message.batch)) items.push(item)
        // The next batch after a turn of the loop, so other work runs between batches.
        void nextTurn().then(() => settled || send({ kind: 'more' }))
        return
      }
      settled = true
      resolve(message.packed.ok ? { ...message.packed, items } : message.packed)
    }
    const onError = (error: Error) => {
      settled = true
      reject(error)
    }
    const onExit = (code: number) => {
      if (!settled) reject(new Error(`the import worker stopped (exit code ${code})`))
      settled = true
    }
    worker.on('message', onMessage).once('error', onError).once('exit', onExit)
    detach = () => worker.off('message', onMessage).off('error', onError).off('exit', onExit)
  })
  // A worker that fails while pieces are still going out rejects before anyone awaits this: without a
  // handler now, Node would take it for an unhandled rejection and end the process. The caller still gets it.
  result.catch(() => {})
  send({ kind: 'start', length: text.length, maxSetupChars })
  // The text goes in pieces, a turn of the loop apart (import-transfer.ts); a worker that has failed gets no more.
  for (const piece of textPieces(text)) {
    if (settled) break
    send({ kind: 'piece', text: piece })
    await nextTurn()
  }
  try {
    const packed = await result
    detach()
    keepWorker(worker, url, keepMs)
    return packed
  } catch (error) {
    void worker.terminate()
    throw error
  }
}

/** One import worker at a time: each holds a copy of up to 16 MB, and a renderer could ask for many. */
let queue: Promise<unknown> = Promise.resolve()

export function parseImportOffThread(text: string, options: ImportThreadOptions = {}): Promise<ParsedImport | ImportRefusal> {
  const run = queue.then(() => parse(text, options))
  queue = run.catch(() => {})
  return run
}

async function parse(text: string, options: ImportThreadOptions): Promise<ParsedImport | ImportRefusal> {
  const maxSetupChars = options.maxSetupChars ?? MAX_IMPORT_SETUP_CHARS
  if (text.length < (options.inThreadBelow ?? 256 * 1024)) return unpackImport(parseAndPack(text, maxSetupChars))
  const source = workerSource()
  let packed: PackResult
  if ('url' in source) {
    try {
      packed = await runWorker(source.url, text, maxSetupChars, options.keepWorkerMs)
    } catch (error) {
      options.onFallback?.(error instanceof Error ? error.message : String(error))
      packed = parseAndPack(text, maxSetupChars)
    }
  } else {
    options.onFallback?.(source.problem)
    packed = parseAndPack(text, maxSetupChars)
  }
  return unpackImport(packed)
}
