import { describe, expect, it } from 'vitest'
import { useTabs } from '@renderer/lib/use-tabs'

function key(name: string): KeyboardEvent {
  return new KeyboardEvent('keydown', { key: name, cancelable: true })
}

describe('useTabs', () => {
  it('moves selection and focus with the arrow keys, wrapping around, and ignores other keys', () => {
    document.body.innerHTML = '<button id="t-a"></button><button id="t-b"></button><button id="t-c"></button>'
    const selected: string[] = []
    const tabs = useTabs(['a', 'b', 'c'] as const, 'a', (id) => `t-${id}`, (id) => selected.push(id))
    const left = key('ArrowLeft')
    tabs.onKeydown(left)
    expect(tabs.tab.value).toBe('c')
    expect(left.defaultPrevented).toBe(true)
    expect(document.activeElement?.id).toBe('t-c')
    tabs.onKeydown(key('ArrowRight'))
    expect(tabs.tab.value).toBe('a')
    const other = key('Enter')
    tabs.onKeydown(other)
    expect(tabs.tab.value).toBe('a')
    expect(other.defaultPrevented).toBe(false)
    tabs.select('b')
    expect(selected).toEqual(['c', 'a', 'b'])
  })
})
