/**
 * Benchmark (not a test): app start with a large workspace (20,000 setups;
 * SETUPS=… to change), through the real composition (createMainApp: stores,
 * sandbox, preview server, workspace, handlers). "Usable window" is
 * createMainApp resolved and the calls the window makes before it shows the
 * token form answered (app:info, settings:get, environments:list). Also
 * printed: when the setup list is complete (workspace:info answered).
 * Baseline from the same run: the same start with an empty workspace,
 * alternated with the large one (ROUNDS rounds).
 *
 *   npx tsx bench/app-start-scale.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createMainApp } from '../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../src/main/app/node-options'
import { fileStemFor } from '../src/main/workspace/file-names'
import { serializeSetup, setupSchema } from '../src/shared/setup'
import { WIDGET_CATALOG } from '../src/shared/widget-catalog'
import { makeTempDir } from '../test/support/temp-dir'
import { reportRow } from './lib/row'

const COUNT = Number(process.env.SETUPS ?? 20000)
const ROUNDS = Number(process.env.ROUNDS ?? 3)
const ORIGIN = 'app://workbench'
const trusted = { url: `${ORIGIN}/index.html`, isMainFrame: true }
const customers = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Wonka', 'Tyrell', 'Cyberdyne']

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

async function startOnce(dataDir: string): Promise<{ usable: number; listed: number; rows: number }> {
  const t0 = performance.now()
  const app = await createMainApp(nodeMainAppOptions(dataDir, { rendererOrigin: ORIGIN }))
  const call = async (channel: string) => {
    const result = await app.registry.invoke(channel, undefined, trusted)
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
    return result.value
  }
  try {
    await Promise.all([call('app:info'), call('settings:get'), call('environments:list')])
    const usable = performance.now() - t0
    const state = (await call('workspace:info')) as { setups: unknown[]; total?: number }
    const listed = performance.now() - t0
    return { usable, listed, rows: state.total ?? state.setups.length }
  } finally {
    await app.close()
  }
}

async function main() {
  const temp = makeTempDir('qwb-bench-start-')
  try {
    const empty = join(temp.dir, 'empty')
    const large = join(temp.dir, 'large')
    mkdirSync(join(empty, 'workspace', 'setups'), { recursive: true })
    const setupsDir = join(large, 'workspace', 'setups')
    mkdirSync(setupsDir, { recursive: true })
    for (let i = 0; i < COUNT; i++) {
      const customer = customers[i % customers.length]
      const widget = WIDGET_CATALOG[i % WIDGET_CATALOG.length]
      const setup = setupSchema.parse({
        formatVersion: 1,
        name: `${customer} ${['dev', 'staging', 'prod'][i % 3]} ${widget.name} #${i}`,
        environment: 'Offline sandbox',
        widget: widget.id,
        token: { userid: `user-${i}`, appid: `app-${i % 97}`, clientid: `client${i}@example.com`, expiresIn: '1h' },
        widgetFields: { dashboardId: `dash-${i}` }
      })
      writeFileSync(join(setupsDir, `${fileStemFor(setup.name)}.json`), serializeSetup(setup))
    }
    // One warm-up start of each (module loading, first sockets), not counted.
    await startOnce(empty)
    await startOnce(large)

    const base: number[] = []
    const usable: number[] = []
    const listed: number[] = []
    let rows = 0
    for (let round = 0; round < ROUNDS; round++) {
      base.push((await startOnce(empty)).usable)
      const run = await startOnce(large)
      usable.push(run.usable)
      listed.push(run.listed)
      rows = run.rows
    }
    console.log(`app start (createMainApp), ${COUNT} setups, median of ${ROUNDS}, Node ${process.version}`)
    console.log(`  usable window (app:info, settings, environments)   ${median(usable).toFixed(0)} ms   [${usable.map((v) => v.toFixed(0)).join(', ')}]`)
    console.log(`  setup list complete (workspace:info, ${rows} rows)  ${median(listed).toFixed(0)} ms   [${listed.map((v) => v.toFixed(0)).join(', ')}]`)
    console.log(`  baseline: same start, empty workspace              ${median(base).toFixed(0)} ms   [${base.map((v) => v.toFixed(0)).join(', ')}]`)
    console.log(`  usable / baseline                                  ${(median(usable) / median(base)).toFixed(2)}x`)
    reportRow({ row: `app start with ${COUNT} setups, usable window (median)`, figure: median(usable), unit: 'ms', baseline: median(base), baselineLabel: 'empty workspace, same run', target: { of: 'figure', kind: 'max', value: 500 }, note: `list complete in ${median(listed).toFixed(0)} ms (background)` })
  } finally {
    temp.cleanup()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
