/**
 * Opens stores with `conf`, the core electron-store is built on, in a folder
 * of our choosing: how tests, benchmarks and the Node composition persist to
 * real files without Electron.
 */
import Conf from 'conf'
import type { KeyValueStore } from './key-value-store'

export function nodeStoreOpener(dir: string): (name: string) => KeyValueStore {
  return (name) => new Conf<Record<string, unknown>>({ cwd: dir, configName: name, projectName: 'qrvey-embed-workbench' })
}
