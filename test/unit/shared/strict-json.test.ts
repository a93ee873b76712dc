/** isStrictJson agrees with JSON.parse (without its exceptions), on hand-picked and seeded random texts. */
import { describe, expect, it } from 'vitest'
import { isStrictJson } from '../../../src/shared/strict-json'
import { seededRandom } from '../../../src/sandbox/data/prng'

function parses(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

describe('isStrictJson', () => {
  it.each([
    '{}', '[]', '{"alg":"HS256"}', ' {"a":[1,2,{"b":null}],"c":true} ', '"x"', '0', '-0.5e+10', '1E3', 'true', 'null', '"\\u00e9\\n"', '[[],[{}]]',
    '{', '}', '[1,]', '{"a":1,}', '{"a"}', '{"a":}', '{a:1}', "{'a':1}", '01', '1.', '.5', '-', '+1', '1e', '"\\x"', '"\\u12"', '"a\nb"', 'tru', 'nul',
    '{"a":1}x', '[1 2]', '{"a":1 "b":2}', '', ' ', '\ufeff{}', '{"alg":"x"', '[', '{"a":[}', '{"a":1]', '[1}', 'NaN', 'Infinity', '"\u2028"'
  ])('%j', (text) => expect(isStrictJson(text)).toBe(parses(text)))

  it('agrees with JSON.parse on 20,000 seeded random texts', () => {
    const random = seededRandom(7)
    const pieces = ['{', '}', '[', ']', ',', ':', '"', '"a"', '"alg"', '1', '-', '0', '.', 'e', '+', ' ', '\n', 'true', 'null', 'fals', '\\', '\\u00', 'x', '"\\n"']
    let valid = 0
    for (let n = 0; n < 20_000; n++) {
      let text = ''
      const count = 1 + Math.floor(random() * 10)
      for (let i = 0; i < count; i++) text += pieces[Math.floor(random() * pieces.length)]
      const expected = parses(text)
      if (expected) valid++
      expect(isStrictJson(text), JSON.stringify(text)).toBe(expected)
    }
    expect(valid).toBeGreaterThan(500)
  })

  it('handles 100,000 levels of nesting without a stack overflow', () => {
    expect(isStrictJson('['.repeat(100_000) + ']'.repeat(100_000))).toBe(true)
    expect(isStrictJson('['.repeat(100_000))).toBe(false)
  })
})
