/**
 * Benchmark (not a test): a sandbox token round trip through the workbench's
 * handler path (registry -> zod -> environment + vault -> TokenService/axios
 * -> history and log) versus a plain HTTP client posting the same body to the
 * same sandbox: `undici.request` (the baseline; keep-alive, no
 * redirects, body read as text, as the handler's client does), with Node's
 * fetch and the app's own axios client alone (createHttpClient, no handler
 * around it: the floor the handler path stands on) printed beside it for
 * reference. All are interleaved round by round, so a load spike from other
 * work on the machine hits each of them. Prints median and p95 of each, the
 * process CPU time per request (the sandbox answers in this process, so its
 * share is in every client's figure; CPU moves far less with the machine's
 * load than wall time does), and the ratios.
 *
 *   npx tsx bench/token-roundtrip.ts      (ROUNDS=1000 for more)
 */
import { loadavg } from 'node:os'
import { Agent, request as undiciRequest } from 'undici'
import { createMainApp } from '../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../src/main/app/node-options'
import { createHttpClient } from '../src/main/http/http-client'
import { makeTempDir } from '../test/support/temp-dir'
import { reportRow } from './lib/row'

const ROUNDS = Number(process.env.ROUNDS ?? 400)
const WARMUP = 50
const ORIGIN = 'app://workbench'
const body = { userid: 'bench-user', appid: 'bench-app', clientid: 'bench@example.com', expiresIn: '10m' }

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

interface Summary {
  label: string
  median: number
  p95: number
  /** Mean process CPU (user + system) per request, µs. */
  cpu: number
}

/** Runs every client once per round, in a rotating order, and summarises each. */
async function measureInterleaved(clients: Array<{ label: string; run: () => Promise<void> }>): Promise<Summary[]> {
  for (let i = 0; i < WARMUP; i++) for (const client of clients) await client.run()
  const times = clients.map(() => [] as number[])
  const cpu = clients.map(() => 0)
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < clients.length; k++) {
      const index = (round + k) % clients.length
      const cpuStart = process.cpuUsage()
      const start = performance.now()
      await clients[index].run()
      times[index].push(performance.now() - start)
      const used = process.cpuUsage(cpuStart)
      cpu[index] += used.user + used.system
    }
  }
  return clients.map((client, index) => {
    const sorted = times[index].sort((a, b) => a - b)
    const result = { label: client.label, median: percentile(sorted, 50), p95: percentile(sorted, 95), cpu: cpu[index] / ROUNDS }
    console.log(`${client.label.padEnd(34)} median ${result.median.toFixed(3)} ms   p95 ${result.p95.toFixed(3)} ms   CPU ${result.cpu.toFixed(0)} µs/request   (n=${ROUNDS})`)
    return result
  })
}

async function main() {
  const temp = makeTempDir('qwb-bench-')
  const app = await createMainApp(nodeMainAppOptions(temp.dir, { rendererOrigin: ORIGIN, version: 'bench' }))
  const sender = { url: `${ORIGIN}/index.html`, isMainFrame: true }
  try {
    const url = `${app.sandbox.url}/devapi/v4/core/login/token`
    const headers = { 'x-api-key': app.sandbox.apiKey, 'content-type': 'application/json', accept: 'application/json' }
    // Keep-alive like the handler's axios agent; undici's default agent keeps sockets too, but an own one is closed at the end.
    const dispatcher = new Agent({ keepAliveTimeout: 4000 })
    const axiosAlone = createHttpClient()
    const loadBefore = loadavg()[0]
    const [viaHandlers, undici, fetched, axiosOnly] = await measureInterleaved([
      {
        label: 'handler path (IPC registry)',
        run: async () => {
          const result = await app.registry.invoke('tokens:generate', { environmentId: 'sandbox', body }, sender)
          if (!result.ok) throw new Error(JSON.stringify(result.error))
        }
      },
      {
        label: 'undici.request',
        run: async () => {
          const response = await undiciRequest(url, { method: 'POST', headers, body: JSON.stringify(body), dispatcher })
          const json = JSON.parse(await response.body.text()) as { token?: string }
          if (response.statusCode !== 200 || !json.token) throw new Error('no token')
        }
      },
      {
        label: 'fetch (reference)',
        run: async () => {
          const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) })
          const json = (await response.json()) as { token?: string }
          if (!json.token) throw new Error('no token')
        }
      },
      {
        label: "axios alone (the app's client)",
        run: async () => {
          // The call TokenService makes, without the handler, the stores, the nets or the history around it.
          const response = await axiosAlone.post<string>(url, JSON.stringify(body), { timeout: 30_000, headers })
          const json = JSON.parse(response.data) as { token?: string }
          if (response.status !== 200 || !json.token) throw new Error('no token')
        }
      }
    ])
    await dispatcher.close()
    const load = `load average ${loadBefore.toFixed(1)} -> ${loadavg()[0].toFixed(1)}`
    console.log(`ratio handler/undici.request: median ${(viaHandlers.median / undici.median).toFixed(2)}x   p95 ${(viaHandlers.p95 / undici.p95).toFixed(2)}x   CPU ${(viaHandlers.cpu / undici.cpu).toFixed(2)}x`)
    console.log(`ratio handler/fetch:          median ${(viaHandlers.median / fetched.median).toFixed(2)}x   p95 ${(viaHandlers.p95 / fetched.p95).toFixed(2)}x`)
    console.log(`ratio axios alone/undici:     median ${(axiosOnly.median / undici.median).toFixed(2)}x   p95 ${(axiosOnly.p95 / undici.p95).toFixed(2)}x   CPU ${(axiosOnly.cpu / undici.cpu).toFixed(2)}x`)
    // Where the gap is: the client (axios over undici, which no change to the handler can remove) and the
    // handler's own work around it (registry and zod, environment and vault, key-echo scrubbing, history, log).
    console.log(
      `the gap at p50: axios over undici ${(axiosOnly.median - undici.median).toFixed(3)} ms, the handler's own work ${(viaHandlers.median - axiosOnly.median).toFixed(3)} ms` +
        ` (with this client the ratio cannot go below ${(axiosOnly.median / undici.median).toFixed(2)}x)`
    )
    console.log(load)
    reportRow({ row: 'token request, handler path ÷ undici.request (p50)', figure: viaHandlers.median, unit: 'ms', baseline: undici.median, baselineLabel: 'undici.request', target: { of: 'ratio', kind: 'max', value: 1.3 }, note: `n=${ROUNDS}, interleaved, ${load}` })
  } finally {
    await app.close()
    temp.cleanup()
  }
}

void main()
