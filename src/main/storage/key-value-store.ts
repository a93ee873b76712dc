/**
 * The part of electron-store (and of `conf`, its core) the services use. The
 * app passes electron-store; tests and the Node composition pass `conf` with
 * a temp folder: the same class underneath, writing real JSON files.
 */
export interface KeyValueStore {
  get(key: string): unknown
  set(key: string, value: unknown): void
  delete(key: string): void
  readonly path: string
}
