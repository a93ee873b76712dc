/**
 * A conf/electron-store file whose values are read again only when the file
 * changed. conf reads and parses its whole file on every get(): for the
 * secrets store that was a file read per token request (issue 15, about
 * 45 µs of the handler path). Here a get() costs one stat while the file's
 * version (file-version.ts) is the one the remembered values were read from;
 * any other version, whoever wrote it (this store, another window of the
 * app, an editor, a restore from backup), drops them all and reads afresh.
 *
 * As in JsonFileStore, a version is trusted only once it is older than the
 * racy window, so a same-second write on a coarse file system is not missed,
 * and nothing is remembered while the file does not exist (conf's defaults).
 * Writes go straight through and forget everything first.
 *
 * It sits inside the guarded store (guarded-store.ts): a file damaged on disk
 * has a new version, so the read reaches conf, which throws, and the guard
 * moves the file aside as before.
 */
import { statSync, type BigIntStats } from 'node:fs'
import type { KeyValueStore } from './key-value-store'
import { fileVersion, RACY_WINDOW_MS, unchangedSince } from './file-version'

export interface StatCheckedStoreOptions {
  /** See RACY_WINDOW_MS. */
  racyWindowMs?: number
  /** Wall clock in ms (tests move it forward instead of waiting out the racy window). */
  clock?: () => number
}

function statOf(path: string): BigIntStats | undefined {
  try {
    return statSync(path, { bigint: true })
  } catch {
    // Missing or unreadable: nothing is remembered, and conf says what it says about it.
    return undefined
  }
}

export class StatCheckedStore implements KeyValueStore {
  /** The version the remembered values were read from; undefined: remember nothing. */
  private version: string | undefined
  private readonly values = new Map<string, unknown>()
  /** How many get() calls reached the store underneath (tests: a read is skipped only while nothing changed). */
  innerReads = 0

  constructor(
    private readonly inner: KeyValueStore,
    private readonly options: StatCheckedStoreOptions = {}
  ) {}

  get path(): string {
    return this.inner.path
  }

  get(key: string): unknown {
    // Taken before the stat: the file's change time is compared with it (see unchangedSince).
    const now = (this.options.clock ?? Date.now)()
    const stat = statOf(this.inner.path)
    const version = stat ? fileVersion(stat) : undefined
    if (version !== undefined && version === this.version && this.values.has(key)) return structuredClone(this.values.get(key))
    if (version !== this.version) this.forget()
    const value = this.inner.get(key)
    this.innerReads++
    // A version read too soon after its change is not trusted: the next get() reads again.
    if (stat && unchangedSince(stat, now, this.options.racyWindowMs ?? RACY_WINDOW_MS)) {
      this.version = version
      this.values.set(key, structuredClone(value))
    }
    return value
  }

  set(key: string, value: unknown): void {
    this.forget()
    this.inner.set(key, value)
  }

  delete(key: string): void {
    this.forget()
    this.inner.delete(key)
  }

  private forget(): void {
    this.version = undefined
    this.values.clear()
  }
}
