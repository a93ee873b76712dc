import { describe, expect, it } from 'vitest'
import { checkRenewal, RENEWAL_LIMIT, renewalStopReason } from '@renderer/lib/renewal-guard'

describe('checkRenewal', () => {
  it('allows three renewals within 30 s and refuses the fourth', () => {
    let past: number[] = []
    for (const now of [0, 1_000, 2_000]) {
      const check = checkRenewal(past, now)
      expect(check.allowed).toBe(true)
      past = [...check.recent, now]
    }
    expect(checkRenewal(past, 3_000)).toEqual({ allowed: false, recent: [0, 1_000, 2_000] })
  })

  it('forgets renewals older than the window', () => {
    expect(checkRenewal([0, 1_000, 2_000], 30_000)).toEqual({ allowed: true, recent: [1_000, 2_000] })
    expect(checkRenewal([0, 10_000, 20_000], 29_999).allowed).toBe(false)
  })

  it('takes another limit', () => {
    expect(checkRenewal([0], 100, { max: 1, windowMs: 1_000 }).allowed).toBe(false)
    expect(checkRenewal([0], 1_000, { max: 1, windowMs: 1_000 }).allowed).toBe(true)
  })

  it('says why it stopped and what to check', () => {
    expect(RENEWAL_LIMIT).toEqual({ max: 3, windowMs: 30_000 })
    expect(renewalStopReason()).toMatch(/3 renewals within 30 s.*clock/)
  })
})
