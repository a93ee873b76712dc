import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { onTestFinished } from 'vitest'
import { WorkspaceStore, type WorkspaceStoreOptions } from '../../../../src/main/workspace/workspace-store'
import type { SetupInput } from '../../../../src/shared/setup'
import type { WorkspaceChange } from '../../../../src/shared/workspace'
import { makeTempDir } from '../../../support/temp-dir'

/**
 * Each test's folders and stores are closed when that test ends (onTestFinished runs last-registered
 * first: a store before its folder). Registered per test, not with a module-level afterEach: the node
 * project's tests run without per-file isolation (vitest.config.ts), so this module is evaluated once
 * per worker and a hook registered at its top level would belong to the first test file that
 * imported it only.
 */
export function tempDir(prefix = 'qwb-ws-'): string {
  const temp = makeTempDir(prefix)
  onTestFinished(() => temp.cleanup())
  return temp.dir
}

export async function openWorkspace(options: Partial<WorkspaceStoreOptions> = {}): Promise<WorkspaceStore> {
  const dir = options.dir ?? tempDir()
  const store = await WorkspaceStore.open({ clock: () => new Date('2025-02-03T04:05:06Z'), watchDebounceMs: 40, ...options, dir })
  onTestFinished(() => store.close())
  return store
}

export function value<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`)
  return result.value
}

export function setupInput(name: string, overrides: Partial<SetupInput> = {}): SetupInput {
  return {
    formatVersion: 1,
    name,
    environment: 'Acme staging',
    widget: 'page-view',
    qrvey86OrNewer: true,
    token: { userid: 'izfZIkc', appid: '59VShVtjM', clientid: 'sampleuser@example.com', expiresIn: '1h' },
    widgetFields: { dashboardId: 'dash-1' },
    ...overrides
  }
}

/** Every file in the folder (recursively), name -> content. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name)
      out[path.slice(dir.length + 1)] = readFileSync(path, 'utf8')
    }
  }
  return out
}

/** Resolves with the next change event, or rejects after `ms` (a bound, not a timing assertion). */
export function nextChange(store: WorkspaceStore, ms = 5000, accept: (c: WorkspaceChange) => boolean = () => true): Promise<WorkspaceChange> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off()
      reject(new Error(`no workspace change within ${ms} ms`))
    }, ms)
    const off = store.on('changed', (change) => {
      if (!accept(change)) return
      clearTimeout(timer)
      off()
      resolve(change)
    })
  })
}

export const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
