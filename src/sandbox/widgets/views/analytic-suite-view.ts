/**
 * Analytic Suite (`an-dashboard`): a dataset explorer on config `qrveyId`.
 * The user picks a group-by column and a measure (aggregate + column); the
 * widget shows the total, a chart and the grouped table.
 *
 * `settings` (analytic-suite.md "Settings"): `view` SUMMARY_VIEW / MULTI_PANEL
 * (default: KPIs, chart and table), TABULAR_VIEW (the table), METRIC_VIEW (the
 * KPIs), CUSTOM_VIEW (not simulated); `mode` COMPLETE (default, with the
 * controls) or SIMPLE (the view only); `displayMode` FULL (edge to edge) or
 * NORMAL. A top-level `mode: view|edit` is not a documented key: warned.
 */
import type { Aggregate, ColumnMeta, DatasetMeta, Measure, PanelDefinition, QueryResult } from '../../../shared/sandbox-api'
import type { ChartKind } from '../core/charts'
import { configObject, configText } from '../core/config'
import { isIdColumn, primaryMeasureColumn } from '../core/dashboard-model'
import { clear, h } from '../core/dom'
import { AGGREGATE_LABELS, formatMeasure, measureLabel } from '../core/format'
import { columnIndex, QueryCache, renderPanelData, seriesOf, type PanelCard } from '../core/panels'
import { notSimulatedCard } from '../core/not-simulated'
import { header, messageBox, type WidgetContext } from '../core/widget-element'

const VIEWS = ['SUMMARY_VIEW', 'MULTI_PANEL', 'TABULAR_VIEW', 'CUSTOM_VIEW', 'METRIC_VIEW'] as const
type SuiteView = (typeof VIEWS)[number]

interface SuiteSettings {
  view: SuiteView
  mode: 'COMPLETE' | 'SIMPLE'
  displayMode: 'FULL' | 'NORMAL'
}

/** The documented settings object with its defaults; anything else is warned about and defaulted. */
export function suiteSettings(raw: Record<string, unknown> | undefined, legacyMode: unknown, element: string): SuiteSettings {
  const warn = (text: string): void => console.warn(`<${element}> ${text}`)
  if (legacyMode !== undefined) warn(`"mode: ${String(legacyMode)}" at the top of the config is not a documented Analytic Suite key; use settings.mode ("COMPLETE" or "SIMPLE").`)
  const pick = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
    const value = raw?.[key]
    if (value === undefined) return fallback
    const upper = String(value).toUpperCase() as T
    if (allowed.includes(upper)) return upper
    warn(`settings.${key} must be one of ${allowed.join(', ')}; got "${String(value)}", using ${fallback}.`)
    return fallback
  }
  return { view: pick('view', VIEWS, 'MULTI_PANEL'), mode: pick('mode', ['COMPLETE', 'SIMPLE'] as const, 'COMPLETE'), displayMode: pick('displayMode', ['FULL', 'NORMAL'] as const, 'NORMAL') }
}

const AGGREGATES: Aggregate[] = ['sum', 'avg', 'min', 'max', 'count']

export async function runAnalyticSuite(context: WidgetContext, product: string): Promise<void> {
  const { client, config, shell } = context
  const settings = suiteSettings(configObject(config, 'settings'), config.raw.mode, context.element.localName)
  shell.classList.toggle('qv-full', settings.displayMode === 'FULL')
  context.element.dataset.qvView = settings.view
  context.element.dataset.qvMode = settings.mode
  const datasetId = configText(config, 'qrveyId', 'qrvey_id', 'datasetId')
  const app = await client.getApp()
  const available = app.datasets.map((d) => `"${d.id}" (${d.name})`).join(', ') || 'none'
  const dataset: DatasetMeta | undefined = app.datasets.find((d) => d.id === datasetId)
  if (!dataset) {
    const text =
      datasetId === undefined
        ? `${product} needs "qrveyId" in its configuration: the id of the dataset to explore. Datasets of this application: ${available}.`
        : `There is no dataset "${datasetId}" in this application. Datasets: ${available}.`
    console.error(`<${context.element.localName}> ${text}`)
    context.setState(datasetId === undefined ? 'config-error' : 'error')
    clear(shell)
    shell.append(header(app.name, product), messageBox({ title: datasetId === undefined ? 'Configuration problem' : 'Dataset not found', text }))
    return
  }
  const columns = columnIndex([dataset])
  const meta = columns.get(dataset.id) ?? new Map<string, ColumnMeta>()
  const numbers = dataset.columns.filter((c) => c.type === 'number')
  const groupable = dataset.columns.filter((c) => c.type !== 'number')
  const cache = new QueryCache()

  let groupBy = (groupable.find((c) => c.type === 'text' && !isIdColumn(c)) ?? groupable[0] ?? dataset.columns[0]).id
  const primary = primaryMeasureColumn(dataset.columns)
  let measure: Measure = primary ? { column: primary.id, aggregate: 'sum' } : { column: dataset.columns[0].id, aggregate: 'count' }
  let chartKind: ChartKind = meta.get(groupBy)?.type === 'date' ? 'line' : 'bar'
  let seq = 0

  const controlsEl = h('div', { class: 'qv-explorer-controls' })
  const kpisEl = h('div', { class: 'qv-kpi-strip' })
  const mainEl = h('div', { class: 'qv-explorer' })
  clear(shell)
  const showKpis = settings.view !== 'TABULAR_VIEW'
  const showChart = settings.view !== 'TABULAR_VIEW' && settings.view !== 'METRIC_VIEW'
  const showTable = settings.view !== 'METRIC_VIEW'
  shell.append(header(app.name, `${product} · ${dataset.name}`))
  if (settings.view === 'CUSTOM_VIEW') shell.append(notSimulatedCard(context.element.localName, 'The Custom View (a canvas of panels the user arranges)', 'The summary view is shown instead.'))
  if (settings.mode === 'COMPLETE') shell.append(controlsEl)
  shell.append(kpisEl, mainEl)

  function select(qv: string, label: string, value: string, choices: Array<{ value: string; label: string }>, onChange: (value: string) => void): HTMLElement {
    return h('label', { class: 'qv-field' }, [
      h('span', { class: 'qv-label', text: label }),
      h(
        'select',
        { class: 'qv-select', data: { qv }, on: { change: (event) => onChange((event.target as HTMLSelectElement).value) } },
        choices.map((c) => h('option', { attrs: { value: c.value, selected: c.value === value }, text: c.label }))
      )
    ])
  }

  function renderControls(): void {
    clear(controlsEl)
    const measureChoices = (measure.aggregate === 'count' ? dataset!.columns : numbers).map((c) => ({ value: c.id, label: c.label }))
    controlsEl.append(
      select('groupby-select', 'Group by', groupBy, groupable.map((c) => ({ value: c.id, label: c.label })), (value) => {
        groupBy = value
        chartKind = meta.get(value)?.type === 'date' ? 'line' : chartKind === 'line' ? 'bar' : chartKind
        update()
      }),
      select('aggregate-select', 'Aggregate', measure.aggregate, AGGREGATES.filter((a) => a === 'count' || numbers.length > 0).map((a) => ({ value: a, label: AGGREGATE_LABELS[a] })), (value) => {
        const aggregate = value as Aggregate
        const column = aggregate !== 'count' && !numbers.some((c) => c.id === measure.column) ? numbers[0].id : measure.column
        measure = { column, aggregate }
        update()
      }),
      select('measure-select', 'Measure', measure.column, measureChoices, (value) => {
        measure = { ...measure, column: value }
        update()
      }),
      h('div', { class: 'qv-field' }, [
        h('span', { class: 'qv-label', text: 'Chart' }),
        h(
          'div',
          { class: 'qv-segment', attrs: { role: 'group', 'aria-label': 'Chart type' } },
          (['bar', 'line', 'pie'] as const).map((kind) =>
            h('button', {
              data: { qv: 'chart-type', kind },
              attrs: { type: 'button', 'aria-pressed': String(kind === chartKind) },
              text: kind === 'bar' ? 'Bar' : kind === 'line' ? 'Line' : 'Pie',
              on: {
                click: () => {
                  chartKind = kind
                  update()
                }
              }
            })
          )
        )
      ])
    )
  }

  function kpi(label: string, value: HTMLElement | string, caption?: string): HTMLElement {
    return h('div', { class: 'qv-card' }, [h('div', { class: 'qv-label', text: label }), typeof value === 'string' ? h('div', { class: 'qv-kpi', text: value }) : value, caption ? h('div', { class: 'qv-kpi-caption', text: caption }) : null])
  }

  function panel(id: string, kind: PanelDefinition['kind'], withGroup: boolean): PanelDefinition {
    return { id, title: '', kind, datasetId: dataset!.id, measure, ...(withGroup ? { groupBy } : {}), layout: { x: 0, y: 0, w: 12, h: 4 } }
  }

  function bodyPart(target: HTMLElement): PanelCard {
    // The explorer's cards have no panel header: renderPanelData only fills the body.
    return { card: target, head: h('div', {}), body: target }
  }

  async function update(): Promise<void> {
    const mine = ++seq
    context.setState('loading')
    renderControls()
    context.destroyCharts()
    const label = measureLabel(measure, meta.get(measure.column))
    const groupLabel = meta.get(groupBy)?.label ?? groupBy
    const chartBody = h('div', { class: 'qv-explorer-chart', data: { qv: 'explorer-chart' } }, [h('div', { class: 'qv-skeleton qv-skeleton-block' })])
    const tableBody = h('div', { class: 'qv-explorer-table', data: { qv: 'explorer-table' } }, [h('div', { class: 'qv-skeleton qv-skeleton-block' })])
    clear(kpisEl)
    clear(mainEl)
    if (showChart) mainEl.append(h('section', { class: 'qv-card', data: { qv: 'panel', panelId: 'explorer-chart' } }, [h('div', { class: 'qv-card-head' }, [h('span', { class: 'qv-card-title', text: `${label} by ${groupLabel}` })]), chartBody]))
    if (showTable) mainEl.append(h('section', { class: 'qv-card', data: { qv: 'panel', panelId: 'explorer-table' } }, [h('div', { class: 'qv-card-head' }, [h('span', { class: 'qv-card-title', text: 'Grouped table' })]), tableBody]))
    mainEl.classList.toggle('qv-explorer-single', !(showChart && showTable))
    let total: QueryResult
    let grouped: QueryResult
    try {
      ;[total, grouped] = await Promise.all([cache.get(client, dataset!.id, { measures: [measure] }), cache.get(client, dataset!.id, { measures: [measure], groupBy: [groupBy] })])
    } catch (error) {
      if (mine !== seq) return
      context.setState('error')
      clear(mainEl)
      const slot = h('div', { style: { gridColumn: '1 / -1' } })
      mainEl.append(slot)
      context.showLocalError(error, slot)
      return
    }
    if (mine !== seq || context.signal.aborted) return
    const totalRaw = total.rows[0]?.[total.columns.length - 1]
    const series = seriesOf(panel('g', 'table', true), grouped, meta)
    let top = -1
    series.values.forEach((v, i) => {
      if (top < 0 || v > series.values[top]) top = i
    })
    if (showKpis) kpisEl.append(
      kpi(label, h('div', { class: 'qv-kpi', data: { qv: 'kpi-value', panelId: 'explorer-total', value: totalRaw === undefined ? '' : String(totalRaw) }, text: formatMeasure(totalRaw, measure, meta.get(measure.column)) }), total.permissionsApplied ? "Limited by your token's record permissions" : `All ${dataset!.name.toLowerCase()}`),
      kpi('Groups', String(series.labels.length), `One per ${groupLabel.toLowerCase()}`),
      kpi(`Largest ${groupLabel.toLowerCase()}`, top >= 0 ? series.labels[top] : '—', top >= 0 ? formatMeasure(series.raw[top], measure, meta.get(measure.column)) : undefined)
    )
    clear(chartBody)
    if (showChart) renderPanelData(context, panel('explorer-chart', chartKind, true), grouped, bodyPart(chartBody), meta)
    if (showTable) renderPanelData(context, panel('explorer-table', 'table', true), grouped, bodyPart(tableBody), meta)
    context.setState('ready')
  }

  await update()
}
