/**
 * Benchmark (not a test): what browser mode's HTTP bridge costs per call, and
 * how long browser mode takes to start. One run prints:
 *
 * - per-call time of `app:info` and `environments:list` called directly on the
 *   handler registry (the baseline: what ipcMain runs), through the bridge from
 *   Node (POST /ipc/<channel> with the session cookie, keep-alive), and through
 *   the shipped page client in Chromium (window.workbench over fetch);
 *   median, p95 and the ratio to the direct call; and, for scale, a plain
 *   same-origin fetch of a static file from the same page;
 * - browser-mode start-up: spawning `src/main/browser-mode/cli.ts` until it
 *   prints its URL, against spawning the same Node + tsx with an empty script.
 *
 *   npm run build:all && npx tsx bench/browser-bridge.ts      (ROUNDS=1000 for more)
 */
import { spawn } from 'node:child_process'
import { Agent, request } from 'node:http'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { startBrowserMode } from '../src/main/browser-mode/start-browser-mode'
import { createNodeCipher } from '../src/main/secrets/node-cipher'
import { makeTempDir } from '../test/support/temp-dir'
import { reportRow } from './lib/row'

const ROUNDS = Number(process.env.ROUNDS ?? 400)
const WARMUP = 50
const ROOT = join(import.meta.dirname, '..')

interface Figures {
  median: number
  p95: number
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

function figures(times: number[]): Figures {
  const sorted = [...times].sort((a, b) => a - b)
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95) }
}

async function measure(run: () => Promise<void>): Promise<Figures> {
  for (let i = 0; i < WARMUP; i++) await run()
  const times: number[] = []
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now()
    await run()
    times.push(performance.now() - start)
  }
  return figures(times)
}

function line(label: string, f: Figures, base?: Figures): string {
  const ratio = base ? `   ratio ${(f.median / base.median).toFixed(1)}x median, ${(f.p95 / base.p95).toFixed(1)}x p95` : '   (baseline)'
  return `${label.padEnd(44)} median ${f.median.toFixed(3)} ms   p95 ${f.p95.toFixed(3)} ms${ratio}`
}

/** Milliseconds from spawn until `ready(output)` is true, then the child is ended. */
function timeToOutput(args: string[], ready: (output: string) => boolean, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now()
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const check = (chunk: Buffer) => {
      output += chunk.toString('utf8')
      if (ready(output)) {
        const ms = performance.now() - start
        child.kill('SIGTERM')
        child.once('exit', () => resolve(ms))
      }
    }
    child.stdout.on('data', check)
    child.stderr.on('data', check)
    child.once('exit', (code) => {
      if (!ready(output)) reject(new Error(`exited ${code} before it was ready:\n${output}`))
    })
  })
}

async function bridgeFigures(): Promise<void> {
  const temp = makeTempDir('qwb-bench-bridge-')
  const start = await startBrowserMode({
    dataDir: temp.dir,
    rendererDir: join(ROOT, 'out', 'renderer'),
    cipher: createNodeCipher(),
    version: 'bench',
    claimDataDir: false
  })
  if (!('started' in start)) throw new Error('unexpected running instance')
  const mode = start.started
  const url = new URL(mode.origin)
  const host = url.host
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const get = (path: string, headers: Record<string, string>) =>
    new Promise<{ status: number; cookie?: string }>((resolve, reject) => {
      request({ host: url.hostname, port: url.port, path, headers, agent }, (res) => {
        res.resume()
        res.on('end', () => resolve({ status: res.statusCode ?? 0, cookie: String(res.headers['set-cookie'] ?? '').split(';')[0] }))
      })
        .on('error', reject)
        .end()
    })
  const launch = new URL(mode.launchUrl)
  const { cookie } = await get(`/${launch.search}`, { host })
  const post = (channel: string) =>
    new Promise<void>((resolve, reject) => {
      const body = '{}'
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: `/ipc/${encodeURIComponent(channel)}`,
          agent,
          headers: { host, origin: mode.origin, cookie: cookie ?? '', 'content-type': 'application/json', 'x-workbench-bridge': '1', 'content-length': String(body.length) }
        },
        (res) => {
          let text = ''
          res.on('data', (c: Buffer) => (text += c.toString('utf8')))
          res.on('end', () => ((JSON.parse(text) as { ok: boolean }).ok ? resolve() : reject(new Error(text))))
        }
      )
      req.on('error', reject)
      req.end(body)
    })
  const sender = { url: `${mode.origin}/`, isMainFrame: true }

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-gpu']
  })
  try {
    const page = await browser.newPage()
    await page.goto(mode.launchUrl)
    await page.waitForURL(`${mode.origin}/`)
    await page.waitForFunction(() => typeof (window as unknown as { workbench?: unknown }).workbench === 'object')

    for (const channel of ['app:info', 'environments:list'] as const) {
      console.log(`\n${channel} (n=${ROUNDS} after ${WARMUP} warm-up calls)`)
      const direct = await measure(async () => {
        const result = await mode.app.registry.invoke(channel, undefined, sender)
        if (!result.ok) throw new Error(JSON.stringify(result.error))
      })
      console.log(line('direct: handler registry (what ipcMain runs)', direct))
      const node = await measure(() => post(channel))
      console.log(line('HTTP bridge from Node (keep-alive)', node, direct))
      const [domain, method] = channel === 'app:info' ? ['app', 'info'] : ['environments', 'list']
      const times = await page.evaluate(
        async ({ domain, method, rounds, warmup }) => {
          const api = (window as unknown as { workbench: Record<string, Record<string, () => Promise<{ ok: boolean }>>> }).workbench
          const out: number[] = []
          for (let i = 0; i < rounds + warmup; i++) {
            const t = performance.now()
            const result = await api[domain][method]()
            if (!result.ok) throw new Error('call failed')
            if (i >= warmup) out.push(performance.now() - t)
          }
          return out
        },
        { domain, method, rounds: ROUNDS, warmup: WARMUP }
      )
      console.log(line('HTTP bridge from the page (window.workbench)', figures(times), direct))
      reportRow({ row: `browser-mode bridge from the page: ${channel} (p50)`, figure: figures(times).median, unit: 'ms', baseline: direct.median, baselineLabel: 'handler registry direct' })
    }
    // What any request costs this Chromium here: a same-origin GET of a small static file.
    const plain = await page.evaluate(
      async ({ rounds, warmup }) => {
        const out: number[] = []
        for (let i = 0; i < rounds + warmup; i++) {
          const t = performance.now()
          await (await fetch('/index.html', { cache: 'no-store' })).text()
          if (i >= warmup) out.push(performance.now() - t)
        }
        return out
      },
      { rounds: ROUNDS, warmup: WARMUP }
    )
    console.log(`\nplain fetch of /index.html from the page (Chromium's own cost per request)`)
    console.log(line('GET /index.html', figures(plain)))
  } finally {
    await browser.close()
    agent.destroy()
    await mode.close()
    temp.cleanup()
  }
}

async function startupFigures(): Promise<void> {
  const runs = Number(process.env.STARTUP_RUNS ?? 3)
  const bare: number[] = []
  const full: number[] = []
  for (let i = 0; i < runs; i++) {
    bare.push(await timeToOutput(['--import', 'tsx', '-e', 'console.log("ready")'], (o) => o.includes('ready')))
    const temp = makeTempDir('qwb-bench-start-')
    try {
      full.push(
        await timeToOutput(
          ['--import', 'tsx', join(ROOT, 'src', 'main', 'browser-mode', 'cli.ts'), '--no-open', '--data-dir', temp.dir],
          (o) => /\?launch=[\w-]+/.test(o)
        )
      )
    } finally {
      temp.cleanup()
    }
  }
  const b = figures(bare)
  const f = figures(full)
  console.log(`\nbrowser-mode start-up, spawn to printed URL (fresh data folder, ${runs} runs, median)`)
  console.log(`node + tsx, empty script (baseline)           ${b.median.toFixed(0)} ms`)
  console.log(`browser mode (cli.ts)                         ${f.median.toFixed(0)} ms   (+${(f.median - b.median).toFixed(0)} ms for the composition, sandbox, preview server and HTTP server)`)
  reportRow({ row: 'browser mode start, spawn to printed URL (p50)', figure: f.median, unit: 'ms', baseline: b.median, baselineLabel: 'node + tsx, empty script' })
}

await bridgeFigures()
await startupFigures()
