/**
 * Benchmark (not a test): how many tokens per second the offline sandbox
 * issues on this machine, next to a bare Node HTTP server answering a fixed
 * body, measured the same way in the same run (keep-alive connections,
 * CONCURRENCY requests in flight, DURATION_MS per target, loopback only).
 *
 *   npx tsx bench/sandbox-throughput.ts      (DURATION_MS=5000 CONCURRENCY=16 to change)
 */
import { createServer, request, Agent } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startSandbox } from '../src/sandbox/server/server'
import { reportRow } from './lib/row'

const DURATION_MS = Number(process.env.DURATION_MS ?? 3000)
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8)
const body = JSON.stringify({ userid: 'bench-user', appid: '59VShVtjM', clientid: 'bench@example.com', expiresIn: '10m' })

function post(agent: Agent, url: URL, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end(body)
  })
}

async function load(label: string, url: URL, headers: Record<string, string>) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  const deadline = performance.now() + DURATION_MS
  let done = 0
  let failed = 0
  const worker = async () => {
    while (performance.now() < deadline) {
      const status = await post(agent, url, headers)
      if (status === 200) done++
      else failed++
    }
  }
  const start = performance.now()
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  const seconds = (performance.now() - start) / 1000
  agent.destroy()
  const rate = done / seconds
  console.log(`${label.padEnd(36)} ${rate.toFixed(0).padStart(7)} req/s   (${done} ok, ${failed} failed, ${seconds.toFixed(1)} s, ${CONCURRENCY} in flight)`)
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
  const barePort = (bare.address() as AddressInfo).port
  const sandbox = await startSandbox({ apiKey: 'bench-key-0000' })
  try {
    const reference = await load('bare node:http, fixed body', new URL(`http://127.0.0.1:${barePort}/devapi/v4/core/login/token`), {})
    const tokens = await load('sandbox token endpoint (JWE)', new URL(`${sandbox.url}/devapi/v4/core/login/token`), { 'x-api-key': 'bench-key-0000' })
    console.log(`sandbox / bare: ${(tokens / reference).toFixed(2)}`)
    reportRow({ row: 'sandbox token endpoint req/s ÷ bare node:http', figure: tokens, unit: 'req/s', baseline: reference, baselineLabel: 'bare node:http', target: { of: 'ratio', kind: 'min', value: 0.4 } })
  } finally {
    await sandbox.close()
    await new Promise<void>((resolve) => bare.close(() => resolve()))
  }
}

void main()
