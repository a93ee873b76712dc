/**
 * The "widget loaded" rules shared by `qwb run` and Test connection, on the
 * reports and probes a page gives (the render loop's own tests run them in
 * real Chromium: render-widget.test.ts).
 */
import { describe, expect, it } from 'vitest'
import { expectsItemsLoaded, judge, timeoutVerdict, type PageSoFar } from '../../../../src/main/headless/loaded-rules'
import { PREVIEW_SOURCE, type PreviewReport } from '../../../../src/shared/preview-messages'

const report = (kind: PreviewReport['kind'], name: string, message = name): PreviewReport => ({ source: PREVIEW_SOURCE, kind, name, message, time: 0 })
const probe = (state: string | null, extra: Partial<{ hasContent: boolean; error: string | null; defined: boolean }> = {}) => ({ reports: [], state, hasContent: true, error: null, defined: true, ...extra })
const page = (p: Partial<PageSoFar>): PageSoFar => ({ reports: [], probe: probe(null), networkQuiet: false, waitForItemsLoaded: true, ...p })

describe('judge', () => {
  it('a dashboard is loaded on qvDSHItemsLoaded only, not on its ready state or content', () => {
    expect(judge(page({ probe: probe('ready'), networkQuiet: true }))).toBeUndefined()
    expect(judge(page({ reports: [report('event', 'qvDSHPageLoaded'), report('event', 'qvDSHItemsLoaded')] }))).toMatchObject({ outcome: 'loaded', settledBy: 'items-loaded' })
  })

  it('other widgets: their ready state, or content with the network quiet', () => {
    expect(judge(page({ waitForItemsLoaded: false, probe: probe('ready') }))).toMatchObject({ outcome: 'loaded', settledBy: 'ready' })
    expect(judge(page({ waitForItemsLoaded: false, probe: probe(null), networkQuiet: false }))).toBeUndefined()
    expect(judge(page({ waitForItemsLoaded: false, probe: probe(null), networkQuiet: true }))).toMatchObject({ outcome: 'loaded', settledBy: 'content' })
    expect(judge(page({ waitForItemsLoaded: false, probe: probe('loading'), networkQuiet: true }))).toBeUndefined()
  })

  it('qvTokenExpired fails even after qvDSHItemsLoaded; so do an expired or error state and a script that did not load', () => {
    expect(judge(page({ reports: [report('event', 'qvDSHItemsLoaded'), report('event', 'qvTokenExpired')] }))).toMatchObject({ outcome: 'failed', settledBy: 'token-expired' })
    expect(judge(page({ probe: probe('expired', { error: 'Session expired' }) }))?.reason).toBe('the widget reported qvTokenExpired: the token was refused (Session expired)')
    expect(judge(page({ probe: probe('error', { error: 'Unknown chart' }) }))).toEqual({ outcome: 'failed', settledBy: 'error-state', reason: 'the widget shows an error (state error): Unknown chart' })
    expect(judge(page({ reports: [report('script-error', 'script-load-failed', 'Could not load the widget script x')] }))).toEqual({ outcome: 'failed', settledBy: 'script-error', reason: 'Could not load the widget script x' })
  })

  it('an element not yet defined at DOMContentLoaded is no verdict: a lazy launcher defines it later', () => {
    expect(judge(page({ reports: [report('script-error', 'element-undefined')] }))).toBeUndefined()
    expect(judge(page({ reports: [report('script-error', 'element-undefined'), report('event', 'qvDSHItemsLoaded')] }))).toMatchObject({ outcome: 'loaded' })
  })
})

describe('timeoutVerdict', () => {
  it('says what it waited for and what the page showed', () => {
    expect(timeoutVerdict(page({ probe: probe('loading') }), 5000, 'qrvey-end-user').reason).toBe('no qvDSHItemsLoaded within 5 s (widget state loading)')
    expect(timeoutVerdict(page({ waitForItemsLoaded: false, probe: probe('loading') }), 5000, 'an-panel').reason).toBe('the widget did not finish loading within 5 s (state loading)')
    expect(timeoutVerdict(page({ probe: probe(null, { defined: false }) }), 5000, 'an-panel').reason).toContain('the launcher never defined <an-panel>')
    expect(timeoutVerdict(page({ probe: undefined }), 5000, 'an-panel').reason).toBe('no qvDSHItemsLoaded within 5 s (the page never answered)')
  })
})

describe('expectsItemsLoaded (QRVEY.md §3: dashboards send qvDSHItemsLoaded)', () => {
  it('dashboards wait for it; v9 without a dashboard id browses dashboards; other widgets do not', () => {
    expect(expectsItemsLoaded('page-view', {}, {})).toBe(true)
    expect(expectsItemsLoaded('qrvey-dashboard', {}, {})).toBe(false)
    expect(expectsItemsLoaded('qrvey-dashboard', { dashboardId: 'd' }, {})).toBe(true)
    expect(expectsItemsLoaded('single-panel', {}, {})).toBe(false)
  })
})
