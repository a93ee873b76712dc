import { describe, expect, it } from 'vitest'
import type { Dashboard, DatasetMeta, PanelDefinition } from '../../../../src/shared/sandbox-api'
import { addPanel, primaryMeasureColumn, canMove, movePanel, orderedPanels, panelTemplates, reflow, removePanel, sameDashboard, uniquePanelId, GRID_COLUMNS } from '../../../../src/sandbox/widgets/core/dashboard-model'

const panel = (id: string, x: number, y: number, w: number, h: number, kind: PanelDefinition['kind'] = 'kpi'): PanelDefinition => ({
  id,
  title: id,
  kind,
  datasetId: 'sales',
  measure: { column: 'revenue', aggregate: 'sum' },
  ...(kind === 'kpi' ? {} : { groupBy: 'region' }),
  layout: { x, y, w, h }
})

const dashboard: Dashboard = {
  id: 'overview',
  name: 'Overview',
  // Stored out of reading order on purpose.
  panels: [panel('chart', 0, 2, 6, 4, 'bar'), panel('kpi-a', 0, 0, 4, 2), panel('kpi-b', 4, 0, 4, 2), panel('kpi-c', 8, 0, 4, 2)]
}

const dataset: DatasetMeta = {
  id: 'sales',
  name: 'Sales orders',
  rowCount: 10,
  columns: [
    { id: 'order_id', label: 'Order ID', type: 'text' },
    { id: 'order_date', label: 'Order date', type: 'date' },
    { id: 'month', label: 'Month', type: 'date' },
    { id: 'region', label: 'Region', type: 'text' },
    { id: 'units', label: 'Units', type: 'number' },
    { id: 'unit_price', label: 'Unit price', type: 'number' },
    { id: 'revenue', label: 'Revenue', type: 'number' }
  ]
}

const ids = (d: Dashboard): string[] => orderedPanels(d.panels).map((p) => p.id)

function overlaps(panels: readonly PanelDefinition[]): boolean {
  return panels.some((a, i) =>
    panels.some((b, j) => i < j && a.layout.x < b.layout.x + b.layout.w && b.layout.x < a.layout.x + a.layout.w && a.layout.y < b.layout.y + b.layout.h && b.layout.y < a.layout.y + a.layout.h)
  )
}

describe('the builder model', () => {
  it('orders panels by row, then column', () => {
    expect(ids(dashboard)).toEqual(['kpi-a', 'kpi-b', 'kpi-c', 'chart'])
  })

  it('moves a panel earlier or later and re-packs the grid', () => {
    const later = movePanel(dashboard, 'kpi-a', 1)
    expect(ids(later)).toEqual(['kpi-b', 'kpi-a', 'kpi-c', 'chart'])
    expect(later.panels.find((p) => p.id === 'kpi-a')?.layout).toEqual({ x: 4, y: 0, w: 4, h: 2 })
    const down = movePanel(dashboard, 'kpi-c', 1)
    expect(ids(down)).toEqual(['kpi-a', 'kpi-b', 'chart', 'kpi-c'])
    // The chart (w 6) no longer fits after two KPIs (w 8): it starts a new row.
    expect(down.panels.find((p) => p.id === 'chart')?.layout).toEqual({ x: 0, y: 2, w: 6, h: 4 })
    expect(down.panels.find((p) => p.id === 'kpi-c')?.layout).toEqual({ x: 6, y: 2, w: 4, h: 2 })
    expect(overlaps(down.panels)).toBe(false)
  })

  it('leaves the dashboard as it is at either end', () => {
    expect(movePanel(dashboard, 'kpi-a', -1)).toBe(dashboard)
    expect(movePanel(dashboard, 'chart', 1)).toBe(dashboard)
    expect(movePanel(dashboard, 'nope', 1)).toBe(dashboard)
    expect(canMove(dashboard, 'kpi-a', -1)).toBe(false)
    expect(canMove(dashboard, 'kpi-a', 1)).toBe(true)
  })

  it('removes a panel and closes the gap', () => {
    const removed = removePanel(dashboard, 'kpi-b')
    expect(ids(removed)).toEqual(['kpi-a', 'kpi-c', 'chart'])
    expect(removed.panels.find((p) => p.id === 'kpi-c')?.layout.x).toBe(4)
    expect(removePanel(dashboard, 'nope')).toBe(dashboard)
  })

  it('adds a panel from a template at the end with a fresh id', () => {
    const bar = panelTemplates(dataset).find((t) => t.id === 'bar')!
    const added = addPanel(dashboard, bar)
    const newPanel = orderedPanels(added.panels).at(-1)!
    expect(newPanel.id).toBe('panel-5')
    expect(newPanel).toMatchObject({ kind: 'bar', datasetId: 'sales', measure: { column: 'revenue', aggregate: 'sum' }, groupBy: 'region' })
    expect(newPanel.layout).toEqual({ x: 6, y: 2, w: 6, h: 4 })
    expect(() => addPanel(dashboard, bar, 'chart')).toThrow(/already/)
  })

  it('never changes its input', () => {
    const before = JSON.stringify(dashboard)
    movePanel(dashboard, 'kpi-a', 1)
    removePanel(dashboard, 'kpi-a')
    addPanel(dashboard, panelTemplates(dataset)[0])
    expect(JSON.stringify(dashboard)).toBe(before)
  })

  it('keeps every panel inside the grid and within what the server accepts', () => {
    let d: Dashboard = { ...dashboard, panels: [] }
    for (const template of panelTemplates(dataset)) d = addPanel(d, template, uniquePanelId(d, template.id))
    for (const p of d.panels) {
      expect(p.layout.x + p.layout.w).toBeLessThanOrEqual(GRID_COLUMNS)
      expect(p.kind === 'kpi' ? p.groupBy === undefined : p.groupBy !== undefined).toBe(true)
    }
    expect(overlaps(d.panels)).toBe(false)
    expect(reflow([panel('wide', 0, 0, 40, 2)])[0].layout.w).toBe(GRID_COLUMNS)
  })

  it('offers KPI, bar, line, pie and table templates; the line goes over months', () => {
    const templates = panelTemplates(dataset)
    expect(templates.map((t) => t.id)).toEqual(['kpi-total', 'kpi-count', 'bar', 'line', 'pie', 'table'])
    expect(templates.find((t) => t.id === 'line')?.panel.groupBy).toBe('month')
    expect(templates.find((t) => t.id === 'kpi-count')?.panel.measure).toEqual({ column: 'order_id', aggregate: 'count' })
  })

  it('measures money totals first, quantities next, and rates such as a price last', () => {
    expect(primaryMeasureColumn(dataset.columns)?.id).toBe('revenue')
    expect(primaryMeasureColumn(dataset.columns.filter((c) => c.id !== 'revenue'))?.id).toBe('units')
    expect(primaryMeasureColumn(dataset.columns.filter((c) => c.type !== 'number'))).toBeUndefined()
    expect(panelTemplates(dataset).find((t) => t.id === 'bar')?.panel.groupBy).toBe('region')
  })

  it('tells a changed draft from the saved version', () => {
    expect(sameDashboard(dashboard, { ...dashboard })).toBe(true)
    expect(sameDashboard(dashboard, movePanel(dashboard, 'kpi-a', 1))).toBe(false)
  })
})
