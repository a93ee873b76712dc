/**
 * Worker thread entry (see import-thread.ts): parses an import off the main
 * thread (JSON.parse of 16 MB alone takes ~400 ms) and posts it back packed.
 * Bundled as its own file beside out/main/index.js (electron.vite.config.ts).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { parseAndPack } from './import-pack'

const { text, maxSetupChars } = workerData as { text: string; maxSetupChars: number }
parentPort?.postMessage(parseAndPack(text, maxSetupChars))
