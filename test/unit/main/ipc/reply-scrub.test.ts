/**
 * The reply net's fast path (src/main/ipc/reply-scrub.ts) removes exactly
 * what walking every string removes: the key in every encoding, as a value,
 * as an object key, deep in a reply; a clean reply comes back untouched.
 */
import { describe, expect, it } from 'vitest'
import { KeyEcho } from '../../../../src/main/secrets/key-echo'
import { scrubReply } from '../../../../src/main/ipc/reply-scrub'
import { findKeyEncodings, keyEncodings, makeSentinel } from '../../../support/key-encodings'

describe('scrubReply', () => {
  const key = makeSentinel({ withEmoji: true })
  const echo = KeyEcho.of(key)

  it('finds the key in every encoding, as a value or an object key, deep inside a large reply', () => {
    for (const { name, form } of keyEncodings(key)) {
      const items = Array.from({ length: 2000 }, (_, i) => ({ name: `Setup ${i}`, action: 'add' }))
      for (const reply of [
        { ok: true as const, value: { items: [...items.slice(0, 1500), { name: `x ${form} y`, action: 'add' }, ...items.slice(1500)] } },
        { ok: true as const, value: { deep: { [`k ${form}`]: [1, 2, { note: 'clean' }] } } },
        { ok: false as const, error: { code: 'HTTP_4XX' as const, message: `The server said: ${form}` } }
      ]) {
        const walked = echo.scrubDeep(reply)
        const fast = scrubReply(echo, reply)
        expect(fast.removed, name).toBe(true)
        expect(fast).toEqual(walked)
        expect(findKeyEncodings(JSON.stringify(fast.value), key), name).toEqual([])
      }
    }
  })

  it('finds what the walk finds when a string holds `\\` or `"`: three layers stay three (found in review)', () => {
    // JSON.stringify, which the fast path used to search, escaped them: a fourth layer, beyond the views.
    const plain = 'qrvkAbcDEF0123456789abcdef0042'
    const u = (s: string) => [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')
    const pct = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')
    for (const [name, k, form] of [
      ['\\u of %XX of %XX', plain, u(pct(pct(plain)))],
      ['%XX of \\u of %XX', plain, pct(u(pct(plain)))],
      ['a sentinel key, \\u of %XX of %XX', key, u(pct(pct(key)))]
    ] as const) {
      const e = KeyEcho.of(k)
      for (const reply of [
        { ok: true as const, value: { items: [{ appid: 'a1', name: form }] } },
        { ok: true as const, value: { [form]: 'as an object key', quoted: 'a "quote" and a \\ backslash elsewhere' } }
      ]) {
        const walked = e.scrubDeep(reply)
        expect(walked.removed, `${name}: the walk finds it`).toBe(true)
        const fast = scrubReply(e, reply)
        expect(fast.removed, name).toBe(true)
        expect(fast).toEqual(walked)
      }
    }
  })

  it('returns a clean reply as it is, without copying it', () => {
    const reply = { ok: true as const, value: { items: Array.from({ length: 20_000 }, (_, i) => ({ name: `Setup ${i}` })) } }
    const result = scrubReply(echo, reply)
    expect(result.removed).toBe(false)
    expect(result.value).toBe(reply)
  })
})
