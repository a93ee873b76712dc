/**
 * The import worker is kept between imports (src/main/workspace/import-thread.ts):
 * ending it as each import finished overlapped its teardown with main's own
 * work on the items, the largest stall a 16 MB import had left (issue 15;
 * measured by bench/secret-guard-scale.ts, not here). Kept, it must give every
 * import what parsing in place gives, end when idle, and never hold a Node
 * process open.
 */
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseImportInput } from '../../../../src/main/workspace/import-file'
import { endKeptWorker, importWorkerStarts, parseImportOffThread } from '../../../../src/main/workspace/import-thread'

const OFF_THREAD = { inThreadBelow: 0, onFallback: (reason: string) => expect.unreachable(`fell back to the main thread: ${reason}`) }

function exportText(names: string[]): string {
  const setups = names.map((name, i) => ({ formatVersion: 1, name, environment: 'Acme prod', widget: 'page-view', token: { userid: `u${i}`, appid: 'a1' }, widgetFields: { dashboardId: `d${i}` } }))
  return JSON.stringify({ format: 'qrvey-embed-workbench', formatVersion: 1, setups, environments: [] })
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

describe('the kept import worker', () => {
  it('serves imports in a row, a refusal between them included, each giving what parsing in place gives', async () => {
    endKeptWorker()
    const before = importWorkerStarts.count
    const texts = [exportText(['First', 'Second']), '{"format": "qrvey-embed-workbench", "setups": [', exportText(['Third 😀']), exportText([])]
    for (const text of texts) expect(await parseImportOffThread(text, OFF_THREAD)).toEqual(parseImportInput(text))
    expect(importWorkerStarts.count - before).toBe(1)
  })

  it('ends after keepWorkerMs without an import, and when asked; the next import starts another that works', async () => {
    endKeptWorker()
    const before = importWorkerStarts.count
    const text = exportText(['Kept'])
    await parseImportOffThread(text, { ...OFF_THREAD, keepWorkerMs: 50 })
    await sleep(300)
    expect(await parseImportOffThread(text, OFF_THREAD)).toEqual(parseImportInput(text))
    expect(importWorkerStarts.count - before).toBe(2)
    endKeptWorker()
    expect(await parseImportOffThread(text, OFF_THREAD)).toEqual(parseImportInput(text))
    expect(importWorkerStarts.count - before).toBe(3)
  })

  it('does not keep a Node process alive once its import is done (the CLI and tests end on their own)', () => {
    const module = resolve(import.meta.dirname, '../../../../src/main/workspace/import-thread.ts')
    const script = `const { parseImportOffThread } = await import(${JSON.stringify(module)});
      const parsed = await parseImportOffThread(${JSON.stringify(exportText(['Alone']))}, { inThreadBelow: 0, keepWorkerMs: 600000, onFallback: (r) => { console.error(r); process.exit(3) } });
      console.log(parsed.ok ? 'parsed' : 'refused')`
    // Kept for ten minutes: only an unref'd worker lets the process end before. The timeout only catches a process that never ends; how long it takes is not the point.
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 })
    expect(child.signal, `the process was still running after 60 s: ${child.stderr}`).toBeNull()
    expect(child.stdout.trim()).toBe('parsed')
    expect(child.status).toBe(0)
  })
})
