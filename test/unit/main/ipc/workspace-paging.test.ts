/**
 * A large workspace is never sent whole (issue 15): the state (workspace:info
 * and the workspace:changed event) carries the first rows and the counts;
 * workspace:page pages through the list or a search's hits; workspace:summaries
 * looks rows up by id. Through the real composition, on real files.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createMainApp } from '../../../../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../../../../src/main/app/node-options'
import { WORKSPACE_STATE_ROWS, type WorkspaceState } from '../../../../src/shared/ipc-contract'
import { serializeSetup, setupSchema } from '../../../../src/shared/setup'
import type { SetupPage, SetupSummary } from '../../../../src/shared/workspace'
import { makeTempDir } from '../../../support/temp-dir'

const ORIGIN = 'app://workbench'
const trusted = { url: `${ORIGIN}/index.html`, isMainFrame: true }
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

const COUNT = 250

async function start() {
  const temp = makeTempDir('qwb-paging-')
  const setups = join(temp.dir, 'workspace', 'setups')
  mkdirSync(setups, { recursive: true })
  for (let i = 0; i < COUNT; i++) {
    const name = `${i % 2 ? 'Globex' : 'Acme'} #${i}`
    writeFileSync(join(setups, `s${i}.json`), serializeSetup(setupSchema.parse({ formatVersion: 1, name, environment: 'Offline sandbox', widget: 'page-view', token: { userid: `u${i}`, appid: 'a' }, widgetFields: {} })))
  }
  writeFileSync(join(setups, 'broken.json'), '{"formatVersion": 1, "name": ')
  const events: WorkspaceState[] = []
  const app = await createMainApp(nodeMainAppOptions(temp.dir, { rendererOrigin: ORIGIN, emit: (event, payload) => event === 'workspace:changed' && events.push(payload as WorkspaceState) }))
  cleanups.push(temp.cleanup, () => app.close())
  const call = async <T>(channel: string, payload?: unknown): Promise<T> => {
    const result = await app.registry.invoke(channel, payload, trusted)
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
    return result.value as T
  }
  return { app, call, events }
}

describe('workspace paging', () => {
  it('the state carries the first rows and the counts, not every setup', async () => {
    const { call } = await start()
    const state = await call<WorkspaceState>('workspace:info')
    expect(state.total).toBe(COUNT + 1)
    expect(state.unreadable).toBe(1)
    expect(state.setups).toHaveLength(WORKSPACE_STATE_ROWS)
    // The same rows, in the same order, as the first page of the list.
    const page = await call<SetupPage>('workspace:page', { offset: 0, limit: WORKSPACE_STATE_ROWS })
    expect(state.setups.map((s) => s.id)).toEqual(page.items.map((s) => s.id))
  })

  it('pages through the whole list in name order, every row once', async () => {
    const { app, call } = await start()
    const seen: SetupSummary[] = []
    for (let offset = 0; ; offset += 60) {
      const page = await call<SetupPage>('workspace:page', { offset, limit: 60 })
      expect(page.total).toBe(COUNT + 1)
      if (!page.items.length) break
      seen.push(...page.items)
    }
    expect(seen.map((s) => s.id)).toEqual(app.workspace.store.list().map((s) => s.id))
  })

  it('pages through a search, with its hit count; a change on disk is seen by the next page', async () => {
    const { app, call } = await start()
    const first = await call<SetupPage>('workspace:page', { query: 'globex', offset: 0, limit: 50 })
    expect(first.total).toBe(COUNT / 2)
    const second = await call<SetupPage>('workspace:page', { query: 'globex', offset: 50, limit: 100 })
    const all = [...first.items, ...second.items]
    expect(all).toHaveLength(COUNT / 2)
    expect(all.every((s) => s.name.startsWith('Globex'))).toBe(true)
    expect(all.map((s) => s.id)).toEqual((await call<SetupSummary[]>('workspace:search', { query: 'globex' })).map((s) => s.id))
    // A save changes the hits at once: the cached search is not reused.
    await app.workspace.store.save({ setup: { formatVersion: 1, name: 'Globex new', environment: 'Offline sandbox', widget: 'page-view', token: { userid: 'n', appid: 'a' }, widgetFields: {} } })
    expect((await call<SetupPage>('workspace:page', { query: 'globex', offset: 0, limit: 1 })).total).toBe(COUNT / 2 + 1)
  })

  it('a query typed a key at a time finds exactly what a fresh search finds, at every key', async () => {
    const { app } = await start()
    const store = app.workspace.store
    const rows = store.list()
    const fresh = (query: string) => {
      const words = query.toLowerCase().split(/\s+/).filter(Boolean)
      return rows.filter((s) => !s.error && words.every((w) => `${s.name}\n${s.environment}\n${s.widget}\npage view\ndashboard view\n${s.userid}\n${s.appid}\n${s.id}`.toLowerCase().includes(w))).map((s) => s.id).sort()
    }
    for (const query of ['globex #12', 'acme u2', 'u1 #1']) {
      for (let i = 1; i <= query.length; i++) {
        const typed = query.slice(0, i)
        expect(store.search(typed).map((s) => s.id).sort(), typed).toEqual(fresh(typed))
      }
      // And erased again, a key at a time (the narrowing must not carry over).
      for (let i = query.length - 1; i > 0; i--) expect(store.search(query.slice(0, i)).length).toBe(fresh(query.slice(0, i)).length)
    }
  })

  it('looks rows up by id, null for one that is gone', async () => {
    const { call } = await start()
    const [found, gone, broken] = await call<Array<SetupSummary | null>>('workspace:summaries', { ids: ['s7', 'no-such', 'broken'] })
    expect(found).toMatchObject({ id: 's7', name: 'Globex #7' })
    expect(gone).toBeNull()
    expect(broken?.error).toBeTruthy()
  })
})
