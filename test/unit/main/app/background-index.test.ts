/**
 * App start with a large workspace (issue 15): createMainApp does not wait
 * for every setup file to be read; the index goes on in the background, and
 * what reads the list waits for it, so no answer comes from half a folder.
 * A small workspace is indexed before start-up completes, as before.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createMainApp } from '../../../../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../../../../src/main/app/node-options'
import { SMALL_WORKSPACE } from '../../../../src/main/workspace/workspace-service'
import type { WorkspaceState } from '../../../../src/shared/ipc-contract'
import { serializeSetup, setupSchema } from '../../../../src/shared/setup'
import type { SetupPage } from '../../../../src/shared/workspace'
import { makeTempDir } from '../../../support/temp-dir'

const ORIGIN = 'app://workbench'
const trusted = { url: `${ORIGIN}/index.html`, isMainFrame: true }
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

function seed(count: number) {
  const temp = makeTempDir('qwb-bg-index-')
  cleanups.push(temp.cleanup)
  const setups = join(temp.dir, 'workspace', 'setups')
  mkdirSync(setups, { recursive: true })
  for (let i = 0; i < count; i++) {
    writeFileSync(join(setups, `s${i}.json`), serializeSetup(setupSchema.parse({ formatVersion: 1, name: `Setup ${i}`, environment: 'Offline sandbox', widget: 'page-view', token: { userid: `u${i}`, appid: 'a' }, widgetFields: {} })))
  }
  writeFileSync(join(setups, 'zz-broken.json'), '{"formatVersion": 1, "name": ')
  return temp.dir
}

async function start(dir: string) {
  const notices: string[][] = []
  const app = await createMainApp(nodeMainAppOptions(dir, { rendererOrigin: ORIGIN, emit: (event, payload) => event === 'app:notices' && notices.push(payload as string[]) }))
  cleanups.push(() => app.close())
  const call = async <T>(channel: string, payload?: unknown): Promise<T> => {
    const result = await app.registry.invoke(channel, payload, trusted)
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
    return result.value as T
  }
  return { app, call, notices }
}

describe('workspace index at start', () => {
  it('a large workspace: start does not wait for the index; the list channels do, and the unreadable file is told afterwards', async () => {
    const count = 3000
    const dir = seed(count)
    const { app, call, notices } = await start(dir)
    // Returned while the folder was still being read.
    const atReturn = app.workspace.store.list().length
    expect(atReturn).toBeLessThan(count + 1)
    // The window's first calls are answered meanwhile.
    expect((await call<{ environments: unknown[] }>('environments:list')).environments.length).toBeGreaterThan(0)
    // The list waits for the whole index: never half a folder.
    const state = await call<WorkspaceState>('workspace:info')
    expect(state.total).toBe(count + 1)
    expect(state.unreadable).toBe(1)
    expect((await call<SetupPage>('workspace:page', { query: 'setup 2999', offset: 0, limit: 5 })).items.map((s) => s.name)).toEqual(['Setup 2999'])
    expect(notices.flat().join('\n')).toContain('setups/zz-broken.json')
    expect((await call<{ notices: string[] }>('app:info')).notices.join('\n')).toContain('setups/zz-broken.json')
  }, 120_000)

  it('a small workspace is indexed before start-up completes', async () => {
    const dir = seed(SMALL_WORKSPACE - 10)
    const { app } = await start(dir)
    expect(app.workspace.store.list()).toHaveLength(SMALL_WORKSPACE - 9)
    expect(app.notices().join('\n')).toContain('setups/zz-broken.json')
  }, 120_000)
})
