import { describe, expect, it } from 'vitest'
import { KeyEcho } from '../../../../src/main/secrets/key-echo'
import { findKeyEncodings, keyEncodings, makeSentinel } from '../../../support/key-encodings'

// Keys with every character escaping changes, with and without non-ASCII and an emoji (issue 7).
const KEYS = [makeSentinel({ withEmoji: true }), makeSentinel(), makeSentinel({ withSpace: false, withNonAscii: false }), 'plainAlnumKey0123456789']

describe('KeyEcho finds and removes a key in every encoding', () => {
  for (const key of KEYS) {
    const echo = KeyEcho.of(key)
    for (const { name, form } of keyEncodings(key)) {
      for (const [where, wrap] of [
        ['alone', (f: string) => f],
        ['inside text', (f: string) => `before ${f} after`],
        ['inside a JSON string', (f: string) => JSON.stringify({ message: `said ${f}.` })],
        ['split across lines', (f: string) => `${f.slice(0, 5)}\n${f.slice(5, 11)}\r\n${f.slice(11)}`]
      ] as const) {
        it(`${JSON.stringify(key).slice(0, 30)}…: ${name}, ${where}`, () => {
          const text = wrap(form)
          expect(echo.find(text)).toBe(true)
          const scrubbed = echo.scrub(text)
          expect(findKeyEncodings(scrubbed, key)).toEqual([])
          expect(echo.find(scrubbed)).toBe(false)
          expect(scrubbed).toMatch(/\[redacted(, ends in .{4}| API key)\]/)
        })
      }
    }
  }

  it('finds base64 of the key at any byte alignment inside a longer encoded value (a JWT payload, a log blob)', () => {
    const key = KEYS[0]
    for (const prefix of ['', 'a', 'ab', 'abc', '{"k":"']) {
      const blob = Buffer.from(`${prefix}${key}"}`, 'utf8')
      for (const text of [blob.toString('base64'), blob.toString('base64url')]) {
        expect(KeyEcho.of(key).find(text), `prefix ${JSON.stringify(prefix)}`).toBe(true)
        expect(KeyEcho.of(key).find(KeyEcho.of(key).scrub(text))).toBe(false)
      }
    }
  })

  it('finds mixed escapes: some characters \\u-escaped, URL-encoded inside JSON, JSON inside a URL', () => {
    const key = 'ab"c/d&e<f>g h+i-0042'
    const mixed = 'ab\\u0022c\\/d\\u0026e<f\\u003Eg h+i-0042'
    const jsonInUrl = encodeURIComponent(JSON.stringify({ k: key }))
    const urlInJson = JSON.stringify({ u: `https://x/?k=${encodeURIComponent(key)}` })
    for (const text of [mixed, jsonInUrl, urlInJson]) expect(KeyEcho.of(key).find(text), text).toBe(true)
  })

  it('cuts a hex echo from the right place after characters whose lowercase is longer (İ), in either case', () => {
    // Hex is searched caselessly in a lowercased copy whose indexes must match the text's: 'İ'.toLowerCase() is two units.
    const key = 'plainAlnumKey0123456789'
    const hex = Buffer.from(key, 'utf8').toString('hex')
    for (const form of [hex.toUpperCase(), hex, `${hex.slice(0, 10).toUpperCase()}${hex.slice(10)}`]) {
      for (const text of [`İİİ ${form} tail`, `${form} İ`, `ascii only ${form}.`]) {
        const expected = text.replace(form, '[redacted, ends in 6789]')
        expect(KeyEcho.of(key).scrub(text), text).toBe(expected)
      }
    }
  })

  it('keeps ordinary text and short keys alone', () => {
    const echo = KeyEcho.of('SENTINEL-abcdef')
    const text = 'The server said: "invalid" (%41 &amp; \\u0041 +)'
    expect(echo.find(text)).toBe(false)
    expect(echo.scrub(text)).toBe(text)
    expect(new KeyEcho(['abc']).find('abc')).toBe(false)
  })

  it('scrubs parsed values, object keys included', () => {
    const key = KEYS[1]
    const { value, removed } = KeyEcho.of(key).scrubDeep({ [key]: [{ nested: `x ${key} y` }], ok: 1 })
    expect(removed).toBe(true)
    expect(findKeyEncodings(JSON.stringify(value), key)).toEqual([])
    expect(JSON.stringify(value)).toContain('"ok":1')
  })
})
