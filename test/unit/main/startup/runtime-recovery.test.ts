/**
 * Issue 7: "a store damaged while the app runs answers INTERNAL until
 * restart". Now the app's own stores recover while running as at start-up:
 * the damaged file is moved aside byte for byte, the user is told at once
 * (the app:notices event), and the call that met the damage succeeds. And
 * the workspace folder changes only through the folder dialog, all or
 * nothing.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createMainApp, type MainApp } from '../../../../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../../../../src/main/app/node-options'
import { createNodeCipher } from '../../../../src/main/secrets/node-cipher'
import { makeTempDir } from '../../../support/temp-dir'
import { ORIGIN, call, seedDataDir, startApp, trusted } from './seeded-app'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function started(options: { folderAnswers?: string[] } = {}) {
  const temp = makeTempDir('qwb-runtime-')
  await seedDataDir(temp.dir)
  const events: Array<{ event: string; payload: unknown }> = []
  const answers = options.folderAnswers ?? []
  const app: MainApp = await createMainApp({
    ...nodeMainAppOptions(temp.dir, { rendererOrigin: ORIGIN, version: 'test' }),
    cipher: createNodeCipher(Buffer.alloc(32, 9)),
    emit: (event, payload) => events.push({ event, payload }),
    chooseFolder: async () => answers.shift()
  })
  cleanups.push(temp.cleanup, () => app.close())
  return { app, dir: temp.dir, events, answers }
}

const corruptCopies = (dir: string, stem: string) => readdirSync(dir).filter((n) => n.startsWith(`${stem}.corrupt-`))

describe('a store damaged while the app runs', () => {
  it('secrets: the damaged file is moved aside, the user is told at once, and the new key is stored (and survives a restart)', async () => {
    const { app, dir, events } = await started()
    const acme = (await call<{ environments: Array<{ id: string; name: string }> }>(app, 'environments:list')).environments.find((e) => e.name === 'Acme')!
    writeFileSync(join(dir, 'secrets.json'), '{"secrets": ["not", "keys"]}')
    const result = await app.registry.invoke('environments:set-key', { id: acme.id, apiKey: 'new-acme-key-9876543210' }, trusted)
    expect(result.ok).toBe(true)
    const [backup] = corruptCopies(dir, 'secrets')
    expect(readFileSync(join(dir, backup), 'utf8')).toBe('{"secrets": ["not", "keys"]}')
    const notice = events.filter((e) => e.event === 'app:notices').at(-1)?.payload as string[]
    expect(notice.join('\n')).toMatch(/API key store file was damaged while the app was running and was moved aside to .*secrets\.corrupt-/)
    expect((await call<{ notices: string[] }>(app, 'app:info')).notices).toEqual(notice)
    await app.close()
    const again = await startApp(dir)
    cleanups.push(() => again.close())
    expect((await call<{ environments: Array<{ name: string; key: { set: boolean } }> }>(again, 'environments:list')).environments.find((e) => e.name === 'Acme')?.key).toEqual({ set: true, last4: '3210' })
  })

  it('settings truncated under the app: the next change recovers instead of failing', async () => {
    const { app, dir, events } = await started()
    writeFileSync(join(dir, 'settings.json'), '{"settingsFormatVersion": 2, "ui": {"th')
    const result = await app.registry.invoke('settings:update', { ui: { theme: 'light' } }, trusted)
    expect(result).toMatchObject({ ok: true, value: { ui: { theme: 'light' } } })
    expect(corruptCopies(dir, 'settings')).toHaveLength(1)
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).ui.theme).toBe('light')
    expect(events.some((e) => e.event === 'app:notices')).toBe(true)
  })

  it('the active-environment file turned into a list under the app: selecting works, the list is kept aside', async () => {
    const { app, dir } = await started()
    writeFileSync(join(dir, 'environments.json'), '["acme"]')
    const result = await app.registry.invoke('environments:select', { id: 'sandbox' }, trusted)
    expect(result).toMatchObject({ ok: true, value: { activeId: 'sandbox' } })
    expect(readFileSync(join(dir, corruptCopies(dir, 'environments')[0]), 'utf8')).toBe('["acme"]')
  })
})

describe('the workspace folder', () => {
  it('changes only through the folder dialog, and all or nothing', async () => {
    const { app, dir, answers } = await started()
    const before = await call<{ path: string; setups: unknown[] }>(app, 'workspace:info')

    // Not through settings:update (a compromised renderer could point main's writes anywhere).
    expect(await app.registry.invoke('settings:update', { workspace: { path: join(dir, 'elsewhere') } }, trusted)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })

    // A file where the folder should be: refused, the current workspace stays, environments keep working.
    const aFile = join(dir, 'not-a-folder')
    writeFileSync(aFile, 'x')
    answers.push(aFile)
    const refused = await app.registry.invoke('workspace:choose-folder', undefined, trusted)
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/cannot be opened as a workspace.*The current workspace stays open/) } })
    expect(await call(app, 'workspace:info')).toEqual(before)

    // A folder whose environments.json holds a key: refused before anything switches (the sandbox does not vanish).
    const hostile = join(dir, 'hostile')
    mkdirSync(hostile)
    const hostileFile = '{"environments":[{"id":"x","name":"X","kind":"remote","domain":"https://x.example.com","apiKey":"leaked-key-1234567"}]}'
    writeFileSync(join(hostile, 'environments.json'), hostileFile)
    answers.push(hostile)
    const refused2 = await app.registry.invoke('workspace:choose-folder', undefined, trusted)
    expect(refused2).toMatchObject({ ok: false, error: { message: expect.stringMatching(/secret-looking field.*The current workspace stays open/) } })
    expect(readFileSync(join(hostile, 'environments.json'), 'utf8')).toBe(hostileFile)
    expect(await call(app, 'workspace:info')).toEqual(before)
    expect(await app.registry.invoke('environments:create', { name: 'Still works', domain: 'https://ok.example.com' }, trusted)).toMatchObject({ ok: true })
    expect(JSON.parse(readFileSync(join(before.path, 'environments.json'), 'utf8')).environments.map((e: { name: string }) => e.name)).toContain('Still works')
    expect((await call<{ settings: { workspace: { path?: string } } }>(app, 'settings:get')).settings.workspace.path).toBeUndefined()

    // A good folder: switched, remembered.
    const good = join(dir, 'good')
    answers.push(good)
    const switched = await call<{ path: string }>(app, 'workspace:choose-folder')
    expect(switched.path).toBe(good)
    expect((await call<{ settings: { workspace: { path?: string } } }>(app, 'settings:get')).settings.workspace.path).toBe(good)
    expect((await call<{ environments: Array<{ id: string }> }>(app, 'environments:list')).environments.map((e) => e.id)).toContain('sandbox')
  })

  it('a chosen folder that is gone at start: the default workspace opens and the user is told', async () => {
    const temp = makeTempDir('qwb-gone-')
    cleanups.push(temp.cleanup)
    await seedDataDir(temp.dir)
    const gone = join(temp.dir, 'a-file-now')
    writeFileSync(gone, 'x')
    writeFileSync(join(temp.dir, 'settings.json'), JSON.stringify({ settingsFormatVersion: 2, workspace: { path: gone, recent: [gone] } }))
    const app = await startApp(temp.dir)
    cleanups.push(() => app.close())
    const info = await call<{ notices: string[] }>(app, 'app:info')
    expect(info.notices.join('\n')).toMatch(/workspace folder .*a-file-now could not be opened .*the default workspace .* is open instead/)
    expect((await call<{ setups: Array<{ name: string }> }>(app, 'workspace:info')).setups.map((s) => s.name)).toEqual(['Alpha'])
    // The choice is kept, to be tried again next time.
    expect((await call<{ settings: { workspace: { path?: string } } }>(app, 'settings:get')).settings.workspace.path).toBe(gone)
  })

  it('a file where the default workspace folder goes: moved aside, a new workspace starts, the user is told', async () => {
    const temp = makeTempDir('qwb-wsfile-')
    cleanups.push(temp.cleanup)
    writeFileSync(join(temp.dir, 'workspace'), 'not a folder')
    const app = await startApp(temp.dir)
    cleanups.push(() => app.close())
    const info = await call<{ notices: string[] }>(app, 'app:info')
    expect(info.notices.join('\n')).toMatch(/not a folder was where the default workspace goes .* moved aside to .*workspace\.corrupt-/)
    const moved = readdirSync(temp.dir).find((n) => n.startsWith('workspace.corrupt-'))!
    expect(readFileSync(join(temp.dir, moved), 'utf8')).toBe('not a folder')
    expect(await app.registry.invoke('workspace:save', { setup: { formatVersion: 1, name: 'New', token: { userid: 'u', appid: 'a' } } }, trusted)).toMatchObject({ ok: true })
  })
})
