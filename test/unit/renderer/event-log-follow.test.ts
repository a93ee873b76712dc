/**
 * The event log follows its end while the user is there, once a frame
 * (issue 15), and stops only when the user scrolls up. The list's geometry is
 * a fake (happy-dom lays nothing out) with 20 px per entry and a 100 px box,
 * and animation frames run when the test says, so the order a loaded browser
 * can produce is replayed exactly: a follow's scroll event arriving a frame
 * late, after more entries came in (a CI failure: the log stopped following).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import EventLog from '@renderer/components/EventLog.vue'
import type { LogEntry } from '@renderer/lib/preview-log'

const ROW = 20
const BOX = 100
let frames: Array<() => void> = []

beforeEach(() => {
  frames = []
  vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback))
  vi.stubGlobal('cancelAnimationFrame', () => undefined)
})
afterEach(() => vi.unstubAllGlobals())

const entries = (count: number): LogEntry[] =>
  Array.from({ length: count }, (_, id) => ({ id, time: 0, kind: 'event', name: `e${id}`, message: `entry ${id}`, level: 'info', run: 1 }))

/** The list with a layout: content ROW px per entry, a BOX px box, scrollTop clamped as a browser does. */
function withLayout(w: VueWrapper): HTMLElement {
  const el = w.find('.event-log-list').element as HTMLElement
  let top = 0
  const height = () => el.querySelectorAll('[data-testid="event-log-entry"]').length * ROW
  Object.defineProperty(el, 'scrollHeight', { get: height })
  Object.defineProperty(el, 'clientHeight', { get: () => BOX })
  Object.defineProperty(el, 'scrollTop', { get: () => top, set: (v: number) => (top = Math.max(0, Math.min(v, height() - BOX))) })
  return el
}

async function grow(w: VueWrapper, count: number) {
  await w.setProps({ entries: entries(count) })
}
function runFrames() {
  const due = frames
  frames = []
  for (const frame of due) frame()
}
const atEnd = (el: HTMLElement) => el.scrollHeight - el.scrollTop - el.clientHeight

describe('event log follows its end', () => {
  it("keeps following when a follow's scroll event arrives after more entries came in", async () => {
    const w = mount(EventLog, { props: { entries: entries(10), cap: 500, run: 1 } })
    const el = withLayout(w)
    await grow(w, 12)
    runFrames()
    expect(atEnd(el)).toBe(0)
    // More entries before that scroll's event is delivered; then it arrives, the end now 40 px away.
    await grow(w, 14)
    el.dispatchEvent(new Event('scroll'))
    runFrames()
    await grow(w, 16)
    el.dispatchEvent(new Event('scroll'))
    runFrames()
    expect(atEnd(el)).toBe(0)
    await grow(w, 30)
    runFrames()
    expect(atEnd(el)).toBe(0)
  })

  it('stays where the user scrolled up, and follows again once they are back at the end', async () => {
    const w = mount(EventLog, { props: { entries: entries(10), cap: 500, run: 1 } })
    const el = withLayout(w)
    await grow(w, 12)
    runFrames()
    el.scrollTop = 0
    el.dispatchEvent(new Event('scroll'))
    await grow(w, 20)
    runFrames()
    expect(el.scrollTop).toBe(0)
    el.scrollTop = el.scrollHeight
    el.dispatchEvent(new Event('scroll'))
    await grow(w, 25)
    runFrames()
    expect(atEnd(el)).toBe(0)
  })
})
