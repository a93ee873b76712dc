import { describe, expect, it } from 'vitest'
import { describeModes, SandboxControl, SandboxModesError } from '../../../../src/sandbox/server/control'
import { NORMAL_SANDBOX_MODES } from '../../../../src/shared/sandbox-api'

describe('SandboxControl', () => {
  it('starts normal, changes only what it is given, and resets', () => {
    const control = new SandboxControl()
    expect(control.get()).toEqual(NORMAL_SANDBOX_MODES)
    expect(control.set({ latencyMs: 250 })).toEqual({ ...NORMAL_SANDBOX_MODES, latencyMs: 250 })
    control.set({ failureRate: 0.5, tokenLifetimeSeconds: 60 })
    expect(control.get()).toEqual({ ...NORMAL_SANDBOX_MODES, latencyMs: 250, failureRate: 0.5, tokenLifetimeSeconds: 60 })
    control.set({ tokenLifetimeSeconds: null })
    expect(control.get().tokenLifetimeSeconds).toBeNull()
    expect(control.reset()).toEqual(NORMAL_SANDBOX_MODES)
  })

  it('takes initial modes', () => {
    expect(new SandboxControl({ rejectKey: true, clockSkewSeconds: -3600 }).get()).toEqual({ ...NORMAL_SANDBOX_MODES, rejectKey: true, clockSkewSeconds: -3600 })
  })

  it('hands out frozen snapshots', () => {
    const control = new SandboxControl()
    const modes = control.get()
    expect(Object.isFrozen(modes)).toBe(true)
    control.set({ latencyMs: 5 })
    expect(modes.latencyMs).toBe(0)
  })

  it('refuses out-of-range and unknown values, naming each, and changes nothing', () => {
    const control = new SandboxControl({ latencyMs: 10 })
    let error: unknown
    try {
      control.set({ latencyMs: 30_001, failureRate: 1.5, tokenLifetimeSeconds: 0, clockSkewSeconds: 86_401, rejectKey: 'yes', colour: 'red' })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(SandboxModesError)
    const messages = (error as SandboxModesError).messages
    expect(messages).toEqual(
      expect.arrayContaining([
        'latencyMs: latencyMs must be from 0 to 30000 ms',
        'failureRate: failureRate must be from 0 to 1',
        'tokenLifetimeSeconds: tokenLifetimeSeconds must be from 1 to 86400 seconds',
        'clockSkewSeconds: clockSkewSeconds must be from -86400 to 86400 seconds',
        'rejectKey: rejectKey must be true or false',
        expect.stringContaining('colour')
      ])
    )
    expect(control.get()).toEqual({ ...NORMAL_SANDBOX_MODES, latencyMs: 10 })
    expect(() => control.set({ latencyMs: 1.5 })).toThrow(/whole number/)
    expect(() => control.set({ failureRate: -0.1 })).toThrow(SandboxModesError)
    expect(() => control.set('fast')).toThrow(SandboxModesError)
  })

  it('accepts the range ends', () => {
    const control = new SandboxControl()
    expect(() => control.set({ latencyMs: 30_000, failureRate: 1, tokenLifetimeSeconds: 86_400, clockSkewSeconds: -86_400 })).not.toThrow()
    expect(() => control.set({ latencyMs: 0, failureRate: 0, tokenLifetimeSeconds: 1, clockSkewSeconds: 86_400 })).not.toThrow()
  })
})

describe('describeModes', () => {
  it('says normal when nothing is on', () => {
    expect(describeModes(NORMAL_SANDBOX_MODES)).toBe('Modes: normal')
  })

  it('lists every active mode', () => {
    expect(describeModes({ latencyMs: 250, failureRate: 0.2, rejectKey: true, tokenLifetimeSeconds: 60, clockSkewSeconds: -3600 })).toBe(
      'Modes: latency 250 ms, failure rate 20%, every API key rejected, token lifetime 60 s, issuer clock skew -3600 s'
    )
    expect(describeModes({ ...NORMAL_SANDBOX_MODES, clockSkewSeconds: 30, failureRate: 0.125 })).toBe('Modes: failure rate 12.5%, issuer clock skew +30 s')
  })
})
