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

  it('finds every three-layer encoding next to harmless escapes of every kind (they once used up the views)', () => {
    // Encoders written here, not the detector's: \u of every UTF-16 unit, %XX of every UTF-8 byte, &#x..; of every code point.
    const layers: Record<string, (s: string) => string> = {
      json: (s) => [...s].map((c) => [...c].map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')).join(''),
      url: (s) => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''),
      html: (s) => [...s].map((c) => `&#x${c.codePointAt(0)!.toString(16)};`).join('')
    }
    const noises = ['a\nb &amp; c %41 d + e \\u0041', '+ %41 &amp; \\u0041 \r\n', '\\u0041 &amp; %41 + \n', '&amp; %41 + \\n']
    const key = 'plainAlnumKey0123456789'
    const echo = KeyEcho.of(key)
    const missed: string[] = []
    for (const a of Object.keys(layers))
      for (const b of Object.keys(layers))
        for (const c of Object.keys(layers)) {
          const form = layers[c](layers[b](layers[a](key)))
          for (const noise of noises)
            for (const text of [`${noise} ${form} x`, `x ${form} ${noise}`]) {
              const scrubbed = echo.scrub(text)
              if (!echo.find(text) || scrubbed.includes(form.slice(0, 40)) || echo.find(scrubbed)) missed.push(`${a}>${b}>${c} ${JSON.stringify(text.slice(0, 30))}`)
            }
        }
    expect(missed).toEqual([])
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

/** The hex of a key's UTF-8 bytes: its first `raw` digits as they are, each later one as `&#x0000..;` of `&#x0000..;` of `&#x0000..;`. */
function hexThenPadded(key: string, raw: number): string {
  const padded = (s: string) => [...s].map((c) => `&#x${c.codePointAt(0)!.toString(16).padStart(6, '0')};`).join('')
  const hex = Buffer.from(key, 'utf8').toString('hex')
  return hex.slice(0, raw) + [...hex.slice(raw)].map((digit) => padded(padded(padded(digit)))).join('')
}

describe('KeyEcho.scrubHead: only the part shown is scanned, and no part of a key gets through the cut', () => {
  // The details view shows 2,000 characters of a reply (MAX_BODY_IN_DETAIL).
  const SHOWN = 2000
  const key = makeSentinel()
  const echo = KeyEcho.of(key)
  for (const { name, form } of keyEncodings(key).filter((f) => ['url', 'json', 'base64'].some((n) => f.name.startsWith(n)))) {
    for (const inside of [Math.floor(form.length / 2), form.length - 1]) {
      it(`${name}: a copy with ${inside} of its ${form.length} characters before the end of the part scanned`, () => {
        const partial = form.slice(0, Math.min(inside, 16))
        // The cut this replaces (scrub the part scanned, then show its first 2,000 characters) showed the
        // partial copy. Shown with a short scan (the margin was 18 per key character then: with today's,
        // the copies before the cut cannot shrink the text enough to pull the partial copy into view).
        const shortScan = SHOWN + key.length * 18 + 64
        const demo = keyAcrossCut(form, SHOWN, shortScan, inside)
        const naive = echo.scrub(demo.slice(0, shortScan)).slice(0, SHOWN)
        // (Base64 is searched by the key's core, without its edge characters: a copy short of its last character
        // only is found even by the old cut.)
        if (!name.startsWith('base64') || inside < form.length - 1) expect(naive, 'the text really brings a partial copy into view under the old cut').toContain(partial)
        // The same copy across that short scan's end, and across the end of the part scrubHead scans.
        for (const text of [demo, keyAcrossCut(form, SHOWN, SHOWN + echo.cutMargin, inside)]) {
          const head = echo.scrubHead(text, SHOWN)
          expect(head.text).not.toContain(partial)
          expect(findKeyEncodings(head.text, key)).toEqual([])
          expect(head).toMatchObject({ cut: true, removed: true })
          expect(head.text.length).toBeLessThanOrEqual(SHOWN)
          expect(head.text).toMatch(/\[redacted, ends in /)
        }
      })
    }
  }

  it('long encodings and a key spread over many line breaks, starting before the cut: nothing of them is shown (found in review)', () => {
    // The margin was 18 characters per key character: a `\u`-escaped, twice URL-encoded key is 30, and line
    // breaks (dropped by every view) made any span possible. Encoders written here, not the detector's.
    const plain = 'plainAlnumKey0123456789'
    const u = (s: string) => [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')
    const pct = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')
    const ent = (s: string) => [...s].map((c) => `&#x${c.codePointAt(0)!.toString(16)};`).join('')
    const cases: Array<[string, string, string]> = [
      ['\\u of %XX of %XX (30 per character)', plain, u(pct(pct(plain)))],
      ['entities of entities of entities', plain, ent(ent(ent(plain)))],
      ['split by 200,000 line breaks', plain, `${plain.slice(0, -1)}${'\n'.repeat(200_000)}${plain.slice(-1)}`],
      ['split by 100,000 CRLFs, sentinel key', key, `${key.slice(0, -1)}${'\r\n'.repeat(100_000)}${key.slice(-1)}`],
      // The margin was sized by the key, not its longest form: the hex of a non-ASCII key is 4 per character,
      // and padded entities three deep are 1,000 per hex digit (found in the second review).
      ['hex of a non-ASCII key, its end in padded entities three deep', 'éééééééé', hexThenPadded('éééééééé', 13)]
    ]
    for (const [name, k, form] of cases) {
      const e = KeyEcho.of(k)
      expect(e.find(form), `${name}: the detector knows the form`).toBe(true)
      for (const before of [16, 200, 1000]) {
        const start = SHOWN - Math.min(before, form.length - 1)
        const text = `${'x'.repeat(start)}${form}${'.'.repeat(500_000)}`
        const head = e.scrubHead(text, SHOWN)
        expect(head.text, `${name}, ${before} characters before the cut`).not.toContain(form.slice(0, 16))
        expect(head.text).not.toContain(k.slice(0, 8))
        expect(head.cut).toBe(true)
      }
    }
  })

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
