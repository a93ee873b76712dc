import { describe, expect, it } from 'vitest'
import { PREVIEW_SOURCE, type PreviewReport } from '@shared/preview-messages'
import { acceptPreviewMessage, appendCapped, clockTime, levelOf, LOG_CAP, problemOf } from '@renderer/lib/preview-log'

const ORIGIN = 'http://127.0.0.1:43124'
const frameWindow = { name: 'the preview frame' }

function report(overrides: Partial<PreviewReport> = {}): PreviewReport {
  return { source: PREVIEW_SOURCE, kind: 'event', name: 'qvDSHPageLoaded', message: 'qvDSHPageLoaded', time: 1_700_000_000_000, ...overrides }
}

describe('acceptPreviewMessage', () => {
  const expected = { origin: ORIGIN, source: frameWindow }

  it('accepts a report from the preview origin and the preview frame', () => {
    const data = report()
    expect(acceptPreviewMessage({ origin: ORIGIN, source: frameWindow, data }, expected)).toBe(data)
  })

  it('ignores another origin, even with the right frame and shape', () => {
    expect(acceptPreviewMessage({ origin: 'http://127.0.0.1:9', source: frameWindow, data: report() }, expected)).toBeUndefined()
    expect(acceptPreviewMessage({ origin: 'null', source: frameWindow, data: report() }, expected)).toBeUndefined()
  })

  it('ignores another window of the same origin (a pop-up, another frame)', () => {
    expect(acceptPreviewMessage({ origin: ORIGIN, source: { name: 'other' }, data: report() }, expected)).toBeUndefined()
    expect(acceptPreviewMessage({ origin: ORIGIN, source: null, data: report() }, expected)).toBeUndefined()
  })

  it('ignores messages that are not reports', () => {
    for (const data of [null, 'qvDSHPageLoaded', { ...report(), source: 'someone-else' }, { ...report(), time: 'now' }, { source: PREVIEW_SOURCE }]) {
      expect(acceptPreviewMessage({ origin: ORIGIN, source: frameWindow, data }, expected)).toBeUndefined()
    }
  })

  it('accepts nothing while the preview origin or frame is unknown', () => {
    expect(acceptPreviewMessage({ origin: '', source: frameWindow, data: report() }, { origin: '', source: frameWindow })).toBeUndefined()
    expect(acceptPreviewMessage({ origin: ORIGIN, source: undefined, data: report() }, { origin: ORIGIN, source: undefined })).toBeUndefined()
  })
})

describe('appendCapped', () => {
  it('adds at the end and drops the oldest beyond the cap', () => {
    let list: number[] = []
    for (let i = 0; i < LOG_CAP + 3; i++) list = appendCapped(list, i)
    expect(list).toHaveLength(LOG_CAP)
    expect(list[0]).toBe(3)
    expect(list[list.length - 1]).toBe(LOG_CAP + 2)
    expect(appendCapped([1, 2], 3, 2)).toEqual([2, 3])
  })
})

describe('clockTime', () => {
  it('shows local HH:MM:SS.mmm', () => {
    expect(clockTime(new Date(2024, 0, 2, 3, 4, 5, 6).getTime())).toBe('03:04:05.006')
    expect(clockTime(new Date(2024, 0, 2, 23, 59, 59, 999).getTime())).toBe('23:59:59.999')
  })
})

describe('problemOf', () => {
  it('puts a launcher that did not load in plain words', () => {
    const p = problemOf(report({ kind: 'script-error', name: 'script-load-failed', message: 'Could not load the widget script http://x/widgets-launcher/app.js. Check the domain.' }))
    expect(p).toMatchObject({ title: 'The widget script did not load', message: expect.stringContaining('widgets-launcher/app.js') })
  })

  it('says when the element was never defined', () => {
    expect(problemOf(report({ kind: 'script-error', name: 'element-undefined', message: 'The launcher loaded but did not define <qrvey-end-user>.' }))?.title).toBe('The widget did not start')
  })

  it('names the file and line of an error the launcher threw', () => {
    const p = problemOf(report({ kind: 'page-error', name: 'uncaught-error', message: 'Uncaught Error: boom', detail: { file: 'http://127.0.0.1:5000/widgets-launcher/app.js', line: 3 } }))
    expect(p).toMatchObject({ title: 'The widget script threw an error', message: 'Uncaught Error: boom (app.js, line 3)' })
  })

  it('explains the muted "Script error." of a launcher from another origin', () => {
    const p = problemOf(report({ kind: 'page-error', name: 'uncaught-error', message: 'Script error.', detail: { file: '', line: 0 } }))
    expect(p?.title).toBe('The widget script threw an error')
    expect(p?.message).toMatch(/hides the details of errors in scripts from another origin \("Script error\."\)/)
  })

  it('is not raised for widget events, console or network errors (they are logged only)', () => {
    expect(problemOf(report())).toBeUndefined()
    expect(problemOf(report({ kind: 'console-error', name: 'console.error', message: 'x' }))).toBeUndefined()
    expect(problemOf(report({ kind: 'network-error', name: 'http-500', message: 'GET /x answered 500' }))).toBeUndefined()
  })
})

describe('levelOf', () => {
  it('logs the sandbox\'s security notices as warnings, not errors and not banners', () => {
    expect(levelOf('security')).toBe('warn')
    expect(levelOf('event')).toBe('info')
    expect(levelOf('network-error')).toBe('error')
    expect(problemOf(report({ kind: 'security', name: 'sandbox-security', message: 'Dataset x is secured by region' }))).toBeUndefined()
  })
})
