/**
 * The workspace, history and settings channels through the real composition
 * (the same registry the app and the Chromium harness use), on real files.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createMainApp } from '../../../../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../../../../src/main/app/node-options'
import { makeTempDir, readAllFiles } from '../../../support/temp-dir'

const ORIGIN = 'app://workbench'
const trusted = { url: `${ORIGIN}/index.html`, isMainFrame: true }
const SENTINEL = 'SENTINEL-ipc-workspace-5521'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function start(extra: Parameters<typeof nodeMainAppOptions>[1] = { rendererOrigin: ORIGIN }, dir?: string) {
  const temp = dir ? { dir, cleanup: () => {} } : makeTempDir()
  const app = await createMainApp(nodeMainAppOptions(temp.dir, extra))
  cleanups.push(temp.cleanup, () => app.close())
  const call = async <T = unknown>(channel: string, payload?: unknown): Promise<T> => {
    const result = await app.registry.invoke(channel, payload, trusted)
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
    return result.value as T
  }
  return { app, dir: temp.dir, call }
}

const setup = (name: string) => ({
  formatVersion: 1,
  name,
  environment: 'Offline sandbox',
  widget: 'page-view',
  qrvey86OrNewer: true,
  token: { userid: 'izfZIkc', appid: '59VShVtjM', clientid: 'support@example.com', expiresIn: '1h' },
  widgetFields: { dashboardId: 'overview' }
})

describe('workspace channels', () => {
  it('saves a setup as a file in the workspace, lists, searches, and round-trips export and import', async () => {
    const { app, call } = await start()
    const saved = await call<{ summary: { id: string; file: string } }>('workspace:save', { setup: setup('Acme / prod: page view') })
    const file = join(app.workspace.path, saved.summary.file)
    expect(readFileSync(file, 'utf8')).toContain('"name": "Acme / prod: page view"')
    expect((await call<{ setups: unknown[] }>('workspace:info')).setups).toHaveLength(1)
    expect(await call<unknown[]>('workspace:search', { query: 'acme' })).toHaveLength(1)

    const exported = await call<{ text: string; fileName: string }>('workspace:export', { ids: [saved.summary.id] })
    expect(JSON.parse(exported.text)).toMatchObject({ format: 'qrvey-embed-workbench', formatVersion: 1 })
    await call('workspace:delete', { ids: [saved.summary.id] })
    expect((await call<{ setups: unknown[] }>('workspace:info')).setups).toHaveLength(0)

    const preview = await call<{ importId: string; counts: { add: number } }>('workspace:import-preview', { text: exported.text })
    expect(preview.counts.add).toBe(1)
    await call('workspace:import-apply', { importId: preview.importId })
    expect((await call<{ setups: Array<{ name: string }> }>('workspace:info')).setups.map((s) => s.name)).toEqual(['Acme / prod: page view'])
  })

  it('refuses an import that is not valid, naming why, and changes nothing', async () => {
    const { app } = await start()
    const result = await app.registry.invoke('workspace:import-preview', { text: '{"format":"qrvey-embed-workbench","formatVersion":99,"setups":[]}' }, trusted)
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    if (!result.ok) expect(result.error.message).toMatch(/version/i)
  })

  it('switches to another workspace folder chosen in the dialog, with its own setups and environments', async () => {
    const other = makeTempDir()
    cleanups.push(other.cleanup)
    const answers = [other.dir]
    const events: string[] = []
    const { app, call } = await start({ rendererOrigin: ORIGIN, chooseFolder: async () => answers.shift(), emit: (event) => events.push(event) })
    await call('workspace:save', { setup: setup('In the first folder') })
    const state = await call<{ path: string; setups: unknown[] }>('workspace:choose-folder')
    expect(state).toMatchObject({ path: other.dir, setups: [] })
    expect(app.settings.get().workspace.path).toBe(other.dir)
    expect(events).toContain('workspace:changed')
    expect(events).toContain('environments:changed')
    expect((await call<{ environments: Array<{ name: string }> }>('environments:list')).environments.map((e) => e.name)).toEqual(['Offline sandbox'])
  })

  it('says a folder dialog needs the desktop app where there is none', async () => {
    const { app } = await start()
    expect(await app.registry.invoke('workspace:choose-folder', undefined, trusted)).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } })
  })

  it('takes a typed workspace path only in browser mode; the desktop app keeps to its dialog', async () => {
    const other = makeTempDir()
    cleanups.push(other.cleanup)
    const desktop = await start({ rendererOrigin: ORIGIN, chooseFolder: async () => undefined })
    const before = desktop.app.workspace.path
    expect(await desktop.app.registry.invoke('workspace:open-folder', { path: other.dir }, trusted)).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } })
    expect(desktop.app.workspace.path).toBe(before)
    expect(desktop.app.settings.get().workspace.path).toBeUndefined()

    const browser = await start({ rendererOrigin: ORIGIN, shell: 'browser' })
    expect((await browser.call<{ canTypeFolder: boolean; canChooseFolder: boolean }>('app:info'))).toMatchObject({ canTypeFolder: true, canChooseFolder: false })
    await browser.call('workspace:save', { setup: setup('In the first folder') })
    expect(await browser.call('workspace:open-folder', { path: other.dir })).toMatchObject({ path: other.dir, setups: [] })
    expect(browser.app.settings.get().workspace.path).toBe(other.dir)
  })

  it('tells the page when a setup file changes on disk', async () => {
    const events: Array<{ event: string; payload: unknown }> = []
    const { app, call } = await start({ rendererOrigin: ORIGIN, emit: (event, payload) => events.push({ event, payload }) })
    const saved = await call<{ summary: { file: string } }>('workspace:save', { setup: setup('Edited outside') })
    const path = join(app.workspace.path, saved.summary.file)
    writeFileSync(path, readFileSync(path, 'utf8').replace('support@example.com', 'other@example.com'))
    await expect.poll(() => events.some((e) => e.event === 'workspace:changed'), { timeout: 5000 }).toBe(true)
    const record = await call<{ setup: { token: { clientid: string } } }>('workspace:get', { id: saved.summary.file.replace(/^setups\//, '').replace(/\.json$/, '') })
    expect(record.setup.token.clientid).toBe('other@example.com')
  })
})

describe('history channel', () => {
  it('records token requests with what a re-run needs, never the key or the full token', async () => {
    const { app, dir, call } = await start()
    const env = await call<{ activeId: string }>('environments:create', { name: 'Customer', domain: app.sandbox.url, apiKey: SENTINEL })
    await app.registry.invoke('tokens:generate', { environmentId: env.activeId, body: { userid: 'u', appid: '59VShVtjM' }, context: { setupName: 'Ticket 42', widgetId: 'page-view' } }, trusted)
    const ok = await call<{ token: string }>('tokens:generate', { environmentId: 'sandbox', body: { userid: 'u', appid: '59VShVtjM' } })
    const entries = await call<Array<Record<string, unknown>>>('history:list', {})
    expect(entries).toHaveLength(2)
    expect(entries[1]).toMatchObject({ kind: 'token', status: 'failure', setupName: 'Ticket 42', environmentName: 'Customer', errorCode: 'HTTP_401', request: { environmentId: env.activeId, widgetId: 'page-view' } })
    expect(entries[0]).toMatchObject({ kind: 'token', status: 'success', httpStatus: 200, token: { format: 'JWE' } })
    expect(await call<unknown[]>('history:list', { text: 'ticket 42' })).toHaveLength(1)
    const everything = JSON.stringify(entries) + readAllFiles(dir).map((f) => f.text).join('\n')
    expect(everything).not.toContain(SENTINEL)
    expect(everything).not.toContain(ok.token)
  })
})

describe('history names the environment a token request went to', () => {
  it('from the read that resolved it: the current name after a rename, none for an unknown environment', async () => {
    // The handler takes the name from the token service's own read of the environments (issue 15);
    // it must still be the name at the time of the request, never an earlier one.
    const { app, call } = await start()
    await call('tokens:generate', { environmentId: 'sandbox', body: { userid: 'u', appid: '59VShVtjM' } })
    const env = await call<{ activeId: string }>('environments:create', { name: 'Customer', domain: app.sandbox.url, apiKey: app.sandbox.apiKey })
    await call('tokens:generate', { environmentId: env.activeId, body: { userid: 'u', appid: '59VShVtjM' } })
    await call('environments:update', { id: env.activeId, name: 'Customer renamed' })
    await call('tokens:generate', { environmentId: env.activeId, body: { userid: 'u', appid: '59VShVtjM' } })
    await call('environments:remove-key', { id: env.activeId })
    const noKey = await app.registry.invoke('tokens:generate', { environmentId: env.activeId, body: { userid: 'u', appid: '59VShVtjM' } }, trusted)
    expect(noKey).toMatchObject({ ok: false, error: { code: 'NO_API_KEY' } })
    const unknown = await app.registry.invoke('tokens:generate', { environmentId: 'no-such-environment', body: { userid: 'u', appid: '59VShVtjM' } }, trusted)
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const entries = await call<Array<{ status: string; environmentName?: string; errorCode?: string }>>('history:list', {})
    expect(entries.map((e) => [e.status, e.environmentName, e.errorCode])).toEqual([
      ['failure', 'Customer renamed', 'NO_API_KEY'],
      ['success', 'Customer renamed', undefined],
      ['success', 'Customer', undefined],
      ['success', app.environments.state().environments.find((e) => e.id === 'sandbox')?.name, undefined]
    ])
  })
})

describe('start-up with damaged files', () => {
  it('moves a truncated settings file aside, reports it, and keeps the setups', async () => {
    const temp = makeTempDir()
    cleanups.push(temp.cleanup)
    const first = await start({ rendererOrigin: ORIGIN }, temp.dir)
    await first.call('workspace:save', { setup: setup('Survivor') })
    await first.call('settings:update', { ui: { theme: 'dark' } })
    await first.app.close()
    writeFileSync(join(temp.dir, 'settings.json'), '{"settingsFormatVersion": 2, "ui": {"th')
    mkdirSync(join(temp.dir, 'workspace'), { recursive: true })

    const second = await start({ rendererOrigin: ORIGIN }, temp.dir)
    const info = await second.call<{ notices: string[] }>('app:info')
    expect(info.notices.join('\n')).toMatch(/settings file was damaged and was moved aside to .*settings\.corrupt-/)
    expect((await second.call<{ report: { recovered?: { backupPath: string } } }>('settings:get')).report.recovered?.backupPath).toMatch(/settings\.corrupt-/)
    expect((await second.call<{ setups: Array<{ name: string }> }>('workspace:info')).setups.map((s) => s.name)).toEqual(['Survivor'])
  })
})
