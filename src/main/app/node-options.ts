/**
 * The options that run the main process under plain Node (tests, benchmarks,
 * the Chromium harness): stores as real JSON files in one folder, and a real
 * AES cipher standing in for Electron's safeStorage.
 */
import { join } from 'node:path'
import { createNodeCipher } from '../secrets/node-cipher'
import { nodeStoreOpener } from '../storage/node-store'
import type { MainAppOptions } from './create-main-app'

export function nodeMainAppOptions(dataDir: string, rest: Partial<MainAppOptions> & Pick<MainAppOptions, 'rendererOrigin'>): MainAppOptions {
  return {
    dataDir,
    cipher: createNodeCipher(),
    openStore: nodeStoreOpener(dataDir),
    storeFile: (name) => join(dataDir, `${name}.json`),
    version: '0.0.0-node',
    // Under Node (tests, benchmarks, the harness) other runs share the machine: any free port.
    sandboxPort: 0,
    ...rest
  }
}
