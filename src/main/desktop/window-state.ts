/**
 * The main window's size and position, remembered across starts in
 * window-state.json in the data folder. A damaged file or a position on a
 * display that is gone gives the default window, never an off-screen one.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState {
  bounds?: Rect
  maximized: boolean
}

export const DEFAULT_SIZE = { width: 1440, height: 920 } as const
export const MIN_SIZE = { width: 960, height: 640 } as const

const rectSchema = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() })
const stateSchema = z.object({ bounds: rectSchema.optional(), maximized: z.boolean().default(false) })

export const WINDOW_STATE_FILE = 'window-state.json'

export function readWindowState(dataDir: string): WindowState {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(readFileSync(join(dataDir, WINDOW_STATE_FILE), 'utf8')))
    return parsed.success ? parsed.data : { maximized: false }
  } catch {
    return { maximized: false }
  }
}

/** Written whole to a temporary file and renamed, so a crash mid-write leaves the previous state. */
export function writeWindowState(dataDir: string, state: WindowState): void {
  const file = join(dataDir, WINDOW_STATE_FILE)
  writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`)
  renameSync(`${file}.tmp`, file)
}

function overlap(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return width > 0 && height > 0 ? width * height : 0
}

/**
 * The bounds to open with, given the displays' work areas now: the saved
 * bounds when enough of the window (its title bar included) is on a display,
 * shrunk to that display if it got smaller; otherwise the default size
 * centred on the first display.
 */
export function boundsToOpen(saved: Rect | undefined, workAreas: Rect[]): Partial<Rect> & { width: number; height: number } {
  const primary = workAreas[0]
  const fallback = primary
    ? {
        width: Math.min(DEFAULT_SIZE.width, primary.width),
        height: Math.min(DEFAULT_SIZE.height, primary.height)
      }
    : { ...DEFAULT_SIZE }
  if (!saved) return fallback
  const titleBar: Rect = { x: saved.x, y: saved.y, width: saved.width, height: Math.min(40, saved.height) }
  const home = workAreas.filter((area) => overlap(titleBar, area) > 0).sort((a, b) => overlap(saved, b) - overlap(saved, a))[0]
  if (!home || overlap(saved, home) < (saved.width * saved.height) / 4) return fallback
  const width = Math.max(Math.min(saved.width, home.width), Math.min(MIN_SIZE.width, home.width))
  const height = Math.max(Math.min(saved.height, home.height), Math.min(MIN_SIZE.height, home.height))
  const x = Math.min(Math.max(saved.x, home.x), home.x + home.width - width)
  const y = Math.min(Math.max(saved.y, home.y), home.y + home.height - height)
  return { x, y, width, height }
}
