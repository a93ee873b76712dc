/**
 * The pure parts behind the new widgets and config keys: userFilters into
 * query filters (filters-embedded-scenarios.md), the pixel report's pages,
 * Analytic Suite's settings (analytic-suite.md "Settings"), web form answers
 * and the presentation keys (styles, themeId, i18n, timezone).
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { validateAnswers } from '../../../../src/sandbox/data/extras/webform-answers'
import { webformByHash } from '../../../../src/sandbox/data/extras/demo-extras'
import { ExportStore } from '../../../../src/sandbox/data/extras/stores'
import { parseWidgetConfig } from '../../../../src/sandbox/widgets/core/config'
import { applyPresentation, localeOf, timezoneLabel } from '../../../../src/sandbox/widgets/core/presentation'
import { filtersFor, planUserFilters } from '../../../../src/sandbox/widgets/core/user-filters'
import { suiteSettings } from '../../../../src/sandbox/widgets/views/analytic-suite-view'
import { layoutReport } from '../../../../src/sandbox/widgets/views/pixel-report-layout'
import type { ReportDefinition } from '../../../../src/shared/sandbox-extras-api'

afterEach(() => vi.restoreAllMocks())

describe('planUserFilters', () => {
  it('reads the documented {filters: [{operator, expressions}]} and a bare array; qrveyid scopes to a dataset', () => {
    const plan = planUserFilters({
      filters: [{ operator: 'AND', expressions: [{ qrveyid: 'sales', questionid: 'region', validationType: 'EQUAL', value: ['Europe'] }, { questionid: 'revenue', validationType: 'RANGE', value: [{ gte: 10 }] }] }]
    })
    expect(plan.problems).toEqual([])
    expect(filtersFor(plan, 'sales')).toEqual([
      { column: 'region', values: ['Europe'] },
      { column: 'revenue', validationType: 'RANGE', values: [{ gte: 10 }] }
    ])
    expect(filtersFor(plan, 'other')).toEqual([{ column: 'revenue', validationType: 'RANGE', values: [{ gte: 10 }] }])
    expect(filtersFor(planUserFilters([{ expressions: [{ questionid: 'x', value: ['1'] }] }]), 'd')).toEqual([{ column: 'x', values: ['1'] }])
  })

  it('reports what it cannot apply instead of dropping it silently', () => {
    const plan = planUserFilters({ filters: [{ operator: 'OR', expressions: [{ questionid: 'a', value: [1] }, { questionid: 'b', value: [2] }] }, { expressions: [{ value: [1] }, { questionid: 'c', validationType: 'LIKE', value: [1] }] }] })
    expect(plan.problems.join('\n')).toMatch(/operator OR is not simulated offline[\s\S]*no "questionid"[\s\S]*"LIKE" is not one of/)
    expect(planUserFilters('nope').problems[0]).toMatch(/must be \{ filters/)
  })
})

describe('layoutReport', () => {
  const report: ReportDefinition = {
    id: 'r', name: 'R', description: '', datasetId: 'd', groupBy: 'g',
    columns: [{ column: 'id', label: 'Id' }, { column: 'v', label: 'V', total: true }],
    sort: { column: 'id', direction: 'asc' }, parameters: [], rowsPerPage: 5
  }
  it('groups, subtotals, grand total, fixed lines per page', () => {
    const rows = [['1', 10, 'A'], ['2', 5, 'B'], ['3', 1.5, 'A']]
    const layout = layoutReport(report, ['id', 'v', 'g'], rows)
    expect(layout.groups).toBe(2)
    expect(layout.grandTotals).toEqual([undefined, 16.5])
    const lines = layout.pages.flat()
    expect(lines.map((l) => l.kind)).toEqual(['group', 'row', 'row', 'subtotal', 'group', 'row', 'subtotal', 'grand'])
    expect(lines[3]).toEqual({ kind: 'subtotal', value: 'A', totals: [undefined, 11.5] })
    expect(layout.pages.map((p) => p.length)).toEqual([5, 3])
  })
})

describe('Analytic Suite settings', () => {
  it('defaults to MULTI_PANEL / COMPLETE / NORMAL, reads the documented values, warns about others and the top-level mode', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    expect(suiteSettings(undefined, undefined, 'an-dashboard')).toEqual({ view: 'MULTI_PANEL', mode: 'COMPLETE', displayMode: 'NORMAL' })
    expect(suiteSettings({ view: 'tabular_view', mode: 'SIMPLE', displayMode: 'FULL' }, undefined, 'x')).toEqual({ view: 'TABULAR_VIEW', mode: 'SIMPLE', displayMode: 'FULL' })
    expect(suiteSettings({ mode: 'edit' }, 'view', 'x').mode).toBe('COMPLETE')
    expect(warn.mock.calls.map((c) => c[0]).join('\n')).toMatch(/"mode: view" at the top[\s\S]*settings.mode must be one of COMPLETE, SIMPLE/)
  })
})

describe('web form answers and exports', () => {
  it('checks required answers, ratings, options and emails, and lists every problem', () => {
    const form = webformByHash('fb7QxK2a')!
    const bad = validateAnswers(form, { name: '', email: 'nope', product: 'Teapot', rating: 9, extra: 1 })
    expect(!bad.ok && bad.messages).toEqual([
      '"extra" is not a question of "Customer feedback"',
      '"Your name" is required',
      '"Email" must be an email address',
      expect.stringMatching(/^"Which product\?" must be one of/),
      '"How satisfied are you?" takes a whole number from 1 to 5'
    ])
    expect(validateAnswers(form, { name: 'Ann', email: 'ann@example.com', product: 'Sensor Kit', rating: 5 }).ok).toBe(true)
  })

  it('files exports per user and clientid (download-manager.md)', () => {
    const store = new ExportStore()
    store.add({ userId: 'u', clientId: 'a' }, { fileName: 'x.csv', source: 's', format: 'CSV', content: 'h\r\n1\r\n2\r\n' })
    expect(store.list({ userId: 'u', clientId: 'a' })).toMatchObject([{ fileName: 'x.csv', rows: 2 }])
    expect(store.list({ userId: 'u', clientId: 'b' })).toEqual([])
    expect(store.list({ userId: 'v', clientId: 'a' })).toEqual([])
  })
})

describe('presentation keys', () => {
  const config = (raw: Record<string, unknown>) => {
    const parsed = parseWidgetConfig({ domain: 'https://x.example', qvToken: 't', ...raw }, 'x')
    if (!parsed.ok) throw new Error(parsed.message)
    return parsed.config
  }
  it('i18n.locale, then lang, decides the locale; timezone.offset is shown as UTC±HH:MM', () => {
    expect(localeOf(config({ i18n: { lang: 'es', locale: 'es-ES' } }))).toBe('es-ES')
    expect(localeOf(config({ i18n: { lang: 'fr' } }))).toBe('fr')
    expect(localeOf(config({}))).toBe('en-US')
    expect(timezoneLabel(config({ timezone: { offset: '-1:00' } }))).toBe('UTC-01:00')
    expect(timezoneLabel(config({ timezone: { offset: 'soon' } }))).toBeUndefined()
  })

  it('styles set CSS variables; a bad color, an unknown themeId and a bad timezone are reported', () => {
    const el = document.createElement('div')
    expect(applyPresentation(el, config({ styles: { main_color: '#0f766e', error_color: 'crimson' } }))).toEqual([])
    expect(el.style.getPropertyValue('--qv-primary')).toBe('#0f766e')
    expect(el.style.getPropertyValue('--qv-danger')).toBe('crimson')
    const problems = applyPresentation(el, config({ styles: { main_color: 'url(x)' }, themeId: 'nope', timezone: { offset: 'x' } }))
    expect(problems.join('\n')).toMatch(/themeId "nope"[\s\S]*styles.main_color must be a hex color[\s\S]*timezone must be/)
    expect(el.style.getPropertyValue('--qv-primary')).toBe('')
  })
})
