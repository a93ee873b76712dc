/**
 * Waits until the machine is quiet before a benchmark starts. One benchmark's
 * browsers and servers take a moment to exit, and on two cores whatever they
 * still do lands in the next benchmark's figures. The load average cannot
 * tell: it is a one-minute average that stays high long after the work has
 * stopped (it read 13.7 as sandbox-throughput started, right after
 * rls-compare's six previews had closed). CPU idle time over a short window
 * can (os.cpus() times, on every platform).
 */
import { cpus } from 'node:os'

function cpuTimes(): { idle: number; total: number } {
  let idle = 0
  let total = 0
  for (const cpu of cpus()) {
    const t = cpu.times
    idle += t.idle
    total += t.user + t.nice + t.sys + t.idle + t.irq
  }
  return { idle, total }
}

/** Fraction of all cores' time spent idle over the next `windowMs`. */
export async function idleFraction(windowMs: number): Promise<number> {
  const before = cpuTimes()
  await new Promise((resolve) => setTimeout(resolve, windowMs))
  const after = cpuTimes()
  const total = after.total - before.total
  return total > 0 ? (after.idle - before.idle) / total : 1
}

export interface QuietOutcome {
  waitedMs: number
  /** Idle fraction of the last window measured. */
  idle: number
  quiet: boolean
}

/** Samples `windowMs` windows until one is at least `idleAtLeast` idle, or `maxWaitMs` has passed. */
export async function waitForQuietMachine(options: { idleAtLeast?: number; windowMs?: number; maxWaitMs?: number } = {}): Promise<QuietOutcome> {
  const { idleAtLeast = 0.9, windowMs = 1000, maxWaitMs = 60_000 } = options
  const started = performance.now()
  for (;;) {
    const idle = await idleFraction(windowMs)
    const waitedMs = performance.now() - started
    if (idle >= idleAtLeast) return { waitedMs, idle, quiet: true }
    if (waitedMs >= maxWaitMs) return { waitedMs, idle, quiet: false }
  }
}
