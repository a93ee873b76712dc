import { decodeProtectedHeader } from 'jose'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_LIFETIME_SECONDS,
  MAX_LIFETIME_SECONDS,
  parseExpiresIn,
  SANDBOX_ISSUER,
  TokenIssuer
} from '../../../../src/sandbox/server/token-issuer'
import type { TokenBody } from '../../../../src/shared/token-request'

/** A clock the test moves by hand. */
function manualClock(startMs = Date.UTC(2025, 0, 15, 12, 0, 0)) {
  let now = startMs
  return {
    now: () => now,
    advanceSeconds: (seconds: number) => {
      now += seconds * 1000
    }
  }
}

const permissions: NonNullable<TokenBody['permissions']> = [
  {
    dataset_id: '*',
    operator: 'AND',
    record_permissions: [
      { security_name: 'region', validation_type: 'EQUAL', values: ['North'] },
      { operator: 'OR', record_permissions: [{ security_name: 'tier', validation_type: 'NOT_EQUAL', values: ['free'] }] }
    ]
  }
]

const body: TokenBody = {
  userid: 'user-1',
  appid: 'app-1',
  clientid: 'client-9',
  version: '2',
  permissions,
  asset_permissions: { pages: { page_ids: ['p1'] } },
  roles: ['analyst'],
  dashboardId: 'dash-3'
}

describe('TokenIssuer', () => {
  it('issues a compact JWE that decrypts back to the body claims', async () => {
    const clock = manualClock()
    const issuer = new TokenIssuer({ kid: 'kid-test', clock: clock.now })
    const token = await issuer.issue(body)

    expect(token.split('.')).toHaveLength(5)
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'dir', enc: 'A256GCM', kid: 'kid-test', typ: 'JWT' })

    const result = await issuer.verify(token)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    // The named body fields keep their types on the claims (userid is an optional string, not unknown:
    // Qrvey's samples send tokens without userid, so the claims may lack it).
    const userid: string | undefined = result.claims.userid
    expect(userid).toBe('user-1')
    const iat = Math.floor(clock.now() / 1000)
    expect(result.claims).toEqual({ ...body, iat, exp: iat + DEFAULT_LIFETIME_SECONDS, iss: SANDBOX_ISSUER })
  })

  it('derives a stable kid from the secret when none is given', () => {
    const secret = new Uint8Array(32).fill(7)
    const a = new TokenIssuer({ secret })
    const b = new TokenIssuer({ secret })
    expect(a.kid).toBe(b.kid)
    expect(a.kid).toMatch(/^sbx-[\w-]{16}$/)
    expect(new TokenIssuer().kid).not.toBe(a.kid)
  })

  it('rejects a secret that is not 32 bytes', () => {
    expect(() => new TokenIssuer({ secret: new Uint8Array(16) })).toThrow(/32 bytes/)
  })

  it('computes exp from expiresIn with the injected clock', async () => {
    const clock = manualClock()
    const issuer = new TokenIssuer({ clock: clock.now })
    const cases: Array<[string, number]> = [
      ['30s', 30],
      ['10m', 600],
      ['10 m', 600],
      ['1h', 3600],
      ['7d', 7 * 86400],
      ['1w', 7 * 86400]
    ]
    for (const [expiresIn, seconds] of cases) {
      const result = await issuer.verify(await issuer.issue({ ...body, expiresIn }))
      expect(result.ok, expiresIn).toBe(true)
      if (!result.ok) continue
      expect(result.claims.exp - result.claims.iat, expiresIn).toBe(seconds)
      // expiresIn is an instruction to the issuer, not a claim.
      expect(result.claims).not.toHaveProperty('expiresIn')
    }
  })

  it('defaults to one hour and caps long lifetimes at the maximum', async () => {
    const clock = manualClock()
    const issuer = new TokenIssuer({ clock: clock.now })
    expect(issuer.lifetimeSeconds(undefined)).toBe(3600)
    expect(issuer.lifetimeSeconds('30d')).toBe(MAX_LIFETIME_SECONDS)
    expect(new TokenIssuer({ maxLifetimeSeconds: 120 }).lifetimeSeconds('1h')).toBe(120)

    const capped = await issuer.verify(await issuer.issue({ ...body, expiresIn: '52w' }))
    expect(capped.ok && capped.claims.exp - capped.claims.iat).toBe(MAX_LIFETIME_SECONDS)
  })

  it('rejects an expiresIn that is not a duration', async () => {
    expect(() => parseExpiresIn('1 hour')).toThrow(RangeError)
    expect(() => parseExpiresIn('0s')).toThrow(RangeError)
    await expect(new TokenIssuer().issue({ ...body, expiresIn: 'soon' })).rejects.toThrow(/expiresIn/)
  })

  it('keeps iat, exp and iss its own even if the body sets them', async () => {
    const clock = manualClock()
    const issuer = new TokenIssuer({ clock: clock.now })
    const result = await issuer.verify(await issuer.issue({ ...body, iat: 1, exp: 2, iss: 'someone-else' }))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.claims.iss).toBe(SANDBOX_ISSUER)
    expect(result.claims.iat).toBe(Math.floor(clock.now() / 1000))
  })

  it('reports expired once the clock passes exp, and not before', async () => {
    const clock = manualClock()
    const issuer = new TokenIssuer({ clock: clock.now })
    const token = await issuer.issue({ ...body, expiresIn: '30s' })

    clock.advanceSeconds(29)
    expect((await issuer.verify(token)).ok).toBe(true)
    clock.advanceSeconds(2)
    expect(await issuer.verify(token)).toEqual({ ok: false, reason: 'expired' })
  })

  it('reports invalid for a token from another issuer and for garbage', async () => {
    const issuer = new TokenIssuer()
    const other = new TokenIssuer({ kid: issuer.kid })
    expect(await issuer.verify(await other.issue(body))).toEqual({ ok: false, reason: 'invalid' })
    expect(await issuer.verify('not-a-token')).toEqual({ ok: false, reason: 'invalid' })
    expect(await issuer.verify('a.b.c.d.e')).toEqual({ ok: false, reason: 'invalid' })
    expect(await issuer.verify('')).toEqual({ ok: false, reason: 'invalid' })
  })

  it('reports invalid for a token whose ciphertext was tampered with', async () => {
    const issuer = new TokenIssuer()
    const parts = (await issuer.issue(body)).split('.')
    const ciphertext = parts[3]
    parts[3] = (ciphertext.startsWith('A') ? 'B' : 'A') + ciphertext.slice(1)
    expect(await issuer.verify(parts.join('.'))).toEqual({ ok: false, reason: 'invalid' })
  })
})

describe('TokenIssuer issue options (rehearsal modes)', () => {
  it('lets lifetimeSeconds replace expiresIn, still capped', async () => {
    const clock = manualClock()
    const issuer = new TokenIssuer({ clock: clock.now, maxLifetimeSeconds: 600 })
    const short = await issuer.verify(await issuer.issue({ ...body, expiresIn: '1h' }, { lifetimeSeconds: 5 }))
    expect(short.ok && short.claims.exp - short.claims.iat).toBe(5)
    const capped = await issuer.verify(await issuer.issue(body, { lifetimeSeconds: 3600 }))
    expect(capped.ok && capped.claims.exp - capped.claims.iat).toBe(600)
    await expect(issuer.issue(body, { lifetimeSeconds: 0 })).rejects.toThrow(RangeError)
  })

  it('shifts iat and exp by the clock skew while verify keeps the true clock', async () => {
    const clock = manualClock()
    const issuer = new TokenIssuer({ clock: clock.now })
    const now = Math.floor(clock.now() / 1000)

    const ahead = await issuer.verify(await issuer.issue({ ...body, expiresIn: '10m' }, { clockSkewSeconds: 120 }))
    expect(ahead.ok && [ahead.claims.iat, ahead.claims.exp]).toEqual([now + 120, now + 720])

    // Behind by more than the lifetime: expired the moment it is issued.
    const behind = await issuer.issue({ ...body, expiresIn: '10m' }, { clockSkewSeconds: -3600 })
    expect(await issuer.verify(behind)).toEqual({ ok: false, reason: 'expired' })
    await expect(issuer.issue(body, { clockSkewSeconds: 0.5 })).rejects.toThrow(RangeError)
  })
})

describe('fast-forward (expire a token now) and peek', () => {
  it('reads its own token\'s iat/exp, refuses others, and treats an expired-early token as expired', async () => {
    const clock = manualClock()
    const issuer = new TokenIssuer({ clock: clock.now })
    const token = await issuer.issue({ ...body, expiresIn: '10m' })
    const iat = Math.floor(clock.now() / 1000)
    expect(await issuer.peek(token)).toEqual({ iat, exp: iat + 600 })
    expect(await new TokenIssuer().peek(token)).toBeUndefined()
    expect(await new TokenIssuer().expireNow(token)).toBe(false)

    clock.advanceSeconds(30)
    expect((await issuer.verify(token)).ok).toBe(true)
    expect(await issuer.expireNow(token)).toBe(true)
    expect(await issuer.verify(token)).toEqual({ ok: false, reason: 'expired' })
    expect(await issuer.peek(token)).toEqual({ iat, exp: iat + 30 })
    // A new token is not affected.
    const fresh = await issuer.issue({ ...body, expiresIn: '10m' })
    expect((await issuer.verify(fresh)).ok).toBe(true)
  })

  it('peeks its newest tokens without decrypting them, and older ones by decrypting, with the same answers', async () => {
    // The newest 256 tokens' times are kept in memory (issue 15); a token with the same claims made by
    // another issuer instance with the same secret (so never in this one's memory) must read the same.
    const clock = manualClock()
    const secret = new Uint8Array(32).fill(7)
    const issuer = new TokenIssuer({ secret, clock: clock.now })
    const other = new TokenIssuer({ secret, clock: clock.now })
    const tokens: string[] = []
    for (let i = 0; i < 300; i++) {
      tokens.push(await issuer.issue({ ...body, userid: `u${i}`, expiresIn: `${i + 1}m` }))
      clock.advanceSeconds(1)
    }
    for (const [i, token] of tokens.entries()) {
      const expected = await other.peek(token)
      expect(expected?.exp).toBe((expected?.iat ?? 0) + (i + 1) * 60)
      expect(await issuer.peek(token)).toEqual(expected)
    }
    // A token that is not exactly one of this issuer's (one character changed) is still refused.
    const last = tokens[tokens.length - 1]
    // The tag's second-to-last character (all six of its bits are the tag's), changed to another: the old
    // construction looked at the last character and so left the token as it was when this one was already 'A'.
    const at = last.length - 2
    const tampered = `${last.slice(0, at)}${last[at] === 'A' ? 'B' : 'A'}${last.slice(at + 1)}`
    expect(tampered).not.toBe(last)
    expect(await issuer.peek(tampered)).toBeUndefined()
    // Expiring a remembered token early shows at once.
    const iat = (await issuer.peek(last))?.iat ?? 0
    expect(await issuer.expireNow(last)).toBe(true)
    expect(await issuer.peek(last)).toEqual({ iat, exp: Math.floor(clock.now() / 1000) })
  })
})
