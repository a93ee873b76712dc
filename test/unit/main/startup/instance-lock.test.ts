/**
 * The data folder's lock (instance-lock.ts) on its own: what a second launch
 * learns, which locks are stale, and that only the owner removes it. The
 * two-process test (two-processes.test.ts) runs it across real processes.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { acquireInstanceLock, InstanceLockedError, LOCK_FILE_NAME, type InstanceLock } from '../../../../src/main/app/instance-lock'
import { describeStartupFailure } from '../../../../src/main/app/startup-failure'
import { makeTempDir } from '../../../support/temp-dir'

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()))

function folder(): string {
  const temp = makeTempDir('qwb-lock-')
  cleanups.push(temp.cleanup)
  return temp.dir
}

function hold(lock: InstanceLock): InstanceLock {
  cleanups.push(() => lock.release())
  return lock
}

describe('the data folder lock', () => {
  it('a second taker is refused with who holds it and where; after release it can be taken', () => {
    const dir = folder()
    const first = hold(acquireInstanceLock(dir, { shell: 'browser' }))
    first.describe({ url: 'http://127.0.0.1:43210/?k=…' })
    let refusal: unknown
    try {
      acquireInstanceLock(dir)
    } catch (error) {
      refusal = error
    }
    expect(refusal).toBeInstanceOf(InstanceLockedError)
    const locked = refusal as InstanceLockedError
    expect(locked.holder).toMatchObject({ pid: process.pid, shell: 'browser', url: 'http://127.0.0.1:43210/?k=…' })
    expect(locked.holder).not.toHaveProperty('token')
    expect(locked.message).toContain('http://127.0.0.1:43210')
    expect(describeStartupFailure(refusal, dir)).toEqual({ title: 'Qrvey Embed Workbench is already running', message: locked.message })
    first.release()
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false)
    hold(acquireInstanceLock(dir))
  })

  it('a lock whose process is gone is taken over', () => {
    const dir = folder()
    writeFileSync(join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: 999_999_999, hostname: 'this-host', startedAt: '2020-01-01T00:00:00.000Z' }))
    const lock = hold(acquireInstanceLock(dir, { host: 'this-host', isAlive: () => false }))
    expect(JSON.parse(readFileSync(lock.file, 'utf8')).pid).toBe(process.pid)
  })

  it('a lock that is not a lock (garbage, empty) is taken over', () => {
    const dir = folder()
    writeFileSync(join(dir, LOCK_FILE_NAME), '\u0000\u0001garbage')
    hold(acquireInstanceLock(dir))
  })

  it('a live process on this host, or any lock from another host, is respected', () => {
    const dir = folder()
    writeFileSync(join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: 4242, hostname: 'this-host', startedAt: 'x' }))
    expect(() => acquireInstanceLock(dir, { host: 'this-host', isAlive: () => true })).toThrow(/process 4242 on this-host/)
    writeFileSync(join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: 4242, hostname: 'laptop-2', startedAt: 'x' }))
    expect(() => acquireInstanceLock(dir, { host: 'this-host', isAlive: () => false })).toThrow(/laptop-2.*delete .*workbench\.lock/)
  })

  it('release removes only its own lock', () => {
    const dir = folder()
    const lock = acquireInstanceLock(dir)
    const other = JSON.stringify({ pid: 1, hostname: 'elsewhere', startedAt: 'x', token: 'not-mine' })
    writeFileSync(lock.file, other)
    lock.release()
    expect(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')).toBe(other)
  })

  it('an unrecoverable start-up failure is described with what and where', () => {
    const error = Object.assign(new Error("EACCES: permission denied, mkdir '/data/logs'"), { code: 'EACCES', path: '/data/logs' })
    const { title, message } = describeStartupFailure(error, '/data')
    expect(title).toBe('Qrvey Embed Workbench could not start')
    expect(message).toContain('EACCES')
    expect(message).toContain('File or folder: /data/logs')
    expect(message).toContain('Its data folder is /data')
  })
})
