/**
 * Issue 7, point 5 inside one app (two windows, a double click): 50 rounds
 * of two simultaneous saves of one setup from the same revision. One is
 * written; the other is refused as a conflict, unless it wrote the very
 * same content (then nothing is lost and it is not refused).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { WorkspaceStore } from '../../../../src/main/workspace/workspace-store'
import { makeTempDir } from '../../../support/temp-dir'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

const setup = (userid: string) => ({ formatVersion: 1 as const, name: 'Shared', environment: 'Offline sandbox', widget: 'page-view', token: { userid, appid: 'a' } })

describe('simultaneous saves of one setup in one app', () => {
  it('50 rounds: one written, the other refused as a conflict; identical content is merged', async () => {
    const temp = makeTempDir('qwb-conflict-')
    const store = await WorkspaceStore.open({ dir: temp.dir })
    cleanups.push(temp.cleanup, () => store.close())
    const created = await store.save({ setup: setup('start') })
    if (!created.ok) throw new Error(created.error.message)
    const id = created.value.summary.id
    for (let round = 1; round <= 50; round++) {
      const base = store.list()[0].revision
      const [first, second] = await Promise.all([
        store.save({ id, baseRevision: base, setup: setup(`first-${round}`) }),
        store.save({ id, baseRevision: base, setup: setup(`second-${round}`) })
      ])
      expect(first.ok).toBe(true)
      expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'baseRevision' } })
      expect(JSON.parse(readFileSync(join(temp.dir, 'setups', `${id}.json`), 'utf8')).token.userid).toBe(`first-${round}`)
    }
    // A double click: the same edit twice from one revision is one save, not a conflict.
    const base = store.list()[0].revision
    const twice = await Promise.all([store.save({ id, baseRevision: base, setup: setup('same') }), store.save({ id, baseRevision: base, setup: setup('same') })])
    expect(twice.map((r) => r.ok)).toEqual([true, true])
  })
})
