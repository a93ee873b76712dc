/**
 * Issue 7: two processes on one data folder lost environments and keys, and
 * 50 of 50 simultaneous double saves of a setup kept only the second without
 * a word. Real child processes, real files.
 *
 *  - One data folder, two launches: the second is refused and told where the
 *    first is (its pid); a first that died (kill -9) leaves a stale lock the
 *    next launch takes over.
 *  - One workspace folder shared by two workbenches (each with its own data
 *    folder, as two people on one checkout): 50 rounds of simultaneous saves
 *    of one setup from the same revision. Each round exactly one is written,
 *    the other is refused as a CONFLICT (never silently overwritten), and
 *    the file holds the winner's edit.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createMainApp } from '../../../../src/main/app/create-main-app'
import { InstanceLockedError, LOCK_FILE_NAME } from '../../../../src/main/app/instance-lock'
import { nodeMainAppOptions } from '../../../../src/main/app/node-options'
import { makeTempDir } from '../../../support/temp-dir'
import { startChild, type ChildApp } from './child-process'

const children: ChildApp[] = []
const temps: Array<{ cleanup(): void }> = []
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL')
    await child.exited
  }
  temps.splice(0).forEach((t) => t.cleanup())
})

function spawnApp(dataDir: string, workspaceDir?: string): ChildApp {
  const child = startChild(dataDir, workspaceDir)
  children.push(child)
  return child
}

const revisionOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16)

const setup = (userid: string) => ({
  formatVersion: 1,
  name: 'Shared',
  environment: 'Offline sandbox',
  widget: 'page-view',
  token: { userid, appid: '59VShVtjM' },
  widgetFields: { dashboardId: 'overview' }
})

describe('two processes', () => {
  it('one data folder: the second launch is refused and told where the first is; a killed first leaves a lock the next launch takes over', async () => {
    const temp = makeTempDir('qwb-two-')
    temps.push(temp)
    const first = spawnApp(temp.dir)
    const ready = await first.first
    expect(ready).toMatchObject({ ready: true })
    expect(JSON.parse(readFileSync(join(temp.dir, LOCK_FILE_NAME), 'utf8'))).toMatchObject({ pid: ready.pid, shell: 'node' })

    const second = spawnApp(temp.dir)
    expect(await second.first).toMatchObject({ error: true, name: 'InstanceLockedError', message: expect.stringContaining(`process ${ready.pid}`) })
    expect(await second.exited).toBe(3)
    // The same in this process (another shell, a test harness): refused, and nothing of the first's files touched.
    await expect(createMainApp(nodeMainAppOptions(temp.dir, { rendererOrigin: 'app://workbench' }))).rejects.toBeInstanceOf(InstanceLockedError)

    // The first one still works after the refused launches.
    const created = await first.call('environments:create', { name: 'Acme', domain: 'https://acme.example.com', apiKey: 'acme-key-0123456789' })
    expect(created.ok).toBe(true)

    // A crash: the lock stays behind, naming a dead process. The next launch takes over.
    first.process.kill('SIGKILL')
    await first.exited
    expect(existsSync(join(temp.dir, LOCK_FILE_NAME))).toBe(true)
    const third = spawnApp(temp.dir)
    const again = await third.first
    expect(again).toMatchObject({ ready: true })
    const listed = await third.call('environments:list')
    expect((listed.value as { environments: Array<{ name: string; key: { set: boolean } }> }).environments.find((e) => e.name === 'Acme')?.key.set).toBe(true)
    expect(await third.stop()).toBe(0)
    // A clean exit removes the lock.
    expect(existsSync(join(temp.dir, LOCK_FILE_NAME))).toBe(false)
  }, 60_000)

  it('one workspace, two workbenches: 50 rounds of simultaneous saves from one revision never lose an edit silently', async () => {
    const temp = makeTempDir('qwb-two-ws-')
    temps.push(temp)
    const workspace = join(temp.dir, 'shared-workspace')
    mkdirSync(join(temp.dir, 'a'))
    mkdirSync(join(temp.dir, 'b'))
    const a = spawnApp(join(temp.dir, 'a'), workspace)
    const b = spawnApp(join(temp.dir, 'b'), workspace)
    expect(await a.first).toMatchObject({ ready: true })
    expect(await b.first).toMatchObject({ ready: true })
    const created = await a.call('workspace:save', { setup: setup('start') })
    expect(created.ok).toBe(true)
    const id = (created.value as { summary: { id: string } }).summary.id
    const file = join(workspace, 'setups', `${id}.json`)
    // B learns of the file (its watcher, or a reload).
    await b.call('workspace:reload')

    let conflicts = 0
    for (let round = 1; round <= 50; round++) {
      const base = revisionOf(readFileSync(file, 'utf8'))
      const [fromA, fromB] = await Promise.all([
        a.call('workspace:save', { id, baseRevision: base, setup: setup(`A-${round}`) }),
        b.call('workspace:save', { id, baseRevision: base, setup: setup(`B-${round}`) })
      ])
      const results = [
        { who: 'A', result: fromA },
        { who: 'B', result: fromB }
      ]
      const written = results.filter((r) => r.result.ok)
      const refused = results.filter((r) => !r.result.ok)
      // Exactly one edit is written; the other is refused and says so.
      expect(written, `round ${round}: ${JSON.stringify(results)}`).toHaveLength(1)
      expect(refused[0].result.error).toMatchObject({ code: 'CONFLICT', field: 'baseRevision' })
      expect(refused[0].result.error!.message).toMatch(/was changed on disk since you opened it/)
      // The file holds the edit that was reported written: nothing was lost without a word.
      expect(JSON.parse(readFileSync(file, 'utf8')).token.userid).toBe(`${written[0].who}-${round}`)
      conflicts++
    }
    expect(conflicts).toBe(50)
    await Promise.all([a.stop(), b.stop()])
  }, 120_000)
})
