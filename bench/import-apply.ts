/**
 * Benchmark (not a test): how long applying an import takes, the wait a
 * user sees after "Import" on a large workspace export (issue 15's "fast
 * where it is felt"). Two figures, each against a baseline from the same run:
 *
 * 1. writeAllOrNothing (src/main/json-folder/write-plan.ts) writing N setup
 *    files with its TEMP_WRITERS temp files at once, against the same call
 *    writing one at a time (how every import was written before). Rounds
 *    alternate, so a load spike from other work hits both.
 * 2. For the user's wait, printed beside it (no row): the whole import-apply
 *    through the IPC registry (checks, the writes, the index), a fresh
 *    workspace each time, for the same setups as an export file.
 *
 *   npx tsx bench/import-apply.ts       (SETUPS=3000 by default, the size of the UI test's export; ROUNDS=3)
 */
import { readdirSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { createMainApp } from '../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../src/main/app/node-options'
import { TEMP_WRITERS, writeAllOrNothing, type PlannedWrite } from '../src/main/json-folder/write-plan'
import { makeTempDir } from '../test/support/temp-dir'
import { reportRow } from './lib/row'

const COUNT = Number(process.env.SETUPS ?? 3000)
const ROUNDS = Number(process.env.ROUNDS ?? 3)
const trusted = { url: 'app://workbench/index.html', isMainFrame: true }

const setup = (i: number) => ({
  formatVersion: 1,
  name: `Acme staging page view #${i}`,
  environment: 'Offline sandbox',
  widget: 'page-view',
  token: { userid: `user-${i}`, appid: 'a1', clientid: `client${i}@example.com` },
  widgetFields: { dashboardId: `dash-${i}` },
  notes: 'n'.repeat(400)
})

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

async function writes(writers: number): Promise<number> {
  const temp = makeTempDir('qwb-bench-plan-')
  try {
    const plan: PlannedWrite[] = Array.from({ length: COUNT }, (_, i) => ({ id: `s${i}`, text: JSON.stringify(setup(i), null, 2) }))
    const dir = join(temp.dir, 'setups')
    const start = performance.now()
    const result = await writeAllOrNothing({ dir, kind: { folder: 'setups' } }, plan, writers)
    const ms = performance.now() - start
    if (!result.ok || readdirSync(dir).length !== COUNT) throw new Error(`the plan was not written: ${JSON.stringify(result)}`)
    return ms
  } finally {
    temp.cleanup()
  }
}

async function importApply(text: string): Promise<number> {
  const temp = makeTempDir('qwb-bench-import-')
  const app = await createMainApp(nodeMainAppOptions(temp.dir, { rendererOrigin: 'app://workbench' }))
  try {
    const preview = (await app.registry.invoke('workspace:import-preview', { text }, trusted)) as { ok: boolean; value?: { importId: string } }
    if (!preview.ok || !preview.value) throw new Error(`import preview failed: ${JSON.stringify(preview).slice(0, 300)}`)
    const start = performance.now()
    const applied = (await app.registry.invoke('workspace:import-apply', { importId: preview.value.importId }, trusted)) as { ok: boolean }
    const ms = performance.now() - start
    if (!applied.ok) throw new Error(`import apply failed: ${JSON.stringify(applied).slice(0, 300)}`)
    return ms
  } finally {
    await app.close()
    temp.cleanup()
  }
}

async function main() {
  const load = loadavg()[0]
  console.log(`import apply, ${COUNT} setups, ${ROUNDS} rounds (load average ${load.toFixed(1)})`)
  const one: number[] = []
  const many: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    // Alternating which goes first.
    if (round % 2 === 0) {
      one.push(await writes(1))
      many.push(await writes(TEMP_WRITERS))
    } else {
      many.push(await writes(TEMP_WRITERS))
      one.push(await writes(1))
    }
  }
  console.log(`  writeAllOrNothing, one temp file at a time     median ${median(one).toFixed(0)} ms   (${one.map((v) => v.toFixed(0)).join(', ')})`)
  console.log(`  writeAllOrNothing, ${TEMP_WRITERS} at once               median ${median(many).toFixed(0)} ms   (${many.map((v) => v.toFixed(0)).join(', ')})`)

  const text = JSON.stringify({ format: 'qrvey-embed-workbench', formatVersion: 1, setups: Array.from({ length: COUNT }, (_, i) => setup(i)), environments: [] })
  const applies: number[] = []
  for (let round = 0; round < ROUNDS; round++) applies.push(await importApply(text))
  console.log(`  import-apply through the IPC registry           median ${median(applies).toFixed(0)} ms   (${applies.map((v) => v.toFixed(0)).join(', ')}; ${(text.length / 1e6).toFixed(1)} MB file)`)

  const note = `n=${ROUNDS}, ${COUNT} setups, load average ${load.toFixed(1)} -> ${loadavg()[0].toFixed(1)}`
  reportRow({ row: `import: write ${COUNT} setup files (all or nothing)`, figure: median(many), unit: 'ms', baseline: median(one), baselineLabel: 'one temp file at a time', note })
}

void main()
