import { describe, expect, it } from 'vitest'
import { NORMAL_SANDBOX_MODES } from '@shared/sandbox-api'
import { activeModeParts, formFieldOf, formToPatch, formatSeconds, modesBadgeText, modesToForm } from '@renderer/lib/sandbox-modes'

describe('modes badge', () => {
  it('is empty while the sandbox behaves normally', () => {
    expect(activeModeParts(NORMAL_SANDBOX_MODES)).toEqual([])
    expect(modesBadgeText(NORMAL_SANDBOX_MODES)).toBe('')
  })

  it('names every mode that is on', () => {
    const modes = { latencyMs: 500, failureRate: 0.2, rejectKey: true, tokenLifetimeSeconds: 5, clockSkewSeconds: -7200 }
    expect(modesBadgeText(modes)).toBe('latency 500 ms · 20% failures · key rejected · tokens live 5 s · clock −2 h')
  })

  it('shows each mode alone, with readable units', () => {
    expect(activeModeParts({ ...NORMAL_SANDBOX_MODES, failureRate: 0.125 })).toEqual(['12.5% failures'])
    expect(activeModeParts({ ...NORMAL_SANDBOX_MODES, tokenLifetimeSeconds: 120 })).toEqual(['tokens live 2 min'])
    expect(activeModeParts({ ...NORMAL_SANDBOX_MODES, clockSkewSeconds: 90 })).toEqual(['clock +90 s'])
    expect(formatSeconds(-5400)).toBe('90 min')
  })
})

describe('settings form', () => {
  it('round-trips the modes through the form', () => {
    const modes = { latencyMs: 250, failureRate: 0.125, rejectKey: true, tokenLifetimeSeconds: 3, clockSkewSeconds: -60 }
    const form = modesToForm(modes)
    expect(form).toEqual({ latencyMs: '250', failurePercent: '12.5', rejectKey: true, tokenLifetimeSeconds: '3', clockSkewSeconds: '-60' })
    expect(formToPatch(form)).toEqual({ patch: modes, errors: {} })
  })

  it('sends an empty token lifetime as "no override" and an empty skew as 0', () => {
    const { patch } = formToPatch({ latencyMs: '0', failurePercent: '0', rejectKey: false, tokenLifetimeSeconds: ' ', clockSkewSeconds: '' })
    expect(patch).toEqual({ latencyMs: 0, failureRate: 0, rejectKey: false, tokenLifetimeSeconds: null, clockSkewSeconds: 0 })
  })

  it('accepts a typographic minus in the clock skew', () => {
    expect(formToPatch({ ...modesToForm(NORMAL_SANDBOX_MODES), clockSkewSeconds: '−7200' }).patch?.clockSkewSeconds).toBe(-7200)
  })

  it('says what is wrong with each field, and sends nothing', () => {
    const result = formToPatch({ latencyMs: '1.5', failurePercent: '120', rejectKey: false, tokenLifetimeSeconds: '0', clockSkewSeconds: '999999' })
    expect(result.patch).toBeUndefined()
    expect(result.errors).toEqual({
      latencyMs: 'Latency (ms) must be a whole number from 0 to 30000',
      failurePercent: 'Failure share must be a percentage from 0 to 100',
      tokenLifetimeSeconds: 'Token lifetime (s) must be from 1 to 86400, or empty for no override',
      clockSkewSeconds: 'Clock skew (s) must be from -86400 to 86400'
    })
  })

  it("places main's validation errors on the form's fields", () => {
    expect(formFieldOf('failureRate')).toBe('failurePercent')
    expect(formFieldOf('latencyMs')).toBe('latencyMs')
    expect(formFieldOf('something')).toBeUndefined()
    expect(formFieldOf(undefined)).toBeUndefined()
  })
})
