/**
 * Benchmark (not a test): how many tokens per second the offline sandbox
 * issues on this machine, next to a bare Node HTTP server answering a fixed
 * body, measured the same way in the same run. Both servers run in this
 * process, as the sandbox does in the app; the load comes from a separate
 * process (bench/lib/http-load.mjs: keep-alive, CONCURRENCY requests in
 * flight, DURATION_MS per round, loopback only), so the client's work is not
 * counted against either server. Rounds alternate bare / sandbox (ROUNDS
 * each, after an uncounted warm-up of each), so a load spike from other work
 * on the machine hits both; the figure is the median of the per-pair ratios.
 * Also printed: each server's CPU time per answer, which other work on the
 * machine inflates far less than req/s.
 *
 *   npx tsx bench/sandbox-throughput.ts      (ROUNDS=5 DURATION_MS=3000 CONCURRENCY=16 to change)
 */
import { execFile } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { startSandbox } from '../src/sandbox/server/server'
import { percentile, reportRow } from './lib/row'

const DURATION_MS = Number(process.env.DURATION_MS ?? 2000)
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8)
const ROUNDS = Number(process.env.ROUNDS ?? 3)
const WARMUP_MS = 1500
const body = JSON.stringify({ userid: 'bench-user', appid: '59VShVtjM', clientid: 'bench@example.com', expiresIn: '10m' })
const LOADER = join(import.meta.dirname, 'lib', 'http-load.mjs')

async function load(label: string, url: string, headers: Record<string, string>, durationMs = DURATION_MS): Promise<{ rate: number; cpuMicros: number }> {
  // This process only serves during a round (the load is another process): its CPU time per answer is
  // the server's cost, which other work on the machine does not inflate the way it does req/s.
  const cpuBefore = process.cpuUsage()
  const { stdout } = await promisify(execFile)(process.execPath, [LOADER, url, String(durationMs), String(CONCURRENCY), JSON.stringify(headers), body])
  const cpu = process.cpuUsage(cpuBefore)
  const { ok, failed, seconds } = JSON.parse(stdout) as { ok: number; failed: number; seconds: number }
  const rate = ok / seconds
  const cpuMicros = (cpu.user + cpu.system) / Math.max(1, ok + failed)
  console.log(`${label.padEnd(36)} ${rate.toFixed(0).padStart(7)} req/s   ${cpuMicros.toFixed(0).padStart(4)} µs CPU each   (${ok} ok, ${failed} failed, ${seconds.toFixed(1)} s, ${CONCURRENCY} in flight)`)
  if (failed > 0) throw new Error(`${label}: ${failed} requests failed`)
  return { rate, cpuMicros }
}

async function main() {
  const fixed = JSON.stringify({ token: 'eyJraWQiOiJmaXhlZCJ9.fixed.body.of.a.token' })
  const bare = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(fixed) })
      res.end(fixed)
    })
  })
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve))
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/devapi/v4/core/login/token`
  const sandbox = await startSandbox({ apiKey: 'bench-key-0000' })
  const tokenUrl = `${sandbox.url}/devapi/v4/core/login/token`
  try {
    // Warm-up, not counted: the sandbox's first thousand answers run before V8 has optimised its code
    // (its first round cost 2-3x the CPU per answer of the next), while the bare server has little to warm.
    console.log('warm-up (not counted)')
    await load('bare node:http, fixed body', bareUrl, {}, WARMUP_MS)
    await load('sandbox token endpoint (JWE)', tokenUrl, { 'x-api-key': 'bench-key-0000' }, WARMUP_MS)
    const pairs: Array<{ bare: number; tokens: number; cpuRatio: number }> = []
    for (let round = 1; round <= ROUNDS; round++) {
      console.log(`round ${round}/${ROUNDS}`)
      const reference = await load('bare node:http, fixed body', bareUrl, {})
      const tokens = await load('sandbox token endpoint (JWE)', tokenUrl, { 'x-api-key': 'bench-key-0000' })
      pairs.push({ bare: reference.rate, tokens: tokens.rate, cpuRatio: reference.cpuMicros / tokens.cpuMicros })
    }
    const ratios = pairs.map((p) => p.tokens / p.bare)
    const median = percentile(ratios, 50)
    const pair = pairs[ratios.indexOf(median)]
    console.log(`sandbox / bare per round: ${ratios.map((r) => r.toFixed(2)).join(', ')}; median ${median.toFixed(2)}`)
    // What the req/s ratio would be with a core to itself: bare CPU per answer ÷ sandbox CPU per answer.
    console.log(`bare CPU ÷ sandbox CPU per answer, per round: ${pairs.map((p) => p.cpuRatio.toFixed(2)).join(', ')}; median ${percentile(pairs.map((p) => p.cpuRatio), 50).toFixed(2)}`)
    reportRow({ row: 'sandbox token endpoint req/s ÷ bare node:http', figure: pair.tokens, unit: 'req/s', baseline: pair.bare, baselineLabel: 'bare node:http', target: { of: 'ratio', kind: 'min', value: 0.4 }, note: `median of ${ROUNDS} alternated rounds, load in a separate process` })
  } finally {
    await sandbox.close()
    await new Promise<void>((resolve) => bare.close(() => resolve()))
  }
}

void main()
