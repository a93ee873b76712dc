/**
 * Benchmark (not a test): wall time of `qwb run` over the shipped demo setups
 * (src/sandbox/data/demo-setups.ts) against the offline sandbox, next to
 * baselines from the same run:
 *   - token requests alone: the same bodies through the same TokenService to
 *     the same kind of in-process sandbox (what a runner without a browser costs);
 *   - Chromium start and stop alone (paid once per run);
 *   - `qwb run` in-process (runCommand) and through bin/qwb.mjs (adds Node + tsx start-up).
 * Per setup: median render time over the runs.
 *
 *   npm run build:all && npx tsx bench/qwb-run.ts      (RUNS=3 by default)
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { runCommand } from '../src/cli/commands/run'
import { chromiumPath, launchChromium } from '../src/main/headless/chromium'
import { createHttpClient } from '../src/main/http/http-client'
import { TokenService } from '../src/main/tokens/token-service'
import { demoSetups } from '../src/sandbox/data/demo-setups'
import { generateDemoKey } from '../src/sandbox/server/demo-key'
import { startSandbox } from '../src/sandbox/server/server'
import { ok } from '../src/shared/result'
import { serializeSetup, tokenBodyOfSetup } from '../src/shared/setup'

const RUNS = Number(process.env.RUNS ?? 3)
const ROOT = resolve(import.meta.dirname, '..')

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]
const fmt = (ms: number) => `${(ms / 1000).toFixed(2).padStart(6)} s`

async function tokensAlone(): Promise<number> {
  const sandbox = await startSandbox({ apiKey: generateDemoKey(), port: 0 })
  try {
    const tokens = new TokenService(createHttpClient(), { resolveTarget: () => ok({ domain: sandbox.url, apiKey: sandbox.apiKey, timeoutMs: 15_000, name: 'sandbox' }) })
    const started = performance.now()
    for (const demo of demoSetups()) {
      const result = await tokens.generate({ environmentId: 'sandbox', body: tokenBodyOfSetup(demo.setup) })
      if (!result.ok) throw new Error(result.error.message)
    }
    return performance.now() - started
  } finally {
    await sandbox.close()
  }
}

async function chromiumAlone(): Promise<number> {
  const started = performance.now()
  const browser = await launchChromium(chromiumPath(process.env))
  await browser.close()
  return performance.now() - started
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'qwb-run-bench-'))
  try {
    mkdirSync(join(dir, 'setups'))
    for (const demo of demoSetups()) writeFileSync(join(dir, 'setups', `${demo.id}.json`), serializeSetup(demo.setup))
    const count = demoSetups().length
    const walls: number[] = []
    const perCase = new Map<string, number[]>()
    const tokenTimes: number[] = []
    const chromiumTimes: number[] = []
    let failed = 0
    for (let i = 0; i < RUNS; i++) {
      tokenTimes.push(await tokensAlone())
      chromiumTimes.push(await chromiumAlone())
      let out = ''
      const started = performance.now()
      const code = await runCommand([dir, '--env', 'sandbox', '--reporter', 'json'], { out: (t) => (out += t), err: () => {} }, process.env)
      walls.push(performance.now() - started)
      const report = JSON.parse(out) as { cases: Array<{ name: string; durationMs: number; ok: boolean }> }
      failed = report.cases.filter((c) => !c.ok).length
      for (const c of report.cases) perCase.set(c.name, [...(perCase.get(c.name) ?? []), c.durationMs])
      if (code !== 0) console.error(`run ${i + 1}: exit ${code} (${failed} failed case(s))`)
    }
    const started = performance.now()
    const child = spawnSync(process.execPath, ['bin/qwb.mjs', 'run', dir, '--env', 'sandbox', '--reporter', 'json', '--out', join(dir, 'report.json')], { cwd: ROOT, encoding: 'utf8' })
    const binWall = performance.now() - started

    console.log(`qwb run over the ${count} shipped demo setups, offline sandbox in-process, RUNS=${RUNS} (median)`)
    console.log(`  baseline: ${count} token requests alone        ${fmt(median(tokenTimes))}`)
    console.log(`  baseline: Chromium start + stop alone        ${fmt(median(chromiumTimes))}`)
    console.log(`  qwb run in-process (runCommand)              ${fmt(median(walls))}   = ${(median(walls) / count / 1000).toFixed(2)} s per setup, ${(median(walls) / median(tokenTimes)).toFixed(0)}x the token requests`)
    console.log(`  qwb run through bin/qwb.mjs (1 run, exit ${child.status})    ${fmt(binWall)}`)
    console.log(`  failed cases in the last run: ${failed}`)
    console.log('  per setup (token + render + checks):')
    for (const [name, times] of perCase) console.log(`    ${fmt(median(times))}  ${name}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

void main()
