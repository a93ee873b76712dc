/**
 * `npm run bench`: runs every benchmark in bench/ (each top-level *.ts file,
 * one after another, so they do not disturb each other's timings) and ends
 * with ONE table of the rows they reported (bench/lib/row.ts): figure,
 * baseline from the same run, ratio, target, met or not. A new bench file is
 * picked up by being there; one that reports no row is listed as such.
 *
 *   npm run bench                          every benchmark
 *   npm run bench -- renderer token        only files whose name contains one of these
 *   BENCH_TIMEOUT_S=900 npm run bench      per-file limit (default 600 s)
 *
 * Each file starts once the CPUs are at least 90 % idle over a second (at
 * most a minute's wait; the header line says how it went).
 *
 * The build in out/ is brought up to date first (scripts/build-if-stale.mjs;
 * skipped when it already matches the sources): the browser benches measure
 * the built renderer, and a clean clone has none.
 *
 * The table is also written to .tmp/bench.json. Exit code 1 when a benchmark
 * failed to run; a target not met is a finding, not a failure.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { waitForQuietMachine } from '../bench/lib/quiet-machine'
import { ROW_MARKER, targetText, type ReportedRow } from '../bench/lib/row'

const ROOT = resolve(import.meta.dirname, '..')
const BENCH_DIR = join(ROOT, 'bench')
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? 600) * 1000

interface FileOutcome {
  file: string
  rows: ReportedRow[]
  exitCode: number | null
  seconds: number
  timedOut: boolean
}

function benchFiles(filters: string[]): string[] {
  return readdirSync(BENCH_DIR)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
    .sort()
}

function runOne(file: string): Promise<FileOutcome> {
  return new Promise((resolvePromise) => {
    const started = performance.now()
    // --expose-gc: secret-guard-scale collects garbage between its phases when it can.
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join('bench', file)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], detached: true })
    const rows: ReportedRow[] = []
    let pending = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      pending += chunk
      let newline: number
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline)
        pending = pending.slice(newline + 1)
        if (line.startsWith(ROW_MARKER)) {
          try {
            rows.push(JSON.parse(line.slice(ROW_MARKER.length)) as ReportedRow)
          } catch {
            process.stdout.write(`  (unreadable row: ${line})\n`)
          }
        } else process.stdout.write(`  ${line}\n`)
      }
    })
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      // The bench's own group (browsers, servers it started) goes with it.
      if (child.pid) process.kill(-child.pid, 'SIGKILL')
    }, TIMEOUT_MS)
    child.on('close', (exitCode) => {
      clearTimeout(timer)
      if (pending) process.stdout.write(`  ${pending}\n`)
      resolvePromise({ file, rows, exitCode, seconds: (performance.now() - started) / 1000, timedOut })
    })
  })
}

function num(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—'
  const abs = Math.abs(value)
  return value.toFixed(abs >= 100 ? 0 : abs >= 10 ? 1 : 2)
}

function tableLines(outcomes: FileOutcome[]): string[] {
  const header = ['row', 'figure', 'baseline (same run)', 'ratio', 'target', 'met']
  const body: string[][] = []
  for (const outcome of outcomes) {
    const failed = outcome.timedOut ? `timed out after ${TIMEOUT_MS / 1000} s` : outcome.exitCode !== 0 ? `failed (exit ${outcome.exitCode})` : ''
    if (outcome.rows.length === 0) body.push([`${outcome.file}: ${failed || 'reports no row'}`, '—', '—', '—', '—', '—'])
    for (const row of outcome.rows) {
      body.push([
        row.row,
        `${num(row.figure)} ${row.unit}`,
        row.baseline === undefined ? '—' : `${num(row.baseline)} ${row.unit}${row.baselineLabel ? ` (${row.baselineLabel})` : ''}`,
        row.ratio === undefined ? '—' : num(row.ratio),
        targetText(row),
        row.met === undefined ? '—' : row.met ? 'met' : 'not met'
      ])
    }
    if (outcome.rows.length > 0 && failed) body.push([`${outcome.file}: ${failed} after its rows`, '', '', '', '', ''])
  }
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)]
}

async function main() {
  const files = benchFiles(process.argv.slice(2))
  if (files.length === 0) throw new Error(`no benchmark in bench/ matches ${process.argv.slice(2).join(', ')}`)
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-if-stale.mjs')], { cwd: ROOT, stdio: 'inherit' })
  if (build.status !== 0) throw new Error('the build failed (see above): the benchmarks would measure an old renderer or none')
  const startLoad = loadavg()[0]
  const outcomes: FileOutcome[] = []
  for (const file of files) {
    // The previous benchmark's processes may still be exiting: start on a quiet machine (bench/lib/quiet-machine.ts).
    const quiet = await waitForQuietMachine()
    const settle = `${quiet.quiet ? 'idle' : 'still busy:'} ${(quiet.idle * 100).toFixed(0)} % after ${(quiet.waitedMs / 1000).toFixed(0)} s`
    process.stdout.write(`\n== bench/${file} (load average ${loadavg()[0].toFixed(1)}; CPUs ${settle})\n`)
    const outcome = await runOne(file)
    process.stdout.write(`   ${outcome.seconds.toFixed(0)} s, ${outcome.rows.length} row(s)${outcome.exitCode === 0 ? '' : `, exit ${outcome.exitCode}`}\n`)
    outcomes.push(outcome)
  }
  const lines = tableLines(outcomes)
  process.stdout.write(`\n${lines.join('\n')}\n`)
  process.stdout.write(`load average ${startLoad.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at the end (${files.length} benchmark files on a ${process.platform} machine)\n`)
  mkdirSync(join(ROOT, '.tmp'), { recursive: true })
  writeFileSync(join(ROOT, '.tmp', 'bench.json'), `${JSON.stringify({ loadAverage: [startLoad, loadavg()[0]], files: outcomes }, null, 2)}\n`)
  if (outcomes.some((o) => o.timedOut || o.exitCode !== 0)) process.exitCode = 1
}

void main()
