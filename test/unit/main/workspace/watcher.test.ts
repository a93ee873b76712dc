import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { serializeSetup, setupSchema } from '../../../../src/shared/setup'
import type { WorkspaceChange } from '../../../../src/shared/workspace'
import { nextChange, openWorkspace, setupInput, tempDir, value, wait } from './helpers'

const fileFor = (name: string, overrides = {}) => serializeSetup(setupSchema.parse(setupInput(name, overrides)))

describe('workspace watcher', () => {
  it('round trip: save, change the file on disk from outside, the store reloads it and says so', async () => {
    const dir = tempDir()
    const store = await openWorkspace({ dir })
    const { id } = value(await store.save({ setup: setupInput('Watched') })).summary
    store.watch()
    const changed = nextChange(store)
    writeFileSync(join(dir, 'setups', `${id}.json`), fileFor('Watched', { environment: 'Edited in vim' }))
    expect((await changed).setups).toEqual({ added: [], changed: [id], removed: [] })
    expect(value(store.get(id)).setup.environment).toBe('Edited in vim')
  })

  it('notices files added and removed outside, e.g. by git pull', async () => {
    const dir = tempDir()
    const store = await openWorkspace({ dir })
    value(await store.save({ setup: setupInput('Old') }))
    store.watch()
    let change = nextChange(store)
    writeFileSync(join(dir, 'setups', 'New.json'), fileFor('New'))
    expect((await change).setups.added).toEqual(['New'])
    change = nextChange(store)
    rmSync(join(dir, 'setups', 'Old.json'))
    expect((await change).setups.removed).toEqual(['Old'])
    expect(store.list().map((s) => s.name)).toEqual(['New'])
  })

  it('lists a file broken on disk with its error, and recovers when it is fixed', async () => {
    const dir = tempDir()
    const store = await openWorkspace({ dir })
    const { id } = value(await store.save({ setup: setupInput('Fragile') })).summary
    store.watch()
    let change = nextChange(store)
    writeFileSync(join(dir, 'setups', `${id}.json`), '{"formatVersion": 1, "name": ')
    await change
    expect(store.list()[0]).toMatchObject({ id, error: expect.stringMatching(/Not valid JSON/) })
    change = nextChange(store)
    writeFileSync(join(dir, 'setups', `${id}.json`), fileFor('Fragile'))
    await change
    expect(store.list()[0].error).toBeUndefined()
  })

  it('does not report the store\'s own writes', async () => {
    const dir = tempDir()
    const store = await openWorkspace({ dir })
    store.watch()
    const seen: WorkspaceChange[] = []
    store.on('changed', (c) => seen.push(c))
    value(await store.save({ setup: setupInput('Mine') }))
    value(await store.rename('Mine', 'Still mine'))
    const token = value(await store.delete('Still mine')).undoToken
    value(await store.restore(token))
    // Then an outside change, to know the watcher has caught up with everything before it.
    const outside = nextChange(store)
    writeFileSync(join(dir, 'setups', 'Theirs.json'), fileFor('Theirs'))
    await outside
    expect(seen.flatMap((c) => [...c.setups.added, ...c.setups.changed, ...c.setups.removed])).toEqual(['Theirs'])
  })

  it('reports environments.json changes and ignores temp files', async () => {
    const dir = tempDir()
    const store = await openWorkspace({ dir })
    store.watch()
    const change = nextChange(store)
    writeFileSync(join(dir, '.environments.json.123.tmp'), '{}')
    writeFileSync(join(dir, 'environments.json'), '{"environments": []}\n')
    expect(await change).toMatchObject({ environments: true, setups: { added: [], changed: [], removed: [] } })
  })

  it('rescans when the setups folder itself is replaced (git checkout of another branch)', async () => {
    const dir = tempDir()
    const store = await openWorkspace({ dir })
    value(await store.save({ setup: setupInput('Main branch') }))
    store.watch()
    const staged = join(dir, 'incoming')
    mkdirSync(staged)
    writeFileSync(join(staged, 'Feature.json'), fileFor('Feature'))
    const change = nextChange(store, 5000, (c) => c.setups.added.includes('Feature'))
    rmSync(join(dir, 'setups'), { recursive: true })
    renameSync(staged, join(dir, 'setups'))
    await change
    expect(store.list().map((s) => s.name)).toEqual(['Feature'])
    // And it keeps watching the new folder.
    const next = nextChange(store)
    writeFileSync(join(dir, 'setups', 'After.json'), fileFor('After'))
    expect((await next).setups.added).toEqual(['After'])
  })

  it('stops after close()', async () => {
    const dir = tempDir()
    const store = await openWorkspace({ dir })
    store.watch()
    await store.close()
    const seen: WorkspaceChange[] = []
    store.on('changed', (c) => seen.push(c))
    writeFileSync(join(dir, 'setups', 'Late.json'), fileFor('Late'))
    await wait(200)
    expect(seen).toEqual([])
  })
})
