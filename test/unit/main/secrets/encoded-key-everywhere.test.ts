/**
 * Issue 7, point 1, beyond token requests: the one detector (key-echo) guards
 * the workspace files, the history and the log, so a key written there in
 * any encoding is refused or redacted, through the real composition.
 */
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { createMainApp, type MainApp } from '../../../../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../../../../src/main/app/node-options'
import { findKeyEncodings, keyEncodings, makeSentinel } from '../../../support/key-encodings'
import { makeTempDir, readAllFiles } from '../../../support/temp-dir'

const ORIGIN = 'app://workbench'
const SENDER = { url: `${ORIGIN}/`, isMainFrame: true }
const KEY = makeSentinel({ withSpace: false, withNonAscii: false })

let app: MainApp | undefined
let temp: ReturnType<typeof makeTempDir> | undefined
afterEach(async () => {
  await app?.close()
  temp?.cleanup()
})

async function appWithKey(): Promise<MainApp> {
  temp = makeTempDir('qwb-encoded-')
  app = await createMainApp(nodeMainAppOptions(temp.dir, { rendererOrigin: ORIGIN }))
  const created = await app.registry.invoke('environments:create', { name: 'Customer', domain: 'https://customer.example.com', apiKey: KEY }, SENDER)
  expect(created.ok).toBe(true)
  return app
}

describe('a known key in any encoding', () => {
  it('is refused in a setup saved to the workspace (and so in its exports and share text)', async () => {
    const a = await appWithKey()
    for (const { name, form } of keyEncodings(KEY)) {
      const saved = await a.registry.invoke('workspace:save', { setup: { formatVersion: 1, name: `Leak ${name}`, notes: `see ${form} here` } }, SENDER)
      expect(saved, name).toMatchObject({ ok: false, error: { message: expect.stringContaining('API key') } })
    }
    for (const file of readAllFiles(a.workspace.store.dir)) expect(findKeyEncodings(file.text, KEY), file.path).toEqual([])
  })

  it('is refused in a history entry', async () => {
    const a = await appWithKey()
    const clean = await a.registry.invoke('history:record-preview', { environmentId: 'sandbox', status: 'success', widgetId: 'dashboard-view', timings: { total: 1 } }, SENDER)
    expect(clean.ok).toBe(true)
    for (const { name, form } of keyEncodings(KEY)) {
      const recorded = await a.registry.invoke('history:record-preview', { environmentId: 'sandbox', status: 'failure', widgetId: 'dashboard-view', timings: {}, error: `console said ${form}` }, SENDER)
      expect(recorded.ok, name).toBe(false)
    }
    const lines = readFileSync(a.history.file, 'utf8').trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(findKeyEncodings(lines.join('\n'), KEY)).toEqual([])
  })

  it('is redacted from the log', async () => {
    const a = await appWithKey()
    const logger = (a as unknown as { registry: { logger: { log(level: string, event: string, fields: object): void } } }).registry.logger
    for (const { name, form } of keyEncodings(KEY)) logger.log('warn', 'test.echo', { name, message: `server said ${form}`, nested: { split: `${form.slice(0, 4)}\n${form.slice(4)}` } })
    const log = readFileSync(a.logFile, 'utf8')
    expect(log).toContain('test.echo')
    expect(findKeyEncodings(log, KEY)).toEqual([])
  })
})

describe('a known key in three layers of escapes, in a string the JSON text escapes once more (found in review)', () => {
  // \u of %XX of %XX: three layers the detector undoes; in a JSON file or line its backslashes are
  // escaped again, a fourth. The guards and the log used to search only that JSON text.
  const u = (t: string) => [...t].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')
  const pct = (t: string) => [...Buffer.from(t, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')
  const form = u(pct(pct(KEY)))
  const inFile = JSON.stringify(form).slice(1, 41)

  it('is refused in a setup and a history entry, and redacted from the log', async () => {
    const a = await appWithKey()
    const saved = await a.registry.invoke('workspace:save', { setup: { formatVersion: 1, name: 'Layered', notes: `see ${form} here` } }, SENDER)
    expect(saved).toMatchObject({ ok: false, error: { message: expect.stringContaining('API key') } })
    const recorded = await a.registry.invoke('history:record-preview', { environmentId: 'sandbox', status: 'failure', widgetId: 'dashboard-view', timings: {}, error: `console said ${form}` }, SENDER)
    expect(recorded.ok).toBe(false)
    const logger = (a as unknown as { registry: { logger: { log(level: string, event: string, fields: object): void } } }).registry.logger
    logger.log('warn', 'test.layered', { message: `server said ${form}` })
    const log = readFileSync(a.logFile, 'utf8')
    expect(log).toContain('test.layered')
    for (const file of [...readAllFiles(a.workspace.store.dir), { path: 'main.log', text: log }]) expect(file.text, file.path).not.toContain(inFile)
  })
})
