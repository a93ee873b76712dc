import { describe, expect, it } from 'vitest'
import { exactLifetime, expiresInSeconds, formatCountdown, lifetimeOf } from '../../../src/shared/token-lifetime'

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
const JWS = `${b64({ alg: 'HS256' })}.${b64({ sub: 'u1', iat: 1_714_557_600, exp: 1_714_561_200 })}.c2ln`
const JWE = `${b64({ alg: 'dir', enc: 'A256GCM', kid: 'k' })}..aXY.Y2lwaGVy.dGFn`
const SENT = Date.UTC(2024, 4, 1, 10, 0, 0)

describe('token lifetime', () => {
  it('reads a JWS exp and iat as times', () => {
    expect(lifetimeOf(JWS, '10m', SENT)).toMatchObject({ source: 'jws', issuedAt: '2024-05-01T10:00:00.000Z', expiresAt: '2024-05-01T11:00:00.000Z' })
  })

  it('estimates an encrypted token from the request time and expiresIn, and says it is an estimate', () => {
    const life = lifetimeOf(JWE, '10m', SENT)
    expect(life).toMatchObject({ source: 'estimate', expiresAt: '2024-05-01T10:10:00.000Z' })
    expect(life.note).toMatch(/Estimated/)
  })

  it('says the expiry is unknown without expiresIn (Qrvey documents no default, QRVEY.md §1)', () => {
    expect(lifetimeOf(JWE, undefined, SENT)).toMatchObject({ source: 'unknown' })
    expect(lifetimeOf(JWE, undefined, SENT).expiresAt).toBeUndefined()
  })

  it('marks the sandbox times as exact', () => {
    expect(exactLifetime({ iat: 1_714_557_600, exp: 1_714_557_660 })).toMatchObject({ source: 'sandbox', expiresAt: '2024-05-01T10:01:00.000Z' })
  })

  it('parses durations and formats countdowns', () => {
    expect(expiresInSeconds('1w')).toBe(604_800)
    expect(expiresInSeconds('90s')).toBe(90)
    expect(expiresInSeconds('soon')).toBeUndefined()
    expect(formatCountdown(898_100)).toBe('14:59')
    expect(formatCountdown(3_723_000)).toBe('1:02:03')
    expect(formatCountdown(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 d 4 h')
    expect(formatCountdown(-5)).toBe('0:00')
  })
})
