/**
 * Benchmark (not a test): a workspace of 5,000 setups. Prints the time to
 * load (index) the folder, to list, to search, to save one more setup, and
 * the longest the event loop was blocked while loading: the number that
 * says whether the main process stays responsive.
 *
 *   npx tsx bench/workspace-scale.ts            (SETUPS=20000 for more)
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { fileStemFor } from '../src/main/workspace/file-names'
import { WorkspaceStore } from '../src/main/workspace/workspace-store'
import { serializeSetup, setupSchema } from '../src/shared/setup'
import { WIDGET_CATALOG } from '../src/shared/widget-catalog'
import { makeTempDir } from '../test/support/temp-dir'
import { reportRow } from './lib/row'

const COUNT = Number(process.env.SETUPS ?? 5000)
const ROUNDS = 50
const customers = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Wonka', 'Tyrell', 'Cyberdyne']
const stages = ['dev', 'staging', 'prod']

function setupNumber(i: number) {
  const customer = customers[i % customers.length]
  const stage = stages[i % stages.length]
  const widget = WIDGET_CATALOG[i % WIDGET_CATALOG.length]
  return setupSchema.parse({
    formatVersion: 1,
    name: `${customer} ${stage} ${widget.name} #${i}`,
    environment: `${customer} ${stage}`,
    widget: widget.id,
    token: {
      userid: `user-${i}`,
      appid: `app-${i % 97}`,
      clientid: `client${i}@${customer.toLowerCase()}.example`,
      expiresIn: '1h',
      permissions: i % 4 === 0 ? [{ dataset_id: '*', record_permissions: [{ security_name: 'region', validation_type: 'EQUAL', values: ['North'] }] }] : undefined,
      extra: { orgId: customer.toLowerCase() }
    },
    widgetFields: { dashboardId: `dash-${i}` }
  })
}

function time<T>(run: () => T): { ms: number; result: T } {
  const start = performance.now()
  const result = run()
  return { ms: performance.now() - start, result }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

function line(label: string, text: string) {
  console.log(`${label.padEnd(44)} ${text}`)
}

async function main() {
  const temp = makeTempDir('qwb-bench-ws-')
  try {
    const setupsDir = join(temp.dir, 'setups')
    mkdirSync(setupsDir, { recursive: true })
    let bytes = 0
    for (let i = 0; i < COUNT; i++) {
      const setup = setupNumber(i)
      const text = serializeSetup(setup)
      bytes += text.length
      writeFileSync(join(setupsDir, `${fileStemFor(setup.name)}.json`), text)
    }
    console.log(`workspace: ${COUNT} setup files, ${(bytes / 1024 / 1024).toFixed(1)} MB, Node ${process.version}\n`)

    // Load, with the event loop watched: a 1 ms ticker and the histogram of loop delays.
    const histogram = monitorEventLoopDelay({ resolution: 5 })
    let lastTick = performance.now()
    let longestGap = 0
    const ticker = setInterval(() => {
      const now = performance.now()
      longestGap = Math.max(longestGap, now - lastTick)
      lastTick = now
    }, 1)
    histogram.enable()
    const loadStart = performance.now()
    const store = await WorkspaceStore.open({ dir: temp.dir })
    const loadMs = performance.now() - loadStart
    histogram.disable()
    clearInterval(ticker)
    line(`load (index ${COUNT} files, time-sliced)`, `${loadMs.toFixed(0)} ms`)
    reportRow({ row: `workspace store load, ${COUNT} setups`, figure: loadMs, unit: 'ms' })
    line('  longest event-loop stall during load', `${longestGap.toFixed(1)} ms (histogram max ${(histogram.max / 1e6).toFixed(1)} ms, p99 ${(histogram.percentile(99) / 1e6).toFixed(1)} ms)`)

    const firstList = time(() => store.list())
    line('list, first call (sorts)', `${firstList.ms.toFixed(2)} ms, ${firstList.result.length} rows`)
    const lists = Array.from({ length: ROUNDS }, () => time(() => store.list()).ms)
    line('list, cached', `median ${median(lists).toFixed(3)} ms`)

    for (const query of ['acme', 'globex prod', 'user-4999', 'client123@', 'analytic suite', 'no such thing']) {
      const runs = Array.from({ length: ROUNDS }, () => time(() => store.search(query)))
      line(`search "${query}"`, `median ${median(runs.map((r) => r.ms)).toFixed(2)} ms, ${runs[0].result.length} hits`)
    }

    const saves: number[] = []
    for (let i = 0; i < 20; i++) {
      const start = performance.now()
      const result = await store.save({ setup: { ...setupNumber(COUNT + i), name: `Bench extra ${i}` } })
      if (!result.ok) throw new Error(result.error.message)
      saves.push(performance.now() - start)
    }
    line('save one more (atomic write + fsync)', `median ${median(saves).toFixed(2)} ms`)
    const afterSave = time(() => store.list())
    line('list after a save (re-sorts)', `${afterSave.ms.toFixed(2)} ms`)

    const exported = time(() => store.exportSetups('all', []))
    if (!exported.result.ok) throw new Error(exported.result.error.message)
    line('export whole workspace', `${exported.ms.toFixed(0)} ms, ${(exported.result.value.text.length / 1024 / 1024).toFixed(1)} MB`)

    const reload = time(() => store.load())
    await reload.result
    await store.close()
  } finally {
    temp.cleanup()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
