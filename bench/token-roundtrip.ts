/**
 * Benchmark (not a test): a sandbox token round trip through the workbench's
 * handler path (registry -> zod -> environment + vault -> TokenService/axios)
 * versus a plain HTTP client (Node's fetch) posting the same body to the same
 * sandbox. Prints median and p95 of each and their ratio.
 *
 *   npm run bench            (ROUNDS=1000 npm run bench for more)
 */
import { createMainApp } from '../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../src/main/app/node-options'
import { makeTempDir } from '../test/support/temp-dir'
import { reportRow } from './lib/row'

const ROUNDS = Number(process.env.ROUNDS ?? 400)
const WARMUP = 50
const ORIGIN = 'app://workbench'
const body = { userid: 'bench-user', appid: 'bench-app', clientid: 'bench@example.com', expiresIn: '10m' }

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

async function measure(label: string, run: () => Promise<void>) {
  for (let i = 0; i < WARMUP; i++) await run()
  const times: number[] = []
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now()
    await run()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  const result = { label, median: percentile(times, 50), p95: percentile(times, 95) }
  console.log(`${label.padEnd(34)} median ${result.median.toFixed(3)} ms   p95 ${result.p95.toFixed(3)} ms   (n=${ROUNDS})`)
  return result
}

async function main() {
  const temp = makeTempDir('qwb-bench-')
  const app = await createMainApp(nodeMainAppOptions(temp.dir, { rendererOrigin: ORIGIN, version: 'bench' }))
  const sender = { url: `${ORIGIN}/index.html`, isMainFrame: true }
  try {
    const viaHandlers = await measure('handler path (IPC registry)', async () => {
      const result = await app.registry.invoke('tokens:generate', { environmentId: 'sandbox', body }, sender)
      if (!result.ok) throw new Error(JSON.stringify(result.error))
    })
    const plain = await measure('plain HTTP client (fetch)', async () => {
      const response = await fetch(`${app.sandbox.url}/devapi/v4/core/login/token`, {
        method: 'POST',
        headers: { 'x-api-key': app.sandbox.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify(body)
      })
      const json = (await response.json()) as { token?: string }
      if (!json.token) throw new Error('no token')
    })
    console.log(`ratio handler/plain: median ${(viaHandlers.median / plain.median).toFixed(2)}x   p95 ${(viaHandlers.p95 / plain.p95).toFixed(2)}x`)
    // The row names undici.request as the plain client; this bench measures against Node's fetch.
    reportRow({ row: 'token request, handler path ÷ plain client (p50)', figure: viaHandlers.median, unit: 'ms', baseline: plain.median, baselineLabel: 'fetch', target: { of: 'ratio', kind: 'max', value: 1.3 }, note: `n=${ROUNDS}` })
  } finally {
    await app.close()
    temp.cleanup()
  }
}

void main()
