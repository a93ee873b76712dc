import { describe, expect, it } from 'vitest'
import { DEMO_APPS, describeDemoApps, findDemoApp, parseDashboard } from '../../../../src/sandbox/data'

describe('demo apps', () => {
  it('has the documentation sample app and an operations app', () => {
    expect(Object.keys(DEMO_APPS)).toEqual(['59VShVtjM', 'ops-demo'])
    expect(findDemoApp('59VShVtjM')?.name).toBe('Sales Analytics')
    expect(findDemoApp('ops-demo')?.name).toBe('Operations')
    expect(describeDemoApps()).toBe('59VShVtjM (Sales Analytics), ops-demo (Operations)')
  })

  it('does not mistake Object.prototype names for apps', () => {
    expect(findDemoApp('constructor')).toBeUndefined()
    expect(findDemoApp('__proto__')).toBeUndefined()
    expect(findDemoApp('toString')).toBeUndefined()
  })

  it('lays out the Sales Analytics overview with four KPIs, a bar, a line and a pie, and a bar on the open targets dataset', () => {
    const overview = DEMO_APPS['59VShVtjM'].dashboards.find((dashboard) => dashboard.id === 'overview')!
    expect(overview.panels.map((panel) => [panel.id, panel.kind])).toEqual([
      ['total-revenue', 'kpi'],
      ['order-count', 'kpi'],
      ['units-sold', 'kpi'],
      ['avg-order-value', 'kpi'],
      ['revenue-by-region', 'bar'],
      ['revenue-by-month', 'line'],
      ['revenue-by-category', 'pie'],
      ['target-by-region', 'bar']
    ])
    expect(overview.panels.find((panel) => panel.id === 'target-by-region')?.datasetId).toBe('sales-targets')
  })

  it('offers the Single Panel ids of the brief', () => {
    const ids = DEMO_APPS['59VShVtjM'].panels.map((panel) => panel.id)
    expect(ids).toEqual(expect.arrayContaining(['revenue-by-region', 'total-revenue', 'revenue-by-product']))
  })

  it.each(Object.values(DEMO_APPS).map((app) => [app.appId, app] as const))('%s: every dashboard passes the PUT validation and every panel is loadable', (_id, app) => {
    for (const dashboard of app.dashboards) {
      expect(parseDashboard(structuredClone(dashboard), app, dashboard.id), dashboard.id).toEqual({ ok: true, dashboard })
      for (const panel of dashboard.panels) expect(app.panels.find((candidate) => candidate.id === panel.id), panel.id).toBeDefined()
    }
    const ids = app.panels.map((panel) => panel.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(Object.isFrozen(app.dashboards[0].panels[0])).toBe(true)
  })
})
