/**
 * The Dashboard Builder's edit operations as pure functions over the shared
 * `Dashboard` type: every operation returns a new dashboard and leaves its
 * input untouched, so the builder can compare the draft with the saved
 * version and tests need no DOM.
 *
 * Panels sit in a 12-column grid. Edits keep "reading order" (top to bottom,
 * left to right) as the source of truth and re-pack the grid after each one,
 * so a moved or added panel never overlaps another.
 */
import type { Aggregate, ColumnMeta, Dashboard, DatasetMeta, PanelDefinition } from '../../../shared/sandbox-api'
import { humanise, measureLabel } from './format'

export const GRID_COLUMNS = 12

export interface PanelTemplate {
  id: string
  /** Menu label, e.g. "Bar chart". */
  label: string
  /** What it will show, e.g. "Revenue by Region". */
  description: string
  /** The panel minus its id and position. */
  panel: Omit<PanelDefinition, 'id' | 'layout'>
  size: { w: number; h: number }
}

/** Panels in reading order: by row, then column (stable for ties). */
export function orderedPanels(panels: readonly PanelDefinition[]): PanelDefinition[] {
  return panels
    .map((panel, index) => ({ panel, index }))
    .sort((a, b) => a.panel.layout.y - b.panel.layout.y || a.panel.layout.x - b.panel.layout.x || a.index - b.index)
    .map(({ panel }) => panel)
}

function clampWidth(w: number): number {
  return Math.min(GRID_COLUMNS, Math.max(1, Math.round(Number.isFinite(w) ? w : GRID_COLUMNS)))
}

/** Packs panels, in the given order, into rows of {@link GRID_COLUMNS} columns. */
export function reflow(panels: readonly PanelDefinition[]): PanelDefinition[] {
  let x = 0
  let y = 0
  let rowHeight = 0
  return panels.map((panel) => {
    const w = clampWidth(panel.layout.w)
    const h = Math.max(1, Math.round(panel.layout.h || 1))
    if (x + w > GRID_COLUMNS) {
      y += rowHeight
      x = 0
      rowHeight = 0
    }
    const placed: PanelDefinition = { ...panel, layout: { x, y, w, h } }
    x += w
    rowHeight = Math.max(rowHeight, h)
    return placed
  })
}

/** An id not used by any panel of the dashboard: "<base>-1", "<base>-2", … */
export function uniquePanelId(dashboard: Dashboard, base = 'panel'): string {
  const used = new Set(dashboard.panels.map((p) => p.id))
  for (let n = dashboard.panels.length + 1; ; n++) {
    const id = `${base}-${n}`
    if (!used.has(id)) return id
  }
}

/** Adds a panel built from a template at the end of the dashboard. */
export function addPanel(dashboard: Dashboard, template: PanelTemplate, panelId: string = uniquePanelId(dashboard)): Dashboard {
  if (dashboard.panels.some((p) => p.id === panelId)) throw new RangeError(`Panel id "${panelId}" is already on dashboard "${dashboard.id}"`)
  const panel: PanelDefinition = {
    ...template.panel,
    measure: { ...template.panel.measure },
    id: panelId,
    layout: { x: 0, y: 0, w: template.size.w, h: template.size.h }
  }
  return { ...dashboard, panels: reflow([...orderedPanels(dashboard.panels), panel]) }
}

/** Moves a panel one place earlier (-1) or later (+1) in reading order; unchanged at either end. */
export function movePanel(dashboard: Dashboard, panelId: string, offset: -1 | 1): Dashboard {
  const order = orderedPanels(dashboard.panels)
  const from = order.findIndex((p) => p.id === panelId)
  const to = from + offset
  if (from < 0 || to < 0 || to >= order.length) return dashboard
  const next = [...order]
  ;[next[from], next[to]] = [next[to], next[from]]
  return { ...dashboard, panels: reflow(next) }
}

export function removePanel(dashboard: Dashboard, panelId: string): Dashboard {
  if (!dashboard.panels.some((p) => p.id === panelId)) return dashboard
  return { ...dashboard, panels: reflow(orderedPanels(dashboard.panels).filter((p) => p.id !== panelId)) }
}

export function canMove(dashboard: Dashboard, panelId: string, offset: -1 | 1): boolean {
  const order = orderedPanels(dashboard.panels)
  const index = order.findIndex((p) => p.id === panelId)
  return index >= 0 && index + offset >= 0 && index + offset < order.length
}

/** Whether two versions differ in anything the server stores. */
export function sameDashboard(a: Dashboard, b: Dashboard): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * The number column a new panel should measure: money totals first
 * (revenue, sales, amount), then plain quantities (units), and only then
 * rates such as a unit price, whose sum means nothing.
 */
export function primaryMeasureColumn(columns: readonly ColumnMeta[]): ColumnMeta | undefined {
  const rank = (c: ColumnMeta): number =>
    /revenue|sales|amount|total|profit|income/i.test(`${c.id} ${c.label}`) ? 0 : /price|rate|ratio|percent|pct|avg|average|score/i.test(`${c.id} ${c.label}`) ? 2 : 1
  return columns
    .filter((c) => c.type === 'number')
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)[0]?.c
}

/** Order ids and the like: unique per row, so useless to group by. */
export function isIdColumn(column: Pick<ColumnMeta, 'id' | 'label'>): boolean {
  return /(^|[_\s-])id$/i.test(column.id) || /\bID\b/.test(column.label)
}

function pick(columns: readonly ColumnMeta[], type: ColumnMeta['type'], prefer?: (c: ColumnMeta) => boolean): ColumnMeta | undefined {
  const ofType = columns.filter((c) => c.type === type)
  return (prefer && ofType.find(prefer)) ?? ofType[0]
}

/** The "Add panel" menu for one dataset: KPIs, bar, line, pie and table panels over its columns. */
export function panelTemplates(dataset: DatasetMeta): PanelTemplate[] {
  const { columns } = dataset
  if (columns.length === 0) return []
  const number = primaryMeasureColumn(columns)
  const category = pick(columns, 'text', (c) => !isIdColumn(c)) ?? columns[0]
  // A line over months reads better than one over every single day.
  const date = pick(columns, 'date', (c) => /month|week|quarter|year/i.test(`${c.id} ${c.label}`))
  const value: { column: string; aggregate: Aggregate; label: string } = number
    ? { column: number.id, aggregate: 'sum', label: number.label }
    : { column: columns[0].id, aggregate: 'count', label: 'Records' }
  const measure = { column: value.column, aggregate: value.aggregate }
  const count = { column: columns[0].id, aggregate: 'count' as const }
  /** Column names inside a sentence: "Revenue by region". */
  const label = (c: ColumnMeta | undefined): string => (c?.label ?? humanise(c?.id ?? '')).toLowerCase()
  const datasetId = dataset.id

  const templates: PanelTemplate[] = [
    {
      id: 'kpi-total',
      label: 'KPI',
      description: number ? measureLabel(measure, number) : 'Record count',
      panel: { title: number ? measureLabel(measure, number) : 'Records', kind: 'kpi', datasetId, measure },
      size: { w: 3, h: 2 }
    },
    {
      id: 'kpi-count',
      label: 'KPI',
      description: `Count of ${dataset.name}`,
      panel: { title: `${dataset.name}`, kind: 'kpi', datasetId, measure: count },
      size: { w: 3, h: 2 }
    },
    {
      id: 'bar',
      label: 'Bar chart',
      description: `${value.label} by ${label(category)}`,
      panel: { title: `${value.label} by ${label(category)}`, kind: 'bar', datasetId, measure, groupBy: category.id },
      size: { w: 6, h: 4 }
    }
  ]
  const trend = date ?? category
  templates.push({
    id: 'line',
    label: 'Line chart',
    description: `${value.label} ${date ? 'over' : 'by'} ${label(trend)}`,
    panel: { title: `${value.label} ${date ? 'over' : 'by'} ${label(trend)}`, kind: 'line', datasetId, measure, groupBy: trend.id },
    size: { w: 6, h: 4 }
  })
  templates.push(
    {
      id: 'pie',
      label: 'Pie chart',
      description: `Share of ${value.label.toLowerCase()} by ${label(category)}`,
      panel: { title: `Share of ${value.label.toLowerCase()} by ${label(category)}`, kind: 'pie', datasetId, measure, groupBy: category.id },
      size: { w: 4, h: 4 }
    },
    {
      id: 'table',
      label: 'Table',
      description: `${value.label} by ${label(category)}`,
      panel: { title: `${value.label} by ${label(category)}`, kind: 'table', datasetId, measure, groupBy: category.id },
      size: { w: 6, h: 4 }
    }
  )
  return templates
}
