/**
 * Worker thread entry (see import-thread.ts): parses an import off the main
 * thread (JSON.parse of 16 MB alone takes ~400 ms) and posts it back packed.
 * Bundled as its own file beside out/main/index.js (electron.vite.config.ts).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { parseImportInput } from './import-file'
import { packImport, type PackResult } from './import-pack'

const { text, maxSetupChars } = workerData as { text: string; maxSetupChars: number }
let result: PackResult
try {
  result = packImport(parseImportInput(text), maxSetupChars)
} catch (error) {
  // A file the parser cannot take (e.g. nested deeper than the stack): a refusal, not a crash.
  const message = `This file could not be read (${error instanceof Error ? error.message : String(error)}). Is it nested unusually deep?`
  result = { ok: false, message, field: '', issues: [{ path: '', message }] }
}
parentPort?.postMessage(result)
