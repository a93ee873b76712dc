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

  it('returns a clean reply as it is, without copying it', () => {
    const reply = { ok: true as const, value: { items: Array.from({ length: 20_000 }, (_, i) => ({ name: `Setup ${i}` })) } }
    const result = scrubReply(echo, reply)
    expect(result.removed).toBe(false)
    expect(result.value).toBe(reply)
  })
})
