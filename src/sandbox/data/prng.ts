/**
 * A tiny seeded pseudo-random generator (mulberry32). The demo data must be
 * the same on every start and every machine, so tests and the e2e suite can
 * compute expected totals; Math.random cannot give that.
 */
export type Random = () => number

/** Returns numbers in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A whole number from min to max, both included. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1))
}

/** Picks one entry, each as likely as its weight. */
export function weightedPick<T>(random: Random, entries: ReadonlyArray<readonly [T, number]>): T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0)
  let point = random() * total
  for (const [value, weight] of entries) {
    point -= weight
    if (point < 0) return value
  }
  return entries[entries.length - 1][0]
}
