/**
 * One dashboard panel: its card, the query that feeds it, and its body
 * (KPI number, Chart.js chart, or grouped table) drawn from a QueryResult.
 * Shared by Dashboard View, Dashboard Builder, qrvey-dashboard and Single Panel.
 */
import type { ColumnMeta, DatasetMeta, PanelDefinition, QueryRequest, QueryResult, SandboxApp } from '../../../shared/sandbox-api'
import type { SandboxClient } from './api'
import { drawChart, type ChartKind } from './charts'
import { clear, h, icon, type Children } from './dom'
import { localeOf } from './presentation'
import { formatCell, formatDateLabel, formatMeasure, humanise, measureLabel, measureStyle, toNumber } from './format'
import type { WidgetContext } from './widget-element'

/** Column metadata by dataset id, then column id. */
export type ColumnIndex = Map<string, Map<string, ColumnMeta>>

export function columnIndex(datasets: readonly DatasetMeta[]): ColumnIndex {
  return new Map(datasets.map((d) => [d.id, new Map(d.columns.map((c) => [c.id, c]))]))
}

export function appColumns(app: SandboxApp | undefined): ColumnIndex {
  return columnIndex(app?.datasets ?? [])
}

export function panelQuery(panel: PanelDefinition): QueryRequest {
  return panel.groupBy ? { measures: [panel.measure], groupBy: [panel.groupBy] } : { measures: [panel.measure] }
}

/** Caches query results for the element's lifetime, so re-rendering (builder edits) does not refetch. */
export class QueryCache {
  readonly #results = new Map<string, Promise<QueryResult>>()

  get(client: SandboxClient, datasetId: string, query: QueryRequest): Promise<QueryResult> {
    const key = `${datasetId}\u0000${JSON.stringify(query)}\u0000${client.filterKey}`
    let result = this.#results.get(key)
    if (!result) {
      result = client.query(datasetId, query)
      // A failure is not cached: the next render asks again.
      result.catch(() => this.#results.delete(key))
      this.#results.set(key, result)
    }
    return result
  }

  clear(): void {
    this.#results.clear()
  }
}

export interface Series {
  /** Group keys as the API returned them ("2024-01"). */
  keys: Array<string | number>
  /** Group keys as shown ("Jan 2024"). */
  labels: string[]
  values: number[]
  /** The values exactly as the API returned them. */
  raw: Array<string | number>
}

/** Picks the group and measure columns out of a result, whatever the server named them. */
export function seriesOf(panel: PanelDefinition, result: QueryResult, columns?: Map<string, ColumnMeta>): Series {
  const groupIndex = panel.groupBy ? Math.max(0, result.columns.indexOf(panel.groupBy)) : -1
  let measureIndex = result.columns.length - 1
  // The sandbox names a measure column "<aggregate>_<column>" (sum_revenue); accept any name containing the column.
  const exact = result.columns.indexOf(`${panel.measure.aggregate}_${panel.measure.column}`)
  const named = result.columns.findIndex((c, i) => i !== groupIndex && c.includes(panel.measure.column))
  if (exact >= 0) measureIndex = exact
  else if (named >= 0) measureIndex = named
  else if (groupIndex >= 0 && result.columns.length > 1) measureIndex = result.columns.findIndex((_, i) => i !== groupIndex)
  let rows = result.rows
  const groupColumn = panel.groupBy ? columns?.get(panel.groupBy) : undefined
  if (panel.kind === 'line' && groupColumn?.type !== 'text') {
    rows = [...rows].sort((a, b) => String(a[groupIndex]).localeCompare(String(b[groupIndex]), 'en', { numeric: true }))
  }
  const label = (value: unknown): string => (groupColumn?.type === 'date' ? formatDateLabel(value) : String(value ?? '—'))
  return {
    keys: rows.map((r) => (groupIndex >= 0 ? r[groupIndex] : '')),
    labels: rows.map((r) => (groupIndex >= 0 ? label(r[groupIndex]) : '')),
    values: rows.map((r) => toNumber(r[measureIndex]) ?? 0),
    raw: rows.map((r) => r[measureIndex])
  }
}

/** Pie charts read badly past eight slices: keep the seven largest and sum the rest as "Other". */
export function foldSmallSlices(series: Series, keep = 7): Series {
  if (series.labels.length <= keep + 1) return series
  const order = series.values.map((v, i) => ({ v, i })).sort((a, b) => b.v - a.v)
  const top = order.slice(0, keep)
  const rest = order.slice(keep).reduce((sum, { v }) => sum + v, 0)
  return {
    keys: [...top.map(({ i }) => series.keys[i]), 'Other'],
    labels: [...top.map(({ i }) => series.labels[i]), 'Other'],
    values: [...top.map(({ v }) => v), rest],
    raw: [...top.map(({ i }) => series.raw[i]), rest]
  }
}

export interface PanelCard {
  card: HTMLElement
  head: HTMLElement
  body: HTMLElement
}

export function panelSubtitle(panel: PanelDefinition, columns?: Map<string, ColumnMeta>): string {
  const measure = measureLabel(panel.measure, columns?.get(panel.measure.column))
  if (!panel.groupBy) return measure
  const group = columns?.get(panel.groupBy)?.label ?? humanise(panel.groupBy)
  return `${measure} by ${group}`
}

/** The card with its title and a loading skeleton; `tools` go to the top right (builder controls). */
export function panelCard(panel: PanelDefinition, columns: Map<string, ColumnMeta> | undefined, tools?: Children): PanelCard {
  const subtitle = panelSubtitle(panel, columns)
  const body = h('div', { class: `qv-panel-body${panel.kind === 'kpi' ? ' qv-kpi-body' : ''}`, data: { qv: 'panel-body' } }, [
    h('div', { class: `qv-skeleton ${panel.kind === 'kpi' ? 'qv-skeleton-kpi' : 'qv-skeleton-block'}` })
  ])
  const head = h('div', { class: 'qv-panel-head' }, [
    h('div', { class: 'qv-panel-titles' }, [
      h('div', { class: 'qv-panel-title', data: { qv: 'panel-title' }, attrs: { title: panel.title }, text: panel.title }),
      subtitle.toLowerCase() === panel.title.toLowerCase() ? null : h('div', { class: 'qv-panel-sub', text: subtitle })
    ]),
    tools ? h('div', { class: 'qv-panel-tools' }, tools) : null
  ])
  const card = h('section', {
    class: `qv-panel qv-panel-${panel.kind}`,
    data: { qv: 'panel', panelId: panel.id, kind: panel.kind, state: 'loading' },
    attrs: { 'aria-label': panel.title }
  }, [head, body])
  return { card, head, body }
}

/** Places a card in the 12-column grid (reading order does the rows, so panels never overlap). */
export function placeInGrid(card: HTMLElement, panel: PanelDefinition): void {
  const w = Math.min(12, Math.max(1, Math.round(panel.layout.w)))
  const x = Math.min(12 - w, Math.max(0, Math.round(panel.layout.x)))
  const rows = Math.max(1, Math.round(panel.layout.h))
  card.style.gridColumn = `${x + 1} / span ${w}`
  card.style.gridRow = `span ${rows}`
  card.style.setProperty('--qv-rows', String(rows))
}

/** The shield on a panel whose rows the token's record permissions narrowed. */
function permissionsBadge(): HTMLElement {
  const text = "Filtered by the token's record-level permissions"
  return h('span', { class: 'qv-badge qv-badge-icon', data: { qv: 'permissions-badge' }, attrs: { title: text, 'aria-label': text, role: 'img' } }, [icon('shield')])
}

/** The same, once for a whole view. */
export function permissionsPill(): HTMLElement {
  return h('span', { class: 'qv-badge', data: { qv: 'permissions-applied' }, attrs: { title: "Some panels show only the rows the token's record-level permissions allow" } }, [icon('shield'), 'Row-level security'])
}

/** Fills a panel body from its query result. */
export function renderPanelData(context: WidgetContext, panel: PanelDefinition, result: QueryResult, parts: PanelCard, columns: Map<string, ColumnMeta> | undefined, animate = true): void {
  const { body, head, card } = parts
  clear(body)
  card.dataset.state = 'ready'
  if (result.permissionsApplied && !head.querySelector('[data-qv="permissions-badge"]')) {
    head.insertBefore(permissionsBadge(), head.querySelector('.qv-panel-tools'))
  }
  const measureColumn = columns?.get(panel.measure.column)
  const series = seriesOf(panel, result, columns)
  // i18n.locale (Single Panel's documented i18n object) decides number formats.
  const locale = localeOf(context.config)

  if (panel.kind === 'kpi') {
    const raw = series.raw[0]
    const value = h('div', {
      class: 'qv-kpi',
      data: { qv: 'kpi-value', panelId: panel.id, value: raw === undefined || raw === null ? '' : String(raw) },
      text: formatMeasure(raw, panel.measure, measureColumn, locale)
    })
    body.append(value)
    return
  }

  if (series.labels.length === 0) {
    body.append(h('div', { class: 'qv-empty', data: { qv: 'empty' }, text: 'No data for this panel.' }))
    return
  }

  if (panel.kind === 'table') {
    body.append(groupedTable(panel, series, columns, locale))
    return
  }

  const kind: ChartKind = panel.kind
  const shown = kind === 'pie' ? foldSmallSlices(series) : series
  const label = measureLabel(panel.measure, measureColumn)
  const canvas = h('canvas', { attrs: { role: 'img', 'aria-label': `${panel.title}: ${label}` } }, [chartFallback(panel, shown, label, columns)])
  body.append(h('div', { class: 'qv-chart', data: { qv: 'chart', kind, panelId: panel.id } }, [canvas]))
  context.track(drawChart(canvas, kind, { labels: shown.labels, values: shown.values, seriesLabel: label, style: measureStyle(panel.measure, measureColumn) }, animate))
}

/** The chart's numbers as a table inside the canvas: screen readers read it, tests query it. */
function chartFallback(panel: PanelDefinition, series: Series, label: string, columns: Map<string, ColumnMeta> | undefined): HTMLElement {
  const group = panel.groupBy ? (columns?.get(panel.groupBy)?.label ?? humanise(panel.groupBy)) : ''
  return h('table', { data: { qv: 'chart-data' } }, [
    h('thead', {}, h('tr', {}, [h('th', { text: group }), h('th', { text: label })])),
    h(
      'tbody',
      {},
      series.labels.map((l, i) =>
        h('tr', {}, [
          h('td', { data: { qv: 'chart-cell', column: panel.groupBy ?? '', row: i, value: String(series.keys[i]) }, text: l }),
          h('td', { data: { qv: 'chart-cell', column: panel.measure.column, row: i, value: String(series.raw[i]) }, text: formatMeasure(series.raw[i], panel.measure, columns?.get(panel.measure.column)) })
        ])
      )
    )
  ])
}

function groupedTable(panel: PanelDefinition, series: Series, columns: Map<string, ColumnMeta> | undefined, locale = 'en-US'): HTMLElement {
  const measureColumn = columns?.get(panel.measure.column)
  const groupId = panel.groupBy ?? ''
  const groupColumn = columns?.get(groupId)
  const additive = panel.measure.aggregate === 'sum' || panel.measure.aggregate === 'count'
  const total = series.values.reduce((a, b) => a + b, 0)
  return h('div', { class: 'qv-table-wrap' }, [
    h('table', { class: 'qv-table', data: { qv: 'table', panelId: panel.id } }, [
      h('thead', {}, h('tr', {}, [h('th', { text: groupColumn?.label ?? humanise(groupId) }), h('th', { class: 'qv-num', text: measureLabel(panel.measure, measureColumn) })])),
      h(
        'tbody',
        {},
        series.labels.map((label, row) =>
          h('tr', {}, [
            h('td', { data: { qv: 'table-cell', column: groupId, row, value: String(series.keys[row]) }, text: formatCell(label, groupColumn) }),
            h('td', { class: 'qv-num', data: { qv: 'table-cell', column: panel.measure.column, row, value: String(series.raw[row]) }, text: formatMeasure(series.raw[row], panel.measure, measureColumn, locale) })
          ])
        )
      ),
      additive && series.values.length > 1
        ? h('tfoot', {}, h('tr', {}, [h('td', { text: 'Total' }), h('td', { class: 'qv-num', data: { qv: 'table-total', value: String(total) }, text: formatMeasure(total, panel.measure, measureColumn, locale) })]))
        : null
    ])
  ])
}

/** Loads one panel's data into its card; failures stay inside the card (401 still expires the widget). */
export async function loadPanel(context: WidgetContext, cache: QueryCache, panel: PanelDefinition, parts: PanelCard, index: ColumnIndex, animate = true): Promise<boolean> {
  try {
    const result = await cache.get(context.client, panel.datasetId, panelQuery(panel))
    if (context.signal.aborted || !parts.card.isConnected) return false
    renderPanelData(context, panel, result, parts, index.get(panel.datasetId), animate)
    return true
  } catch (error) {
    parts.card.dataset.state = 'error'
    context.showLocalError(error, parts.body)
    return false
  }
}
