import { describe, expect, it } from 'vitest'
import { KeyEcho } from '../../../../src/main/secrets/key-echo'
import { findKeyEncodings, keyAcrossCut, keyEncodings, makeSentinel } from '../../../support/key-encodings'

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

describe('KeyEcho.scrubHead: only the part shown is scanned, and no part of a key gets through the cut', () => {
  // The details view shows 2,000 characters of a reply (MAX_BODY_IN_DETAIL).
  const SHOWN = 2000
  const key = makeSentinel()
  const echo = KeyEcho.of(key)
  for (const { name, form } of keyEncodings(key).filter((f) => ['url', 'json', 'base64'].some((n) => f.name.startsWith(n)))) {
    for (const inside of [Math.floor(form.length / 2), form.length - 1]) {
      it(`${name}: a copy with ${inside} of its ${form.length} characters before the end of the part scanned`, () => {
        const text = keyAcrossCut(form, SHOWN, SHOWN + echo.cutMargin, inside)
        const partial = form.slice(0, Math.min(inside, 16))
        // The cut this replaces (scrub the part scanned, then show its first 2,000 characters) showed the partial copy.
        const naive = echo.scrub(text.slice(0, SHOWN + echo.cutMargin)).slice(0, SHOWN)
        // (Base64 is searched by the key's core, without its edge characters: a copy short of its last character
        // only is found even by the old cut.)
        if (!name.startsWith('base64') || inside < form.length - 1) expect(naive, 'the text really brings a partial copy into view under the old cut').toContain(partial)
        const head = echo.scrubHead(text, SHOWN)
        expect(head.text).not.toContain(partial)
        expect(findKeyEncodings(head.text, key)).toEqual([])
        expect(head).toMatchObject({ cut: true, removed: true })
        expect(head.text.length).toBeLessThanOrEqual(SHOWN)
        expect(head.text).toMatch(/\[redacted, ends in /)
      })
    }
  }

  it('a text no longer than the part shown plus the margin is scrubbed whole, and says whether a key was removed', () => {
    expect(echo.scrubHead('short and clean', 2000)).toEqual({ text: 'short and clean', cut: false, removed: false })
    const withKey = echo.scrubHead(`said ${encodeURIComponent(key)} here`, 2000)
    expect(withKey).toMatchObject({ cut: false, removed: true })
    expect(findKeyEncodings(withKey.text, key)).toEqual([])
    // Longer than what is shown but within the margin: cut after a whole scrub.
    const long = echo.scrubHead(`${'x'.repeat(2100)}${key}`, 2000)
    expect(long).toEqual({ text: 'x'.repeat(2000), cut: true, removed: true })
  })

  it('a long text without a key is cut, and nothing is said to be removed', () => {
    const head = echo.scrubHead('ordinary text. '.repeat(10_000), 2000)
    expect(head.cut).toBe(true)
    expect(head.removed).toBe(false)
    expect(head.text.length).toBeGreaterThan(2000 - 20)
  })
})
