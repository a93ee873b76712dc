/**
 * The record dom-file-boundary.ts keeps of listeners left on window and
 * document (the DOM window renderer and widgets test files share): it must
 * count as the DOM does, or it would blame a file for a listener already
 * gone, or miss one still there.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { recordListeners, type ListenerRecord } from './dom-listener-record'

let record: ListenerRecord | undefined
afterEach(() => record?.stop())

describe('recordListeners', () => {
  it('lists a listener added and not removed, with its target, type and phase', () => {
    const target = new EventTarget()
    record = recordListeners([target])
    const kept = () => undefined
    target.addEventListener('beforeunload', kept, { capture: true })
    expect(record.left()).toEqual([[target, 'beforeunload', kept, true]])
  })

  it('forgets one removed again, matching the phase as the DOM does (a removal in the other phase removes nothing)', () => {
    const target = new EventTarget()
    record = recordListeners([target])
    const listener = () => undefined
    target.addEventListener('keydown', listener, true)
    target.removeEventListener('keydown', listener)
    expect(record.left()).toHaveLength(1)
    target.removeEventListener('keydown', listener, { capture: true })
    expect(record.left()).toEqual([])
  })

  it('counts the same listener added twice once, as the DOM does: one removal and it is gone', () => {
    const target = new EventTarget()
    record = recordListeners([target])
    let calls = 0
    const listener = () => calls++
    target.addEventListener('resize', listener)
    target.addEventListener('resize', listener)
    target.dispatchEvent(new Event('resize'))
    expect(calls).toBe(1)
    target.removeEventListener('resize', listener)
    expect(record.left()).toEqual([])
  })

  it('still adds and removes for real, and stop() gives the target its own methods back', () => {
    const target = new EventTarget()
    const ownAdd = target.addEventListener
    record = recordListeners([target])
    expect(target.addEventListener).not.toBe(ownAdd)
    let calls = 0
    target.addEventListener('x', () => calls++)
    target.dispatchEvent(new Event('x'))
    expect(calls).toBe(1)
    record.stop()
    expect(target.addEventListener).toBe(ownAdd)
    target.addEventListener('y', () => undefined)
    expect(record.left().map(([, type]) => type)).toEqual(['x'])
  })
})
