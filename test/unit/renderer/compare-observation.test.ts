import { describe, expect, it } from 'vitest'
import { PREVIEW_SOURCE, type PreviewReport } from '@shared/preview-messages'
import { errorsOf, frameStateOf, observationOfReports, pageOf, securityNotesOf } from '@renderer/lib/compare-observation'

const r = (kind: PreviewReport['kind'], name: string, message = name, detail?: unknown): PreviewReport => ({ source: PREVIEW_SOURCE, kind, name, message, detail, time: 1 })
const state = (s: string) => r('lifecycle', 'widget-state', `Widget state: ${s}.`, { state: s })

describe('compare observation from preview reports', () => {
  it('loading until the widget is ready or emits qvDSHItemsLoaded; the last word counts', () => {
    expect(frameStateOf([])).toBe('loading')
    expect(frameStateOf([r('lifecycle', 'mounted'), state('loading')])).toBe('loading')
    expect(frameStateOf([state('ready')])).toBe('rendered')
    expect(frameStateOf([r('event', 'qvDSHItemsLoaded')])).toBe('rendered')
    expect(frameStateOf([state('ready'), r('lifecycle', 'page-synced', 'x', { page: 'products' })])).toBe('loading')
    expect(frameStateOf([state('ready'), state('expired')])).toBe('failed')
    expect(frameStateOf([r('script-error', 'script-load-failed')])).toBe('failed')
  })

  it('an observation: rendered only once known, events once each, errors from scripts and the page', () => {
    expect(observationOfReports([r('event', 'qvDSHPageLoaded')])).toEqual({ events: ['qvDSHPageLoaded'], errors: [] })
    const reports = [r('event', 'qvDSHPageLoaded'), r('event', 'qvDSHPageLoaded'), r('page-error', 'uncaught-error', 'boom'), r('event', 'qvDSHItemsLoaded')]
    expect(observationOfReports(reports)).toEqual({ rendered: true, events: ['qvDSHPageLoaded', 'qvDSHItemsLoaded'], errors: ['boom'] })
    expect(errorsOf([r('network-error', 'http-403'), r('script-error', 'element-undefined', 'not defined')])).toEqual(['not defined'])
  })

  it('security notes once each; the page a report names', () => {
    expect(securityNotesOf([r('security', 'sandbox-security', 'no rows'), r('security', 'sandbox-security', 'no rows')])).toEqual(['no rows'])
    expect(pageOf(r('lifecycle', 'page-shown', 'x', { page: 'products' }))).toBe('products')
    expect(pageOf(r('lifecycle', 'page-synced', 'x', { page: 'overview' }))).toBe('overview')
    expect(pageOf(r('lifecycle', 'mounted', 'x', { page: 'overview' }))).toBeUndefined()
    expect(pageOf(r('lifecycle', 'page-shown', 'x', { page: 42 }))).toBeUndefined()
  })
})
