/**
 * Issue 7: "no bounds". The log rotates by size and never stops the app;
 * a history entry has a size limit (a huge token body is kept without its
 * request, so without re-run); a history file that cannot be used is moved
 * aside instead of stopping the start.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { HistoryStore, MAX_ENTRY_CHARS } from '../../../../src/main/history/history-store'
import { FileLogger, SecretRedactor } from '../../../../src/main/logging/logger'
import { makeTempDir } from '../../../support/temp-dir'

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))
function folder(): string {
  const temp = makeTempDir('qwb-bounds-')
  cleanups.push(temp.cleanup)
  return temp.dir
}

describe('main.log', () => {
  it('rotates at its size limit, keeps N old files, and cuts overlong lines', () => {
    const dir = folder()
    const file = join(dir, 'logs', 'main.log')
    const logger = new FileLogger(file, new SecretRedactor(), { maxBytes: 10_000, keep: 2, maxLineChars: 1_000 })
    for (let i = 0; i < 200; i++) logger.log('info', 'tick', { i, text: 'y'.repeat(200) })
    logger.log('info', 'huge', { text: 'z'.repeat(50_000) })
    const names = readdirSync(join(dir, 'logs')).sort()
    expect(names).toEqual(['main.1.log', 'main.2.log', 'main.log'])
    for (const name of names) expect(statSync(join(dir, 'logs', name)).size).toBeLessThanOrEqual(10_000)
    const last = readFileSync(file, 'utf8').trim().split('\n').at(-1)!
    expect(last.length).toBeLessThanOrEqual(1_000)
    expect(JSON.parse(last)).toMatchObject({ event: 'huge', truncated: expect.any(Number) })
  })

  it('never throws when it cannot write (a folder put where the log is, while running)', () => {
    const dir = folder()
    const file = join(dir, 'logs', 'main.log')
    const logger = new FileLogger(file, new SecretRedactor())
    logger.log('info', 'first')
    rmSync(file)
    mkdirSync(file)
    expect(() => logger.log('info', 'second')).not.toThrow()
  })
})

describe('history bounds', () => {
  it('an entry with a huge request is kept without its request (no re-run); the line stays under the limit', () => {
    const dir = folder()
    const history = new HistoryStore({ file: join(dir, 'history.jsonl') })
    const body = { userid: 'u', appid: 'a', extra: Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`field${i}`, 'v'.repeat(20)])) }
    const added = history.add({ kind: 'token', status: 'success', timings: { total: 5 }, request: { environmentId: 'sandbox', body } })
    expect(added.ok).toBe(true)
    if (added.ok) expect(added.value.request).toBeUndefined()
    const line = readFileSync(join(dir, 'history.jsonl'), 'utf8').trim()
    expect(line.length).toBeLessThanOrEqual(MAX_ENTRY_CHARS)
    expect(history.add({ kind: 'token', status: 'failure', error: 'e'.repeat(100_000), timings: {} })).toMatchObject({ ok: true })
    expect(history.list()[0].error).toHaveLength(2000)
  })

  it('a history file that is a folder is moved aside; the app gets an empty history, not an exception', () => {
    const dir = folder()
    mkdirSync(join(dir, 'history.jsonl'))
    const history = new HistoryStore({ file: join(dir, 'history.jsonl') })
    expect(history.loadReport.movedAside).toEqual({ backupPath: expect.stringMatching(/history\.corrupt-.*\.jsonl$/), reason: 'it is not a file' })
    expect(history.add({ kind: 'preview', status: 'success', timings: {} }).ok).toBe(true)
  })
})
