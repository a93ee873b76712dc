/**
 * Imports parsed on a worker thread (issue 7, point 4: a 16 MB import must
 * not stall main): the same result as parsing in place, bounded sizes, and
 * the hostile inputs of the issue complete. Stall figures: bench/secret-guard-scale.ts.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createMainApp } from '../../../../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../../../../src/main/app/node-options'
import { makeTempDir } from '../../../support/temp-dir'
import { parseImportInput } from '../../../../src/main/workspace/import-file'
import { parseImportOffThread } from '../../../../src/main/workspace/import-thread'
import { LIST_LIMIT, packImport, unpackImport } from '../../../../src/main/workspace/import-pack'

const OFF_THREAD = { inThreadBelow: 0, onFallback: (reason: string) => expect.unreachable(`fell back to the main thread: ${reason}`) }

function setup(i: number, fields: Record<string, unknown> = {}) {
  return {
    formatVersion: 1,
    name: `Setup ${i}`,
    environment: 'Acme prod',
    widget: 'page-view',
    token: { userid: `u${i}`, appid: 'a1', permissions: [{ dataset_id: 'ds', record_permissions: [{ security_name: 'region', validation_type: 'EQUAL', values: ['North'] }] }], extra: { orgId: 'acme' } },
    widgetFields: { dashboardId: `d${i}`, ...fields }
  }
}

const exportOf = (setups: unknown[], environments: unknown[] = []) => JSON.stringify({ format: 'qrvey-embed-workbench', formatVersion: 1, exportedAt: '2026-11-30T00:00:00.000Z', setups, environments })

describe('parseImportOffThread', () => {
  it('gives exactly what parsing in place gives: 2,000 setups, environments, dropped secrets', async () => {
    const setups = Array.from({ length: 2000 }, (_, i) => setup(i, i % 100 === 0 ? { apiKey: 'SENTINEL-key-0001' } : {}))
    const text = exportOf(setups, [{ name: 'Acme prod', domain: 'https://acme.example.com', timeoutMs: 5000 }])
    const inPlace = parseImportInput(text)
    const offThread = await parseImportOffThread(text, OFF_THREAD)
    expect(inPlace.ok).toBe(true)
    expect(offThread).toEqual(inPlace)
    expect(offThread.ok && offThread.document.setups).toHaveLength(2000)
    expect(offThread.ok && offThread.dropped).toHaveLength(20)
  })

  it('refuses what parsing in place refuses, with the same message', async () => {
    for (const text of ['{"format": "qrvey-embed-workbench", "formatVersion": 1, "setups": [', exportOf([{ ...setup(1), name: 5 }]), '[1, 2]']) {
      const offThread = await parseImportOffThread(text, OFF_THREAD)
      expect(offThread).toEqual(parseImportInput(text))
      expect(offThread.ok).toBe(false)
    }
  })

  it('refuses a setup larger than the limit, naming it and its size (the 5.6 M token-like run of the issue)', async () => {
    const huge = setup(7, { dashboardId: `eyJ${'a'.repeat(5_600_000)}.b.c` })
    const result = await parseImportOffThread(exportOf([setup(1), huge]), OFF_THREAD)
    expect(result).toMatchObject({ ok: false, field: 'setups[1]' })
    expect(!result.ok && result.message).toMatch(/^setups\[1\] \("Setup 7"\) is 5\.3 MB; one setup may be at most 256\.0 KB/)
  })

  it('reads the 5.6 M run and the 80 k field when the limit allows them: they are not tokens, and they are kept', async () => {
    const run = `eyJ${'a'.repeat(5_600_000)}.b.c`
    const field = 'A'.repeat(80_000)
    const result = await parseImportOffThread(exportOf([setup(1, { run, field })]), { ...OFF_THREAD, maxSetupChars: 10_000_000 })
    expect(result.ok).toBe(true)
    expect(result.ok && result.document.setups[0].widgetFields).toMatchObject({ run, field })
    expect(result.ok && result.dropped).toEqual([])
  })

  it('a file nested deeper than the parser can follow is refused, on either thread, never thrown', async () => {
    const placeholder = exportOf([{ ...setup(1), token: { userid: 'u', appid: 'a', extra: { deep: 'DEEP' } } }])
    const text = placeholder.replace('"DEEP"', '['.repeat(50_000) + ']'.repeat(50_000))
    for (const options of [OFF_THREAD, { inThreadBelow: Infinity }]) {
      const result = await parseImportOffThread(text, options)
      expect(result.ok).toBe(false)
      expect(!result.ok && result.message).toMatch(/could not be read|nested/)
    }
  })

  it('a file of thousands of secrets: the lists that reach main are bounded and say how many more there were', async () => {
    const extra = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`apiKey${i}`, 'x']))
    const text = exportOf([setup(1, {}), { ...setup(2), token: { userid: 'u', appid: 'a', extra } }])
    const packed = packImport(parseImportInput(text))
    expect(packed.ok && packed.dropped).toHaveLength(LIST_LIMIT + 1)
    expect(packed.ok && packed.notices.at(-1)).toBe('... and 800 more secrets were dropped.')
    const unpacked = await unpackImport(packed)
    expect(unpacked.ok && unpacked.document.setups[1].token.extra).toEqual({})
  })
})

describe('a large import through the IPC registry (the worker path, in the real composition)', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c()
  })

  it('previews and applies 1,500 setups (~1 MB, above the in-thread size): every file written', async () => {
    const temp = makeTempDir()
    const app = await createMainApp(nodeMainAppOptions(temp.dir, { rendererOrigin: 'app://workbench' }))
    cleanups.push(temp.cleanup, () => app.close())
    const trusted = { url: 'app://workbench/index.html', isMainFrame: true }
    const text = exportOf(Array.from({ length: 1500 }, (_, i) => setup(i, { note: 'x'.repeat(400) })))
    expect(text.length).toBeGreaterThan(256 * 1024)
    const preview = await app.registry.invoke('workspace:import-preview', { text }, trusted)
    expect(preview).toMatchObject({ ok: true, value: { counts: { add: 1500 } } })
    const importId = (preview as { value: { importId: string } }).value.importId
    expect(await app.registry.invoke('workspace:import-apply', { importId }, trusted)).toMatchObject({ ok: true })
    expect(readdirSync(join(app.workspace.path, 'setups')).filter((n) => n.endsWith('.json'))).toHaveLength(1500)
  })
})
