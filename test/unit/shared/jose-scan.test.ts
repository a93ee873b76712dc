/**
 * The token scanners behind the secret guard (issue 7, point 4): they find
 * every token the regular expressions they replace found, and finish on the
 * hostile inputs that froze (80,000-character field: 22 s) or crashed
 * (5.6-million-character run: regex stack overflow) the old ones. Linear
 * time is shown by counting the scanner's steps, not by timing.
 */
import { describe, expect, it } from 'vitest'
import { CompactEncrypt, CompactSign } from 'jose'
import { containsCompactJose, isCompactJose, scanStats } from '../../../src/shared/jose-scan'
import { looksLikeJoseToken, sanitizeSecrets } from '../../../src/shared/secret-fields'
import { containsJoseToken, createSecretGuard } from '../../../src/main/workspace/secret-guard'
import { TokenIssuer } from '../../../src/sandbox/server/token-issuer'
import { seededRandom } from '../../../src/sandbox/data/prng'

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
const JWS = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'u1' })}.c2lnbmF0dXJlLWJ5dGVz`
const JWE = `${b64({ alg: 'dir', enc: 'A256GCM', kid: 'k1' })}..aXYtaXYtaXYtaXY.Y2lwaGVydGV4dA.dGFnLXRhZy10YWc`

// The implementations this replaced, kept here as the reference for "finds what it found before".
const OLD_COMPACT_JOSE = /^[A-Za-z0-9_-]{8,}(\.[A-Za-z0-9_-]*){2}$|^[A-Za-z0-9_-]{8,}(\.[A-Za-z0-9_-]*){4}$/
function oldLooksLikeJoseToken(value: string): boolean {
  const text = value.trim()
  if (text.length < 20 || !OLD_COMPACT_JOSE.test(text)) return false
  try {
    const header = JSON.parse(Buffer.from(text.slice(0, text.indexOf('.')), 'base64url').toString('utf8')) as { alg?: unknown }
    return typeof header === 'object' && header !== null && typeof header.alg === 'string'
  } catch {
    return false
  }
}
function oldContainsJoseToken(text: string): boolean {
  for (const match of text.matchAll(/[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*){2,4}/g)) {
    const parts = match[0].split('.')
    for (const count of [3, 5]) if (parts.length >= count && oldLooksLikeJoseToken(parts.slice(0, count).join('.'))) return true
  }
  return false
}

describe('finds what the regular expressions found', () => {
  it('real tokens: the sandbox issuer JWE, jose JWS and JWE, alone, in prose, in JSON, after other dotted text', async () => {
    const issued = await new TokenIssuer().issue({ userid: 'u1', appid: 'a1' } as never)
    const key = new Uint8Array(32).fill(7)
    const jws = await new CompactSign(new TextEncoder().encode('{"sub":"x"}')).setProtectedHeader({ alg: 'HS256' }).sign(key)
    const jwe = await new CompactEncrypt(new TextEncoder().encode('secret')).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(key)
    for (const token of [issued, jws, jwe, JWS, JWE]) {
      expect(isCompactJose(token), token).toBe(true)
      expect(isCompactJose(`  ${token}\n`)).toBe(true)
      for (const around of [`The server said: ${token}. Try again`, JSON.stringify({ qv_token: token }), `see acme.example.com and ${token}`, `Bearer ${token}`]) {
        expect(oldContainsJoseToken(around)).toBe(true)
        expect(containsCompactJose(around), around).toBe(true)
        expect(containsJoseToken(around)).toBe(true)
      }
      expect(createSecretGuard().check(`echo ${token}`)).toBe('it contains a full token')
      expect(sanitizeSecrets({ note: token }).dropped).toEqual([{ path: 'note', reason: 'token-value' }])
    }
  })

  it('ordinary text, domains, versions and JSON-less "headers" are not tokens', () => {
    for (const text of ['acme.qrveyapp.com', 'not.a.token.at.all', `${b64({ nope: 1 })}.x.y`, 'v1.2.3', 'aaaaaaaaaaaaaaaaaaaa', `${b64([1])}.a.b`, `${JWS}.extra`]) {
      expect(isCompactJose(text), text).toBe(oldLooksLikeJoseToken(text))
      expect(looksLikeJoseToken(text)).toBe(false)
    }
    expect(containsCompactJose('Revenue by region.\nTotal 12.5 million.')).toBe(false)
  })

  it('agrees with the old whole-text check, and finds every token the old search found, on 5,000 seeded random texts', () => {
    const random = seededRandom(20261130)
    const pieces = [JWS, JWE, 'eyJhbGciOiJub25lIn0', b64({ alg: 'none' }), b64({ x: 1 }), '.', '.', '..', 'abcdefgh', 'x', ' ', '-', '_', 'é', '\n', 'Zm9v', '=']
    let found = 0
    for (let n = 0; n < 5000; n++) {
      let text = ''
      const count = 1 + Math.floor(random() * 12)
      for (let i = 0; i < count; i++) text += pieces[Math.floor(random() * pieces.length)]
      expect(isCompactJose(text), JSON.stringify(text)).toBe(oldLooksLikeJoseToken(text))
      if (oldContainsJoseToken(text)) {
        found++
        expect(containsCompactJose(text), JSON.stringify(text)).toBe(true)
      }
    }
    // The sample really exercised the "found" side.
    expect(found).toBeGreaterThan(500)
  })
})

describe('hostile inputs complete, in linear steps', () => {
  it('an 80,000-character field (froze main for 22 s) and a 5.6-million-character run (overflowed the regex stack)', () => {
    const field = 'A'.repeat(80_000)
    expect(containsCompactJose(field)).toBe(false)
    expect(createSecretGuard().check(JSON.stringify({ widgetFields: { x: field } }))).toBeUndefined()

    const run = `eyJ${'a'.repeat(5_600_000)}.b.c`
    expect(isCompactJose(run)).toBe(false)
    expect(looksLikeJoseToken(run)).toBe(false)
    expect(containsCompactJose(`x ${run} y`)).toBe(false)
    expect(sanitizeSecrets({ run }).dropped).toEqual([])
    // ... and a real token after the hostile run is still found.
    expect(containsCompactJose(`${'a'.repeat(5_600_000)} ${JWS}`)).toBe(true)
  })

  it('steps grow in proportion to the input (doubling the input at most doubles the work, plus a constant)', () => {
    const shapes: Array<(n: number) => string> = [
      (n) => 'a'.repeat(n),
      (n) => 'eyJ'.padEnd(n, 'a') + '.b.c',
      (n) => 'eyJhbGciOi.'.repeat(Math.ceil(n / 11)),
      (n) => 'a.'.repeat(Math.ceil(n / 2)),
      (n) => `${JWS} `.repeat(Math.ceil(n / (JWS.length + 1))).replace(/ /g, '.'),
      (n) => 'ab c.'.repeat(Math.ceil(n / 5))
    ]
    for (const shape of shapes) {
      const steps = (n: number) => {
        const text = shape(n)
        containsCompactJose(text)
        const contains = scanStats.steps
        isCompactJose(text)
        return { contains, whole: scanStats.steps, length: text.length }
      }
      const small = steps(50_000)
      const large = steps(400_000)
      for (const key of ['contains', 'whole'] as const) {
        // At most 7 steps per character, whatever the shape.
        expect(large[key], `${shape.toString()} ${key}`).toBeLessThanOrEqual(7 * large.length + 16)
        expect(large[key] / large.length).toBeLessThanOrEqual((small[key] / small.length) * 1.1 + 0.01)
      }
    }
  })
})
