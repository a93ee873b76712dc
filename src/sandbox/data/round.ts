/**
 * Rounds to 2 decimals (money). Plain `Math.round(x * 100) / 100` turns 1.005
 * into 1 because 1.005 * 100 is 100.49999...; nudging by one part in 2^52
 * rounds the way a person would.
 */
export function round2(value: number): number {
  return (Math.sign(value) * Math.round(Math.abs(value) * 100 * (1 + Number.EPSILON))) / 100
}
