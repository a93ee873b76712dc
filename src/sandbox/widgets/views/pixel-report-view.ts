/**
 * Pixel-perfect Reports (`qrvey-pixel-builder`, pixel-perfect-reports.md):
 * without `reportId` "this embeds the 'browse all reports' page"; with one,
 * the report over the demo data (record permissions applied by the server)
 * as printed pages with a pager. `parameterValues` override the report's
 * parameters (`{ parameterName: paramVal }`); `defaultMode` "preview" shows
 * the pages only, "design" (the default) adds the report's structure beside
 * them, with editing marked as not simulated.
 */
import type { QueryResult } from '../../../shared/sandbox-api'
import { SANDBOX_PATHS } from '../../../shared/sandbox-api'
import { SANDBOX_EXTRA_PATHS, type ReportDefinition } from '../../../shared/sandbox-extras-api'
import { configObject, configText } from '../core/config'
import { clear, h, icon } from '../core/dom'
import { formatNumber } from '../core/format'
import { notSimulatedCard } from '../core/not-simulated'
import { localeOf } from '../core/presentation'
import { header, messageBox, type WidgetContext } from '../core/widget-element'
import { layoutReport, type ReportLine } from './pixel-report-layout'

export async function runPixelReport(context: WidgetContext): Promise<void> {
  const { client, config, shell } = context
  const { userId, appId } = client.ids
  const reportId = configText(config, 'reportId', 'report_id')
  const mode = (configText(config, 'defaultMode') ?? 'design').toLowerCase()
  if (mode !== 'design' && mode !== 'preview') console.warn(`<${context.element.localName}> defaultMode is "preview" or "design" (pixel-perfect-reports.md); got "${mode}", using "design".`)

  if (reportId === undefined) {
    const reports = await client.request<ReportDefinition[]>('GET', SANDBOX_EXTRA_PATHS.reports(userId, appId))
    clear(shell)
    const list = h('div', { class: 'qv-list', data: { qv: 'report-list' } })
    for (const report of reports) {
      list.append(
        h('button', { class: 'qv-list-item', data: { qv: 'report-item', reportId: report.id }, attrs: { type: 'button' }, on: { click: () => context.action(() => openReport(report.id)) } }, [
          icon('table'),
          h('div', {}, [h('div', { class: 'qv-list-title', text: report.name }), h('div', { class: 'qv-list-sub', text: report.description })])
        ])
      )
    }
    if (reports.length === 0) list.append(h('div', { class: 'qv-empty', text: 'This application has no pixel-perfect reports.' }))
    shell.append(header('Pixel-perfect Reports', 'All reports'), h('div', { class: 'qv-body' }, list))
    context.setState('ready')
    return
  }
  await openReport(reportId)

  async function openReport(id: string): Promise<void> {
    context.setState('loading')
    const report = await client.request<ReportDefinition>('GET', SANDBOX_EXTRA_PATHS.report(userId, appId, id))
    const parameters = configObject(config, 'parameterValues') ?? {}
    const filters = report.parameters.flatMap((parameter) => {
      const value = parameters[parameter.name]
      if (value === undefined || value === null || value === '') return []
      const values = (Array.isArray(value) ? value : [value]).filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
      return values.length > 0 ? [{ column: parameter.column, values }] : []
    })
    for (const name of Object.keys(parameters)) {
      if (!report.parameters.some((p) => p.name === name)) console.warn(`<${context.element.localName}> parameterValues.${name} is not a parameter of "${report.name}" (its parameters: ${report.parameters.map((p) => p.name).join(', ')}).`)
    }
    const result = await client.request<QueryResult>('POST', SANDBOX_PATHS.query(userId, appId, report.datasetId), {
      columns: [...report.columns.map((c) => c.column), report.groupBy],
      sort: report.sort,
      limit: 10_000,
      ...(filters.length > 0 ? { filters } : {})
    })
    if (context.signal.aborted) return
    const layout = layoutReport(report, result.columns, result.rows)
    const locale = localeOf(config)
    const money = (column: string) => /revenue|price|amount/i.test(column)
    const cell = (value: unknown, column: string): string =>
      typeof value === 'number' ? formatNumber(value, { currency: money(column), integer: !money(column) }, locale) : String(value ?? '')
    let page = 0
    const printed = new Date().toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric' })
    const paramText = filters.map((f) => `${report.parameters.find((p) => p.column === f.column)?.label ?? f.column}: ${f.values.join(', ')}`).join(' · ')

    const pagesEl = h('div', { class: 'qv-pages', data: { qv: 'report-pages' } })
    const pagerEl = h('div', { class: 'qv-pager' })

    function lineRow(line: ReportLine): HTMLElement {
      const numeric = (i: number) => report.columns[i].total === true
      switch (line.kind) {
        case 'group':
          return h('tr', { class: 'qv-group-row', data: { qv: 'report-group' } }, [h('td', { attrs: { colspan: report.columns.length }, text: line.value })])
        case 'row':
          return h('tr', { data: { qv: 'report-row' } }, line.cells.map((v, i) => h('td', { class: numeric(i) ? 'qv-num' : '', text: cell(v, report.columns[i].column) })))
        case 'subtotal':
        case 'grand':
          return h(
            'tr',
            { class: line.kind === 'grand' ? 'qv-grand-row' : 'qv-subtotal-row', data: { qv: line.kind === 'grand' ? 'report-grand-total' : 'report-subtotal', value: String(line.totals.find((t) => t !== undefined && report.columns[line.totals.indexOf(t)].column === 'revenue') ?? '') } },
            line.totals.map((t, i) => h('td', { class: numeric(i) ? 'qv-num' : '', text: t !== undefined ? cell(t, report.columns[i].column) : i === 0 ? (line.kind === 'grand' ? 'Grand total' : `Total ${line.value}`) : '' }))
          )
      }
    }

    function renderPage(): void {
      clear(pagesEl)
      const lines = layout.pages[page] ?? []
      pagesEl.append(
        h('article', { class: 'qv-page', data: { qv: 'report-page', page: page + 1 }, attrs: { 'aria-label': `Page ${page + 1} of ${layout.pages.length}` } }, [
          h('div', { class: 'qv-page-head' }, [
            h('div', {}, [h('div', { class: 'qv-page-title', text: report.name }), h('div', { class: 'qv-page-meta', text: paramText || 'All records' })]),
            h('div', { class: 'qv-page-meta' }, [`Printed ${printed}`, h('br'), `${formatNumber(layout.rowCount, { currency: false, integer: true }, locale)} rows in ${layout.groups} groups`])
          ]),
          h('table', {}, [
            h('thead', {}, h('tr', {}, report.columns.map((c) => h('th', { class: c.total ? 'qv-num' : '', text: c.label })))),
            h('tbody', {}, lines.map(lineRow))
          ]),
          h('div', { class: 'qv-page-foot' }, [h('span', { text: 'Qrvey sandbox · sample data' }), h('span', { data: { qv: 'page-number' }, text: `Page ${page + 1} of ${layout.pages.length}` })])
        ])
      )
      clear(pagerEl)
      pagerEl.append(
        h('button', { class: 'qv-btn', data: { qv: 'page-prev' }, attrs: { type: 'button', disabled: page === 0 }, on: { click: () => go(page - 1) } }, [icon('left'), 'Previous']),
        h('span', { class: 'qv-meta', data: { qv: 'page-status' }, text: `Page ${page + 1} of ${layout.pages.length}` }),
        h('button', { class: 'qv-btn', data: { qv: 'page-next' }, attrs: { type: 'button', disabled: page >= layout.pages.length - 1 }, on: { click: () => go(page + 1) } }, ['Next', icon('right')])
      )
    }

    function go(next: number): void {
      page = Math.min(Math.max(0, next), layout.pages.length - 1)
      renderPage()
    }

    clear(shell)
    shell.append(header(report.name, mode === 'preview' ? 'Pixel-perfect report · preview' : 'Pixel-perfect report · design'))
    const toolbar = h('div', { class: 'qv-toolbar' }, [
      h('div', {}, [h('h2', { class: 'qv-title', text: report.name }), h('div', { class: 'qv-meta', text: report.description })]),
      h('div', { class: 'qv-actions' }, pagerEl)
    ])
    shell.append(toolbar)
    if (mode === 'design' || (mode !== 'preview' && mode !== 'design')) {
      const structure = h('aside', { class: 'qv-side', data: { qv: 'report-structure' } }, [
        h('div', { class: 'qv-label', text: 'Bands' }),
        h('p', { class: 'qv-meta', text: `Group by ${report.groupBy}; sorted by ${report.sort.column} ${report.sort.direction}` }),
        h('div', { class: 'qv-label', text: 'Fields' }),
        h('ul', {}, report.columns.map((c) => h('li', { text: `${c.label}${c.total ? ' (summed)' : ''}` }))),
        h('div', { class: 'qv-label', text: 'Parameters' }),
        h('ul', {}, report.parameters.map((p) => h('li', { text: `${p.name} → ${p.label}` })))
      ])
      shell.append(notSimulatedCard(context.element.localName, 'Editing a report layout (design mode)', 'The report is shown as it prints; set defaultMode: "preview" for the pages only.'))
      shell.append(h('div', { class: 'qv-split' }, [structure, pagesEl]))
    } else {
      shell.append(pagesEl)
    }
    if (result.rows.length === 0) shell.append(messageBox({ title: 'No rows', text: 'The report has no rows for these parameters and this token.' }))
    renderPage()
    context.setState('ready')
  }
}
