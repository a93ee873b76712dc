import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { boundsToOpen, DEFAULT_SIZE, readWindowState, WINDOW_STATE_FILE, writeWindowState } from '../../../../src/main/desktop/window-state'
import { makeTempDir } from '../../../support/temp-dir'

const laptop = { x: 0, y: 0, width: 1280, height: 800 }
const external = { x: 1280, y: 0, width: 2560, height: 1440 }

describe('window bounds to open with', () => {
  it('uses the default size on first start', () => {
    expect(boundsToOpen(undefined, [external])).toEqual({ ...DEFAULT_SIZE })
    expect(boundsToOpen(undefined, [laptop])).toEqual({ width: 1280, height: 800 })
  })

  it('restores the saved bounds when they are on a display', () => {
    const saved = { x: 1500, y: 100, width: 1600, height: 1000 }
    expect(boundsToOpen(saved, [laptop, external])).toEqual(saved)
  })

  it('falls back when the display the window was on is gone (no off-screen window)', () => {
    expect(boundsToOpen({ x: 1500, y: 100, width: 1600, height: 1000 }, [laptop])).toEqual({ width: 1280, height: 800 })
  })

  it('falls back when the title bar is off every display (the window could not be dragged back)', () => {
    expect(boundsToOpen({ x: 100, y: -500, width: 1000, height: 700 }, [laptop])).toEqual({ width: 1280, height: 800 })
  })

  it('shrinks a window to a display that got smaller and keeps it inside', () => {
    expect(boundsToOpen({ x: 600, y: 100, width: 1600, height: 1000 }, [laptop])).toEqual({ x: 0, y: 0, width: 1280, height: 800 })
  })
})

describe('window-state.json', () => {
  const temp = makeTempDir('qwb-window-')
  afterAll(() => temp.cleanup())

  it('round-trips bounds and the maximized flag', () => {
    writeWindowState(temp.dir, { bounds: { x: 10, y: 20, width: 1300, height: 900 }, maximized: true })
    expect(readWindowState(temp.dir)).toEqual({ bounds: { x: 10, y: 20, width: 1300, height: 900 }, maximized: true })
    expect(readFileSync(join(temp.dir, WINDOW_STATE_FILE), 'utf8')).toContain('"maximized": true')
  })

  it.each([
    ['not JSON', '{"bounds": '],
    ['wrong shape', '{"bounds": {"x": "left"}}'],
    ['an array', '[]'],
    ['binary', '\u0000\u0001\u0002'],
    ['negative size', '{"bounds": {"x": 0, "y": 0, "width": -5, "height": 10}}']
  ])('a damaged file (%s) gives the default window', (_name, text) => {
    writeFileSync(join(temp.dir, WINDOW_STATE_FILE), text)
    expect(readWindowState(temp.dir)).toEqual({ maximized: false })
  })
})
