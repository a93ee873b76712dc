/**
 * StatCheckedStore: conf's file is read again only when a stat shows it
 * changed (issue 15: conf re-read the secrets file on every token request).
 * What must hold: no change is ever missed, whoever makes it and however, a
 * damaged file is still recovered from, values handed out are copies, and
 * the read is really skipped while nothing changed. Real conf files in a
 * temp folder; the clock is moved forward instead of waiting out the racy
 * window (a version is trusted only once it is older than that).
 */
import * as fs from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { RACY_WINDOW_MS } from '../../../../src/main/storage/file-version'
import { openGuardedStore } from '../../../../src/main/storage/guarded-store'
import { nodeStoreOpener } from '../../../../src/main/storage/node-store'
import { StatCheckedStore } from '../../../../src/main/storage/stat-checked-store'
import { makeTempDir } from '../../../support/temp-dir'

const temps: Array<{ cleanup(): void }> = []
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()))

/** A clock past the racy window of anything written now. */
const later = () => Date.now() + RACY_WINDOW_MS + 10_000

function setUp(clock: () => number = later) {
  const temp = makeTempDir('qwb-statstore-')
  temps.push(temp)
  const open = nodeStoreOpener(temp.dir)
  const conf = open('secrets')
  conf.set('secrets', { a: 'one' })
  const store = new StatCheckedStore(conf, { clock })
  // Another process with the same file: a second conf on it.
  return { store, other: open('secrets'), path: conf.path, dir: temp.dir }
}

describe('StatCheckedStore: a stat per get, the conf file read only when it changed', () => {
  it('skips the read while nothing changed', () => {
    const { store } = setUp()
    for (let i = 0; i < 6; i++) expect(store.get('secrets')).toEqual({ a: 'one' })
    expect(store.innerReads).toBe(1)
    expect(store.get('other')).toBeUndefined()
    expect(store.get('other')).toBeUndefined()
    expect(store.innerReads).toBe(2)
  })

  it('reads every time while the file changed within the racy window (coarse timestamps could hide a write)', () => {
    const { store } = setUp(Date.now)
    for (let i = 0; i < 3; i++) store.get('secrets')
    expect(store.innerReads).toBe(3)
  })

  it('sees its own writes and deletes at once', () => {
    const { store } = setUp()
    store.get('secrets')
    store.set('secrets', { a: 'two' })
    expect(store.get('secrets')).toEqual({ a: 'two' })
    store.delete('secrets')
    expect(store.get('secrets')).toBeUndefined()
  })

  it("sees another process's write at once, also one of the same size with its times set back", () => {
    const { store, other, path } = setUp()
    // Whole seconds in the past, so that setting them again restores the very same nanoseconds.
    const stamp = new Date(Math.floor(Date.now() / 1000) * 1000 - 5000)
    fs.utimesSync(path, stamp, stamp)
    expect(store.get('secrets')).toEqual({ a: 'one' })
    expect(store.get('secrets')).toEqual({ a: 'one' })
    const reads = store.innerReads
    const before = fs.statSync(path, { bigint: true })
    other.set('secrets', { a: 'two' })
    fs.utimesSync(path, stamp, stamp)
    const after = fs.statSync(path, { bigint: true })
    expect(after.size).toBe(before.size)
    expect(after.mtimeNs).toBe(before.mtimeNs)
    expect(store.get('secrets')).toEqual({ a: 'two' })
    expect(store.innerReads).toBe(reads + 1)
  })

  it('sees a file replaced by rename, a deleted file (conf defaults, nothing remembered) and its return', () => {
    const { store, path, dir } = setUp()
    expect(store.get('secrets')).toEqual({ a: 'one' })
    fs.writeFileSync(join(dir, 'next.json'), JSON.stringify({ secrets: { a: 'renamed' } }))
    fs.renameSync(join(dir, 'next.json'), path)
    expect(store.get('secrets')).toEqual({ a: 'renamed' })
    fs.rmSync(path)
    expect(store.get('secrets')).toBeUndefined()
    const reads = store.innerReads
    expect(store.get('secrets')).toBeUndefined()
    expect(store.innerReads, 'a missing file is asked every time').toBe(reads + 1)
    fs.writeFileSync(path, JSON.stringify({ secrets: { a: 'back' } }))
    expect(store.get('secrets')).toEqual({ a: 'back' })
  })

  it('hands out copies: changing a value that was read changes nothing remembered', () => {
    const { store } = setUp()
    const first = store.get('secrets') as Record<string, string>
    first.a = 'changed by a caller'
    const second = store.get('secrets') as Record<string, string>
    expect(second).toEqual({ a: 'one' })
    second.a = 'changed again'
    expect(store.get('secrets')).toEqual({ a: 'one' })
    expect(store.innerReads).toBe(1)
  })

  it('inside the guarded store: a file damaged on disk while values are remembered is moved aside, not read from memory', () => {
    const temp = makeTempDir('qwb-statstore-')
    temps.push(temp)
    const open = nodeStoreOpener(temp.dir)
    const path = join(temp.dir, 'secrets.json')
    const recoveries: unknown[] = []
    const { store } = openGuardedStore({ open: () => new StatCheckedStore(open('secrets'), { clock: later }), filePath: path, onRecovered: (r) => recoveries.push(r) })
    store.set('secrets', { a: 'one' })
    expect(store.get('secrets')).toEqual({ a: 'one' })
    expect(store.get('secrets')).toEqual({ a: 'one' })
    fs.writeFileSync(path, '{ damaged')
    expect(store.get('secrets')).toBeUndefined()
    expect(recoveries).toEqual([expect.objectContaining({ recovered: true, backupPath: expect.any(String) })])
    const { backupPath } = recoveries[0] as { backupPath: string }
    expect(fs.readFileSync(backupPath, 'utf8'), 'the damaged file is kept aside, not lost').toBe('{ damaged')
  })
})
