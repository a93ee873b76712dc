/**
 * JsonFileStore reads environments.json again only when a stat shows the file
 * changed (issue 15: a read per token request was part of the handler path).
 * What must hold: a change is never missed, whoever makes it and however
 * (same size, timestamps set back, replaced by rename, deleted), and the read
 * is really skipped while nothing changed. Real files in a temp folder.
 */
import * as fs from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RACY_WINDOW_MS, unchangedSince } from '../../../../src/main/storage/file-version'
import { JsonFileStore } from '../../../../src/main/workspace/json-file-store'
import { tempDir } from './helpers'


const text = (name: string) => JSON.stringify({ environments: [{ id: 'a', name }] })
/** Sets a file's times `ms` into the past (its change time still moves to now: no program can set that back). */
const age = (path: string, ms: number) => fs.utimesSync(path, new Date(Date.now() - ms), new Date(Date.now() - ms))
/**
 * Waits (a few ms at most) until the clock is past the file's change time. With racyWindowMs 0 a version
 * counts as unchanged only once it is strictly older than the read: a read in the very millisecond of
 * the write re-reads, as it must, which made the "read once" counts below flaky (CI, stop 27).
 */
const pastChange = (path: string) => {
  // The store's own rule (file-version.ts), with the window the tests give it.
  while (!unchangedSince(fs.statSync(path, { bigint: true }), Date.now(), 0)) {
    // spin: the wait is shorter than a timer's resolution
  }
}

describe('JsonFileStore: a stat per read, the file read only when it changed', () => {
  it('skips the read while nothing changed, once the version is older than the racy window', () => {
    const path = join(tempDir(), 'environments.json')
    fs.writeFileSync(path, text('Alpha'))
    pastChange(path)
    const store = new JsonFileStore(path, { racyWindowMs: 0 })
    expect(store.get('environments')).toEqual([{ id: 'a', name: 'Alpha' }])
    for (let i = 0; i < 5; i++) expect(store.get('environments')).toEqual([{ id: 'a', name: 'Alpha' }])
    expect(store.textReads).toBe(1)
  })

  it('reads every time while the file changed within the racy window (coarse timestamps could hide a write)', () => {
    const path = join(tempDir(), 'environments.json')
    fs.writeFileSync(path, text('Alpha'))
    const store = new JsonFileStore(path)
    for (let i = 0; i < 3; i++) store.get('environments')
    expect(RACY_WINDOW_MS).toBeGreaterThanOrEqual(2000)
    expect(store.textReads).toBe(3)
  })

  it('does not trust a version whose times were set into the past: its change time is now', () => {
    const path = join(tempDir(), 'environments.json')
    fs.writeFileSync(path, text('Alpha'))
    age(path, 60_000)
    const store = new JsonFileStore(path)
    store.get('environments')
    store.get('environments')
    expect(store.textReads).toBe(2)
  })

  it('sees an edit of the same size with its times set back at once (the change time moves)', () => {
    const path = join(tempDir(), 'environments.json')
    fs.writeFileSync(path, text('Alpha'))
    // Whole milliseconds, so that setting them again restores the very same nanoseconds.
    const stamp = new Date(Math.floor(Date.now() / 1000) * 1000 - 5000)
    fs.utimesSync(path, stamp, stamp)
    const store = new JsonFileStore(path, { racyWindowMs: 0 })
    store.get('environments')
    const before = fs.statSync(path, { bigint: true })
    fs.writeFileSync(path, text('Omega'))
    fs.utimesSync(path, stamp, stamp)
    const after = fs.statSync(path, { bigint: true })
    expect([after.ino, after.size, after.mtimeNs]).toEqual([before.ino, before.size, before.mtimeNs])
    expect(store.get('environments')).toEqual([{ id: 'a', name: 'Omega' }])
  })

  it('sees a file replaced by rename (git checkout, an editor), a deleted file and its return', () => {
    const dir = tempDir()
    const path = join(dir, 'environments.json')
    fs.writeFileSync(path, text('Alpha'))
    pastChange(path)
    const store = new JsonFileStore(path, { racyWindowMs: 0 })
    store.get('environments')
    store.get('environments')
    expect(store.textReads).toBe(1)
    fs.writeFileSync(join(dir, 'next.json'), text('Bravo'))
    age(join(dir, 'next.json'), 10_000)
    fs.renameSync(join(dir, 'next.json'), path)
    expect(store.get('environments')).toEqual([{ id: 'a', name: 'Bravo' }])
    fs.rmSync(path)
    expect(store.get('environments')).toBeUndefined()
    fs.writeFileSync(path, text('Bravo'))
    expect(store.get('environments')).toEqual([{ id: 'a', name: 'Bravo' }])
  })

  it("sees its own writes and another store's writes to the same file at once", () => {
    const path = join(tempDir(), 'environments.json')
    fs.writeFileSync(path, text('Alpha'))
    const mine = new JsonFileStore(path, { racyWindowMs: 0 })
    const other = new JsonFileStore(path, { racyWindowMs: 0 })
    mine.get('environments')
    other.get('environments')
    mine.set('environments', [{ id: 'a', name: 'Mine' }])
    expect(other.get('environments')).toEqual([{ id: 'a', name: 'Mine' }])
    other.set('environments', [{ id: 'a', name: 'Other' }])
    expect(mine.get('environments')).toEqual([{ id: 'a', name: 'Other' }])
  })

  it('a damaged file that is skipped from the stat stays reported, and its repair is seen', () => {
    const path = join(tempDir(), 'environments.json')
    fs.writeFileSync(path, '{ not json')
    pastChange(path)
    const store = new JsonFileStore(path, { racyWindowMs: 0 })
    expect(store.problem()).toBeDefined()
    expect(store.problem()).toBeDefined()
    expect(store.textReads).toBe(1)
    fs.writeFileSync(path, text('Fixed'))
    expect(store.problem()).toBeUndefined()
    expect(store.get('environments')).toEqual([{ id: 'a', name: 'Fixed' }])
  })
})

describe('EnvironmentService over a stat-checked environments.json: a token request never goes out on a stale record', () => {
  it('sees a same-length rename and domain change made on disk at the next request, and its own updates', async () => {
    const { EnvironmentService } = await import('../../../../src/main/environments/environment-service')
    const { EncryptedSecretVault } = await import('../../../../src/main/secrets/secret-vault')
    const { createNodeCipher } = await import('../../../../src/main/secrets/node-cipher')
    const { nodeStoreOpener } = await import('../../../../src/main/storage/node-store')
    const dir = tempDir()
    const path = join(dir, 'environments.json')
    const store = new JsonFileStore(path, { racyWindowMs: 0 })
    const vault = new EncryptedSecretVault(createNodeCipher(Buffer.alloc(32, 5)), nodeStoreOpener(tempDir('qwb-appdata-'))('secrets'))
    const service = new EnvironmentService(store, vault, { url: 'http://127.0.0.1:4999', apiKey: 'sbx-demo-key-abcdefgh' })
    const created = service.create({ name: 'Acme prod', domain: 'https://aaaa.qrveyapp.com', apiKey: 'acme-key-123456' })
    if (!created.ok) throw new Error(created.error.message)
    const id = created.value.environments.find((e) => e.name === 'Acme prod')!.id
    const target = () => service.resolveTarget(id)
    pastChange(path)
    expect(target()).toMatchObject({ ok: true, value: { name: 'Acme prod', domain: 'https://aaaa.qrveyapp.com', apiKey: 'acme-key-123456' } })
    const reads = store.textReads
    target()
    expect(store.textReads, 'nothing changed: the file is not read again').toBe(reads)

    // A teammate renames it (same length) through git: the next request is recorded under the new name.
    fs.writeFileSync(path, fs.readFileSync(path, 'utf8').replace('Acme prod', 'Acme test'))
    expect(target()).toMatchObject({ ok: true, value: { name: 'Acme test' } })
    // ... and points it at another host of the same length: the key bound to the old origin is not sent there.
    fs.writeFileSync(path, fs.readFileSync(path, 'utf8').replace('aaaa.qrveyapp', 'bbbb.qrveyapp'))
    expect(target()).toMatchObject({ ok: false, error: { code: 'KEY_ORIGIN_MISMATCH' } })
    // The app's own change (a new domain, which also drops the key bound to the old one): seen at once.
    const updated = service.update({ id, name: 'Acme prod', domain: 'https://cccc.qrveyapp.com', timeoutMs: 15000 })
    expect(updated.ok).toBe(true)
    expect(target()).toMatchObject({ ok: true, value: { name: 'Acme prod', domain: 'https://cccc.qrveyapp.com', apiKey: undefined } })
  })
})
