/**
 * Benchmark (not a test): how many tokens per second the offline sandbox
 * issues on this machine, next to a bare Node HTTP server answering a fixed
 * body, measured the same way in the same run. Both servers run in this
 * process, as the sandbox does in the app; the load comes from a separate
 * process (bench/lib/http-load.mjs: keep-alive, CONCURRENCY requests in
 * flight, DURATION_MS per round, loopback only), so the client's work is not
 * counted against either server. Rounds alternate bare / sandbox (ROUNDS
 * each), so a load spike from other work on the machine hits both; the
 * figure is the median of the per-pair ratios.
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
const body = JSON.stringify({ userid: 'bench-user', appid: '59VShVtjM', clientid: 'bench@example.com', expiresIn: '10m' })
const LOADER = join(import.meta.dirname, 'lib', 'http-load.mjs')

async function load(label: string, url: string, headers: Record<string, string>): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, [LOADER, url, String(DURATION_MS), String(CONCURRENCY), JSON.stringify(headers), body])
  const { ok, failed, seconds } = JSON.parse(stdout) as { ok: number; failed: number; seconds: number }
  const rate = ok / seconds
  console.log(`${label.padEnd(36)} ${rate.toFixed(0).padStart(7)} req/s   (${ok} ok, ${failed} failed, ${seconds.toFixed(1)} s, ${CONCURRENCY} in flight)`)
  if (failed > 0) throw new Error(`${label}: ${failed} requests failed`)
  return rate
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
    const pairs: Array<{ bare: number; tokens: number }> = []
    for (let round = 1; round <= ROUNDS; round++) {
      console.log(`round ${round}/${ROUNDS}`)
      const reference = await load('bare node:http, fixed body', bareUrl, {})
      const tokens = await load('sandbox token endpoint (JWE)', tokenUrl, { 'x-api-key': 'bench-key-0000' })
      pairs.push({ bare: reference, tokens })
    }
    const ratios = pairs.map((p) => p.tokens / p.bare)
    const median = percentile(ratios, 50)
    const pair = pairs[ratios.indexOf(median)]
    console.log(`sandbox / bare per round: ${ratios.map((r) => r.toFixed(2)).join(', ')}; median ${median.toFixed(2)}`)
    reportRow({ row: 'sandbox token endpoint req/s ÷ bare node:http', figure: pair.tokens, unit: 'req/s', baseline: pair.bare, baselineLabel: 'bare node:http', target: { of: 'ratio', kind: 'min', value: 0.4 }, note: `median of ${ROUNDS} alternated rounds, load in a separate process` })
  } finally {
    await sandbox.close()
    await new Promise<void>((resolve) => bare.close(() => resolve()))
  }
}

void main()
