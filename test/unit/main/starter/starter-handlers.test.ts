/**
 * Issue 9: Export starter where there is no folder dialog. Through the real
 * composition on temp folders: browser mode writes to a typed folder, the
 * desktop app refuses a typed folder (it writes only where its own save
 * dialog pointed), and both give the starter as a .zip with the same files.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import { createMainApp } from '../../../../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../../../../src/main/app/node-options'
import { makeTempDir } from '../../../support/temp-dir'

const ORIGIN = 'app://workbench'
const trusted = { url: `${ORIGIN}/index.html`, isMainFrame: true }
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function start(shell: 'browser' | 'desktop') {
  const temp = makeTempDir()
  const app = await createMainApp(nodeMainAppOptions(temp.dir, { rendererOrigin: ORIGIN, shell, sandboxPort: 0 }))
  cleanups.push(temp.cleanup, () => app.close())
  return { dir: temp.dir, invoke: (channel: string, payload?: unknown) => app.registry.invoke(channel, payload, trusted), app }
}

const request = { languageId: 'node-fetch', widgetId: 'page-view', domain: 'https://acme.qrveyapp.com', body: { userid: 'u1', appid: 'a1' }, fields: { dashboardId: 'overview' }, qrvey86OrNewer: true }

describe('Export starter without a folder dialog', () => {
  it('browser mode: writes to a typed new folder; refuses a folder with files, a relative path', async () => {
    const { dir, invoke } = await start('browser')
    const info = await invoke('app:info')
    expect(info.ok && info.value).toMatchObject({ canExportStarter: false, canTypeStarterFolder: true })
    // Without a folder: says what to do instead.
    const none = await invoke('code:export-starter', request)
    expect(!none.ok && none.error.message).toMatch(/type the path of a new or empty folder.*\.zip/)

    const folder = join(dir, 'starter')
    const written = await invoke('code:export-starter', { ...request, folder })
    expect(written.ok).toBe(true)
    expect(readdirSync(folder).sort()).toEqual(['README.md', 'index.html', 'package.json', 'server.mjs'].sort())

    const busy = join(dir, 'busy')
    mkdirSync(busy)
    writeFileSync(join(busy, 'mine.txt'), 'keep')
    const refused = await invoke('code:export-starter', { ...request, folder: busy })
    expect(!refused.ok && refused.error.message).toContain('already has files')
    expect(readdirSync(busy)).toEqual(['mine.txt'])
    const relative = await invoke('code:export-starter', { ...request, folder: 'here' })
    expect(!relative.ok && relative.error.code).toBe('INVALID_INPUT')
  })

  it('the desktop app refuses a typed folder (only its save dialog decides where files go)', async () => {
    const { dir, invoke } = await start('desktop')
    const reply = await invoke('code:export-starter', { ...request, folder: join(dir, 'x') })
    expect(!reply.ok && reply.error.code).toBe('UNSUPPORTED')
    expect(readdirSync(dir)).not.toContain('x')
  })

  it('the .zip holds the same files under one folder, in either shell', async () => {
    const { dir, invoke } = await start('browser')
    const folder = join(dir, 'written')
    await invoke('code:export-starter', { ...request, folder })
    const zipped = await invoke('code:starter-zip', request)
    expect(zipped.ok).toBe(true)
    if (!zipped.ok) return
    const value = zipped.value as { fileName: string; base64: string; files: string[] }
    expect(value.fileName).toBe('qrvey-starter-node-fetch.zip')
    const entries = unzipSync(Buffer.from(value.base64, 'base64'))
    expect(Object.keys(entries).sort()).toEqual(readdirSync(folder).map((f) => `qrvey-starter-node-fetch/${f}`).sort())
    for (const name of readdirSync(folder)) expect(strFromU8(entries[`qrvey-starter-node-fetch/${name}`])).toBe(readFileSync(join(folder, name), 'utf8'))
    // The same request gives the same bytes.
    const again = await invoke('code:starter-zip', request)
    expect(again.ok && (again.value as { base64: string }).base64).toBe(value.base64)
  })
})
