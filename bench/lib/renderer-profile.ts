/**
 * Diagnosis companion of bench/renderer-load.ts (not a benchmark row): where
 * the main thread's time goes between navigation and a usable token form.
 * Opens the workbench as the load bench does (harness, browser mode), records
 * a Chromium trace (task boundaries, script evaluation, style, layout, paint)
 * and a sampled CPU profile, and prints a SUMMARY line per run (the main
 * thread's CPU time up to the usable moment and the longest task, in wall and
 * in CPU time: on a loaded machine the wall time of a task is mostly waiting
 * for a core, its thread time is not), then for every main-thread task over
 * 30 ms: its length and what filled it (by trace event, then by the
 * JavaScript functions sampled inside it, self time).
 *
 * "Usable" is the load bench's moment (same watcher, imported from it).
 *
 *   npm run build:all && npx tsx bench/lib/renderer-profile.ts    (RUNS=…; TIMELINE=1 NAMES=1 INCLUSIVE=40 TREE=2 for more)
 */
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { RENDERER_DIR, startHarness } from '../../test/support/harness'
import { benchSignal } from './page-signal'
import { USABLE_SIGNAL, WATCH_FOR_USABLE_FORM } from './usable-form'

const RUNS = Number(process.env.RUNS ?? 3)
const LONG = 30

interface TraceEvent {
  name: string
  cat: string
  ph: string
  ts: number
  dur?: number
  /** Thread (CPU) time: unlike dur, not inflated while the thread waits for a core on a loaded machine. */
  tdur?: number
  pid: number
  tid: number
  args?: Record<string, unknown>
}

interface ProfileNode {
  id: number
  children?: number[]
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
}
interface Profile {
  nodes: ProfileNode[]
  startTime: number
  samples: number[]
  timeDeltas: number[]
}

/** Trace events whose own time (minus their children) is worth naming. */
const KINDS = new Set(['EvaluateScript', 'v8.compile', 'v8.compileModule', 'v8.evaluateModule', 'FunctionCall', 'EventDispatch', 'TimerFire', 'FireAnimationFrame', 'RunMicrotasks', 'V8.GCScavenger', 'MajorGC', 'MinorGC', 'ParseHTML', 'ParseAuthorStyleSheet', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'HitTest', 'XHRLoad', 'ResourceReceivedData'])

const componentLines = new Map<string, Array<[number, string]>>()
/** " (Name)" for a line inside a <script setup> component of an unminified build (its `__name`), else "". */
function componentAt(url: string, line: number): string {
  const file = url.replace(/^.*\/assets\//, '')
  if (!/^[\w.-]+\.js$/.test(file)) return ''
  let marks = componentLines.get(file)
  if (!marks) {
    marks = []
    const dir = join(RENDERER_DIR, 'assets')
    try {
      readFileSync(join(dir, file), 'utf8').split('\n').forEach((text, index) => {
        const name = /__name: "([^"]+)"/.exec(text)?.[1]
        if (name) marks?.push([index + 1 - 3, name])
      })
    } catch {
      // Not a file of this build.
    }
    componentLines.set(file, marks)
  }
  const mark = marks.filter(([at]) => at <= line).at(-1)
  return mark ? ` (${mark[1]})` : ''
}

function shortUrl(url: string): string {
  return url.replace(/^.*\/assets\//, '').replace(/^https?:\/\/[^/]+\//, '/')
}

async function main() {
  const harness = await startHarness()
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--disable-background-networking', '--no-first-run', '--disable-gpu'] })
  console.log(`load average ${loadavg()[0].toFixed(1)}`)
  try {
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
      const page = await context.newPage()
      await page.addInitScript({ content: WATCH_FOR_USABLE_FORM })
      const cdp = await context.newCDPSession(page)
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
      await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'disabled-by-default-v8.compile', 'blink.user_timing', 'loading'] })
      await cdp.send('Profiler.start')
      const usable = benchSignal(page, USABLE_SIGNAL)
      await harness.open(page)
      await usable
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile }
      const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }
      const bench = await page.evaluate(() => {
        const b = (window as unknown as { __bench: { usableAt: number; longest: number } }).__bench
        return { usableAt: b.usableAt, longest: b.longest, timeOrigin: performance.timeOrigin, nodes: document.getElementsByTagName('*').length }
      })
      await context.close()
      report(run, trace.traceEvents, profile, bench)
    }
  } finally {
    await browser.close()
    await harness.close()
  }
}

function report(run: number, events: TraceEvent[], profile: Profile, bench: { usableAt: number; longest: number; nodes: number }) {
  // The renderer main thread: where the page is parsed and its scripts run. The page's scripts are modules
  // (v8.evaluateModule); a classic EvaluateScript there was only ever Playwright's own injected script.
  const pageWork = new Set(['ParseHTML', 'v8.evaluateModule', 'EvaluateScript'])
  const workOf = (e: TraceEvent) => events.filter((x) => x.pid === e.pid && x.tid === e.tid && pageWork.has(x.name)).length
  // The busiest such thread: a new page starts in a renderer of its own and moves to the workbench's on navigation.
  const threadName = events
    .filter((e) => e.name === 'thread_name' && (e.args?.name as string) === 'CrRendererMain')
    .map((e) => ({ e, work: workOf(e) }))
    .filter(({ work }) => work > 0)
    .sort((a, b) => b.work - a.work)[0]?.e
  if (!threadName) return console.log(`run ${run}: no renderer main thread in the trace`)
  const onMain = events.filter((e) => e.pid === threadName.pid && e.tid === threadName.tid && e.ph === 'X')
  // The workbench document's navigation start (the page's performance.now() origin), not about:blank's.
  const navStart = events.filter((e) => e.pid === threadName.pid && e.name === 'navigationStart' && String((e.args?.data as { documentLoaderURL?: string } | undefined)?.documentLoaderURL ?? '').startsWith('http')).at(-1)?.ts
  if (process.env.DEBUG_NAV) for (const e of events.filter((x) => x.name === 'navigationStart')) console.log('navigationStart', e.pid, e.ts, JSON.stringify(e.args).slice(0, 300))
  const at = (ts: number) => (navStart ? ((ts - navStart) / 1000).toFixed(0).padStart(5) : '?')
  if (process.env.TIMELINE) {
    // Every task of 8 ms or more and every request, in order, for the critical path.
    const lines: Array<[number, string]> = []
    for (const e of onMain.filter((x) => (x.name === 'RunTask' || x.name === 'ThreadControllerImpl::RunTask') && (x.dur ?? 0) >= 8000)) {
      const inner = onMain.filter((c) => c.ts >= e.ts && c.ts + (c.dur ?? 0) <= e.ts + (e.dur ?? 0) && KINDS.has(c.name)).sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))[0]
      lines.push([e.ts, `task ${((e.dur ?? 0) / 1000).toFixed(1)} ms  ${inner ? inner.name : ''}`])
    }
    const sent = new Map<string, { ts: number; url: string }>()
    for (const e of events.filter((x) => x.name === 'ResourceSendRequest' || x.name === 'ResourceFinish')) {
      const data = e.args?.data as { requestId: string; url?: string; finishTime?: number }
      if (e.name === 'ResourceSendRequest') sent.set(data.requestId, { ts: e.ts, url: shortUrl(String(data.url)) })
      else {
        const s = sent.get(data.requestId)
        if (s) lines.push([s.ts, `request ${s.url} (done at ${at(e.ts)})`])
      }
    }
    for (const [ts, line] of lines.sort((a, b) => a[0] - b[0])) if (!line.includes('chrome://')) console.log(`  ${at(ts)}  ${line}`)
    // Style and layout forced by a script (they carry the script's stack).
    for (const e of onMain.filter((x) => (x.name === 'UpdateLayoutTree' || x.name === 'Layout') && (x.dur ?? 0) >= 2000)) {
      const data = (e.args?.beginData ?? e.args?.data ?? {}) as { stackTrace?: Array<{ functionName: string; url: string; lineNumber: number }>; dirtyObjects?: number; totalObjects?: number; elementCount?: number }
      const stack = (data.stackTrace ?? []).slice(0, 4).map((f) => `${f.functionName || '(anon)'}@${shortUrl(f.url)}:${f.lineNumber}`).join(' < ')
      console.log(`  ${at(e.ts)}  ${e.name} ${((e.dur ?? 0) / 1000).toFixed(1)} ms ${data.elementCount ?? data.dirtyObjects ?? ''} ${stack ? 'forced by ' + stack : ''}`)
    }
  }
  const tasks = onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask').filter((e) => (e.dur ?? 0) / 1000 >= LONG)
  // The same tasks by CPU time, up to the usable moment (the page's clock starts at navigation start).
  const usableTs = navStart !== undefined ? navStart + bench.usableAt * 1000 : Infinity
  const all = onMain.filter((e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.ts <= usableTs)
  const cpu = all.reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000
  const longestCpu = Math.max(0, ...all.map((e) => (e.tdur ?? 0) / 1000))
  const longestWall = Math.max(0, ...all.map((e) => (e.dur ?? 0) / 1000))
  console.log(`SUMMARY run ${run}: usable ${bench.usableAt.toFixed(0)} ms; main-thread CPU up to it ${cpu.toFixed(0)} ms; longest task started by then: ${longestWall.toFixed(0)} ms wall, ${longestCpu.toFixed(0)} ms CPU`)
  console.log(`\nrun ${run}: usable at ${bench.usableAt.toFixed(0)} ms, longest task (observer) ${bench.longest.toFixed(0)} ms, ${bench.nodes} elements; ${tasks.length} main-thread task(s) ≥ ${LONG} ms in the trace`)
  // Profile samples, as absolute timestamps (same clock as the trace).
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const sampleTimes: number[] = []
  let t = profile.startTime
  for (const delta of profile.timeDeltas) sampleTimes.push((t += delta))
  for (const task of tasks) {
    const start = task.ts
    const end = task.ts + (task.dur ?? 0)
    const inside = onMain.filter((e) => e !== task && e.ts >= start && e.ts + (e.dur ?? 0) <= end && KINDS.has(e.name))
    // Self time per event kind: its duration minus the named events nested in it.
    const self = new Map<string, number>()
    for (const e of inside) {
      const children = inside.filter((c) => c !== e && c.ts >= e.ts && c.ts + (c.dur ?? 0) <= e.ts + (e.dur ?? 0))
      const direct = children.filter((c) => !children.some((p) => p !== c && p.ts <= c.ts && p.ts + (p.dur ?? 0) >= c.ts + (c.dur ?? 0) && (p.dur ?? 0) > (c.dur ?? 0)))
      const own = (e.dur ?? 0) - direct.reduce((sum, c) => sum + (c.dur ?? 0), 0)
      let label = e.name
      if (e.name === 'EvaluateScript' || e.name === 'v8.compile' || e.name === 'v8.compileModule' || e.name === 'v8.evaluateModule') {
        const data = (e.args?.data ?? e.args) as { url?: string; fileName?: string } | undefined
        label += ` ${shortUrl(String(data?.url ?? data?.fileName ?? ''))}`
      }
      if (e.name === 'FunctionCall') {
        const data = e.args?.data as { url?: string; functionName?: string } | undefined
        label += ` ${shortUrl(String(data?.url ?? ''))}`
      }
      self.set(label, (self.get(label) ?? 0) + Math.max(0, own))
    }
    if (process.env.TREE) {
      // The task's events as a tree (1 ms or more), to tell forced style/layout from the frame's.
      const nested = onMain.filter((e) => e !== task && e.ts >= start && e.ts + (e.dur ?? 0) <= end && (e.dur ?? 0) >= 1000).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))
      const open: TraceEvent[] = []
      for (const e of nested) {
        while (open.length && open[open.length - 1].ts + (open[open.length - 1].dur ?? 0) <= e.ts) open.pop()
        if (open.length < Number(process.env.TREE)) console.log(`    ${'  '.repeat(open.length)}${at(e.ts)} ${e.name} ${((e.dur ?? 0) / 1000).toFixed(1)} ms (CPU ${((e.tdur ?? 0) / 1000).toFixed(1)}) ${JSON.stringify(e.args?.data ?? e.args?.beginData ?? '').slice(0, 160)}`)
        open.push(e)
      }
    }
    if (process.env.NAMES) {
      // CPU time by event name inside the task (nested events counted in each of their ancestors).
      const byName = new Map<string, number>()
      for (const e of onMain) if (e !== task && e.ts >= start && e.ts + (e.dur ?? 0) <= end) byName.set(e.name, (byName.get(e.name) ?? 0) + (e.tdur ?? 0) / 1000)
      for (const [name, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`    ${ms.toFixed(1).padStart(6)} ms CPU  ${name}`)
    }
    const since = navStart ? ` (${((start - navStart) / 1000).toFixed(0)} ms after navigation start)` : ''
    console.log(`  task ${((task.dur ?? 0) / 1000).toFixed(1)} ms wall, ${((task.tdur ?? 0) / 1000).toFixed(1)} ms CPU${since}`)
    for (const [label, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`    ${(us / 1000).toFixed(1).padStart(6)} ms  ${label}`)
    // JavaScript self time inside the task, by function.
    const fns = new Map<string, number>()
    profile.samples.forEach((id, i) => {
      const at = sampleTimes[i]
      if (at < start || at > end) return
      const node = byId.get(id)
      if (!node) return
      const f = node.callFrame
      const key = `${f.functionName || '(anonymous)'} ${shortUrl(f.url)}:${f.lineNumber + 1}:${f.columnNumber + 1}`
      fns.set(key, (fns.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0))
    })
    if (process.env.INCLUSIVE) {
      // Inclusive time by frame (a frame counted once per sample), labelled with the component it is in (unminified builds).
      const parent = new Map<number, number>()
      for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
      const incl = new Map<string, number>()
      profile.samples.forEach((id, i) => {
        const at = sampleTimes[i]
        if (at < start || at > end) return
        const seen = new Set<string>()
        for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
          const f = byId.get(cur)?.callFrame
          if (!f || !f.url) continue
          const key = `${f.functionName || '(anonymous)'} ${shortUrl(f.url)}:${f.lineNumber + 1}${componentAt(f.url, f.lineNumber + 1)}`
          seen.add(key)
        }
        for (const key of seen) incl.set(key, (incl.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0))
      })
      console.log('    JS inclusive time by function:')
      for (const [key, us] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.INCLUSIVE))) console.log(`      ${(us / 1000).toFixed(1).padStart(6)} ms  ${key}`)
    }
    console.log('    JS self time by function:')
    for (const [key, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`      ${(us / 1000).toFixed(1).padStart(6)} ms  ${key}`)
  }
}

void main()
