/**
 * Opening a store (electron-store / conf) whose file may be damaged.
 *
 * What conf 15 does with a damaged file (node_modules/conf/dist/source/index.js):
 * the constructor reads the file at once (`#initializeStore` -> `get store()`),
 * and `get store()` rethrows anything but ENOENT unless `clearInvalidConfig`
 * is set. So a truncated or otherwise invalid JSON file makes `new Conf(...)`
 * (and `new ElectronStore(...)`) THROW a `SyntaxError` from JSON.parse
 * ("Unexpected end of JSON input", "Expected ',' or ']' after array element
 * in JSON at position 11", ...), a schema violation throws
 * `Error('Config schema violation: ...')`, and a file that cannot be
 * decrypted `Error('Failed to decrypt config data.')`. With
 * `clearInvalidConfig: true` conf instead treats the file as empty and the
 * next write replaces it: the user's data is gone without a word, which is
 * why we leave that option off and handle the throw here.
 *
 * conf also re-reads the file on every get/set, so a file damaged while the
 * app runs makes every later call throw the same errors; `recoveringStore`
 * handles that case the same way.
 *
 * Recovery: the damaged file is MOVED (not copied, not wiped) to
 * `<name>.corrupt-<timestamp>.json` next to it, a fresh store is opened, and
 * a report says where the old file went, for a notice in the UI.
 */
import { existsSync, renameSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import type { KeyValueStore } from '../storage/key-value-store'
import { openGuardedStore, type StoreShapeCheck } from '../storage/guarded-store'

export interface StoreRecoveryReport {
  recovered: boolean
  /** Where the damaged file now is. */
  backupPath?: string
  /** Why it could not be read (the parser's message). */
  error?: string
  /** The file could be neither used nor moved aside: the store lives in memory for this run. */
  memoryOnly?: boolean
}

/** The errors conf/electron-store throw for a file they cannot use (and nothing else: EACCES etc. are real failures). */
export function isCorruptStoreError(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  return error.name === 'SyntaxError' || error.message.startsWith('Config schema violation:') || error.message === 'Failed to decrypt config data.'
}

/** `settings.json` -> `settings.corrupt-2025-01-31T10-20-30-000Z.json` (no colons: Windows forbids them). */
export function backupPathFor(filePath: string, at: Date): string {
  const ext = extname(filePath)
  const stem = basename(filePath, ext)
  const stamp = at.toISOString().replace(/[:.]/g, '-')
  let candidate = join(dirname(filePath), `${stem}.corrupt-${stamp}${ext || '.json'}`)
  for (let n = 2; existsSync(candidate); n++) candidate = join(dirname(filePath), `${stem}.corrupt-${stamp}-${n}${ext || '.json'}`)
  return candidate
}

/** Moves the damaged file aside; returns the report. Throws if it cannot be moved (then nothing is overwritten). */
export function moveAside(filePath: string, error: unknown, clock: () => Date): StoreRecoveryReport {
  const backupPath = backupPathFor(filePath, clock())
  renameSync(filePath, backupPath)
  return { recovered: true, backupPath, error: error instanceof Error ? error.message : String(error) }
}

/**
 * Opens a store with `open()`; if its file is damaged, moves the file aside
 * and opens a fresh one. Any other failure is thrown as it is.
 *
 *   const { store, report } = openStoreSafely(() => new Store({ name: 'settings' }), join(app.getPath('userData'), 'settings.json'))
 */
export function openStoreSafely<T extends KeyValueStore>(
  open: () => T,
  filePath: string,
  clock: () => Date = () => new Date()
): { store: T; report: StoreRecoveryReport } {
  try {
    return { store: open(), report: { recovered: false } }
  } catch (error) {
    if (!isCorruptStoreError(error) || !existsSync(filePath)) throw error
    const report = moveAside(filePath, error, clock)
    return { store: open(), report }
  }
}

/**
 * openStoreSafely, plus the same recovery when the file is damaged while the
 * app runs (conf re-reads it on every call), plus the shape checks and the
 * memory fallback of openGuardedStore (guarded-store.ts), which this is.
 * `onRecovered` hears of each recovery after the first (the first is in the
 * returned report).
 */
export function recoveringStore(
  open: () => KeyValueStore,
  filePath: string,
  options: { clock?: () => Date; onRecovered?: (report: StoreRecoveryReport) => void; check?: StoreShapeCheck } = {}
): { store: KeyValueStore; report: StoreRecoveryReport } {
  return openGuardedStore({ open, filePath, ...options })
}
