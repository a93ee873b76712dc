/**
 * How long the key-echo detector takes on large texts, next to a plain
 * `indexOf` of the key over the same text (the baseline: what the old exact
 * scrub cost). Linear means: twice the text, about twice the time.
 *   npx tsx bench/key-echo.ts
 */
import { KeyEcho } from '../src/main/secrets/key-echo'
import { reportRow } from './lib/row'

const keys = ['SENTINEL"\\/&+<> %=é-0123456789abcdef', 'd41d8cd98f00b204e9800998ecf8427e', 'another-key-for-env-3']
const echo = new KeyEcho(keys)
const texts: Record<string, (size: number) => string> = {
  'pretty JSON (a workspace file)': (size) => JSON.stringify(Array.from({ length: Math.ceil(size / 60) }, (_, i) => ({ name: `Setup ${i}`, userid: 'u1' })), null, 2).slice(0, size),
  'escape-dense (hostile)': (size) => '%2B\\u0041&amp;+\\n'.repeat(Math.ceil(size / 17)).slice(0, size)
}
function time(fn: () => void): number {
  const t0 = performance.now()
  fn()
  return performance.now() - t0
}
for (const [name, make] of Object.entries(texts)) {
  for (const size of [1_000_000, 2_000_000, 4_000_000]) {
    const text = make(size)
    echo.find(text.slice(0, 1000))
    const base = time(() => keys.forEach((k) => text.indexOf(k)))
    const found = time(() => echo.find(text))
    const scrubbed = time(() => echo.scrub(text))
    console.log(`${name.padEnd(32)} ${String(size / 1e6).padStart(3)} MB  indexOf baseline ${base.toFixed(1).padStart(7)} ms   find ${found.toFixed(0).padStart(6)} ms   scrub ${scrubbed.toFixed(0).padStart(6)} ms`)
    if (size === 4_000_000) reportRow({ row: `key-echo find, 4 MB ${name}`, figure: found, unit: 'ms', baseline: base, baselineLabel: 'indexOf of each key' })
  }
}
