/**
 * Report Builder (`qrvey-builders` with `reports_dashboard: true`): a table
 * of raw rows (QueryRequest `columns` + `sort` + `limit`) with column
 * checkboxes, click-to-sort headers, a row count, and CSV export built in the
 * browser (all rows the token may see, not only the page shown).
 */
import type { ColumnMeta, DatasetMeta, QueryRequest, QueryResult } from '../../../shared/sandbox-api'
import { configText } from '../core/config'
import { hiddenAssetsNote, securityNote } from '../core/security-note'
import { buildCsv, csvFileName, downloadText } from '../core/csv'
import { clear, h, icon } from '../core/dom'
import { formatCell, formatNumber } from '../core/format'
import { permissionsPill } from '../core/panels'
import { header, messageBox, type WidgetContext } from '../core/widget-element'

export interface ReportExport {
  csv: string
  fileName: string
  rows: number
}

export interface ReportBuilderOptions {
  product: string
  onExport(result: ReportExport): void
}

const PAGE_SIZES = [50, 100, 500, 1000]
/** The data API's largest `limit`. */
const EXPORT_LIMIT = 10_000

type Sort = NonNullable<QueryRequest['sort']>

export async function runReportBuilder(context: WidgetContext, options: ReportBuilderOptions): Promise<void> {
  const { client, config, shell } = context
  const app = await client.getApp()
  if (app.datasets.length === 0) {
    context.setState('ready')
    clear(shell)
    shell.append(header(app.name, options.product), h('div', { class: 'qv-loading', data: { qv: 'empty' }, text: 'This application has no datasets to report on.' }))
    return
  }
  const wanted = configText(config, 'qrveyId', 'qrvey_id', 'qrveyid', 'datasetId')
  let dataset: DatasetMeta = app.datasets.find((d) => d.id === wanted) ?? app.datasets[0]
  let selected: string[] = dataset.columns.slice(0, 6).map((c) => c.id)
  let sort: Sort | undefined
  let limit = 100
  let last: QueryResult | undefined
  let seq = 0

  const sideEl = h('aside', { class: 'qv-side' })
  const cardEl = h('section', { class: 'qv-card', data: { qv: 'report' } })
  clear(shell)
  shell.append(header(app.name, options.product), h('div', { class: 'qv-split' }, [sideEl, cardEl]))
  // Columns the token's roles may not see (column-level security) are left out; say so.
  const hiddenColumns = [...(app.hidden?.datasets ?? []), ...(app.hidden?.columns ?? [])]
  if (hiddenColumns.length > 0) shell.insertBefore(hiddenAssetsNote('Hidden from this token', hiddenColumns), shell.children[1])
  if (wanted !== undefined && dataset.id !== wanted) {
    shell.insertBefore(messageBox({ title: 'Dataset not found', text: `qrveyId "${wanted}" is not a dataset of this application; showing "${dataset.name}" instead.` }), shell.children[1])
  }

  const columnOf = (id: string): ColumnMeta | undefined => dataset.columns.find((c) => c.id === id)
  const query = (rowLimit: number): QueryRequest => ({ columns: selected, ...(sort ? { sort } : {}), limit: rowLimit })

  function renderSide(): void {
    clear(sideEl)
    const datasetSelect = h(
      'select',
      {
        class: 'qv-select',
        data: { qv: 'dataset-select' },
        attrs: { 'aria-label': 'Dataset' },
        on: {
          change: (event) => {
            const next = app.datasets.find((d) => d.id === (event.target as HTMLSelectElement).value)
            if (!next) return
            dataset = next
            selected = dataset.columns.slice(0, 6).map((c) => c.id)
            sort = undefined
            renderSide()
            context.action(refresh)
          }
        }
      },
      app.datasets.map((d) => h('option', { attrs: { value: d.id, selected: d.id === dataset.id }, text: d.name }))
    )
    const checks = dataset.columns.map((column) => {
      const input = h('input', {
        data: { qv: 'report-column', column: column.id },
        attrs: { type: 'checkbox', checked: selected.includes(column.id) },
        on: {
          change: () => {
            // Keep the dataset's column order whatever the click order.
            selected = dataset.columns.filter((c) => (c.id === column.id ? input.checked : selected.includes(c.id))).map((c) => c.id)
            if (sort && !selected.includes(sort.column)) sort = undefined
            context.action(refresh)
          }
        }
      })
      return h('label', { class: 'qv-check' }, [input, column.label, h('span', { class: 'qv-type', text: column.type })])
    })
    const limitSelect = h(
      'select',
      {
        class: 'qv-select',
        data: { qv: 'row-limit' },
        attrs: { 'aria-label': 'Rows shown' },
        on: {
          change: (event) => {
            limit = Number((event.target as HTMLSelectElement).value)
            context.action(refresh)
          }
        }
      },
      PAGE_SIZES.map((n) => h('option', { attrs: { value: n, selected: n === limit }, text: `${n} rows` }))
    )
    sideEl.append(
      h('div', { class: 'qv-field' }, [h('span', { class: 'qv-label', text: 'Dataset' }), datasetSelect]),
      h('div', { class: 'qv-field' }, [h('span', { class: 'qv-label', text: `Columns (${selected.length} of ${dataset.columns.length})` }), h('div', { class: 'qv-checks' }, checks)]),
      h('div', { class: 'qv-field' }, [h('span', { class: 'qv-label', text: 'Show' }), limitSelect])
    )
  }

  function rowCountText(result: QueryResult): string {
    const shown = result.rows.length
    return shown < result.totalRows
      ? `Showing ${formatNumber(shown, { currency: false, integer: true })} of ${formatNumber(result.totalRows, { currency: false, integer: true })} rows`
      : `${formatNumber(result.totalRows, { currency: false, integer: true })} row${result.totalRows === 1 ? '' : 's'}`
  }

  function toggleSort(column: string): void {
    sort = sort?.column === column ? { column, direction: sort.direction === 'asc' ? 'desc' : 'asc' } : { column, direction: 'asc' }
    context.action(refresh)
  }

  function renderCard(result: QueryResult | undefined, loading: boolean): void {
    clear(cardEl)
    const exportButton = h('button', {
      class: 'qv-btn',
      data: { qv: 'export-csv' },
      attrs: { type: 'button', disabled: !result || result.totalRows === 0 || loading },
      on: { click: () => context.action(exportCsv) }
    }, [icon('download'), 'Export CSV'])
    cardEl.append(
      h('div', { class: 'qv-card-head' }, [
        h('span', { class: 'qv-card-title', text: dataset.name }),
        result
          ? h('span', { class: 'qv-meta', data: { qv: 'row-count', total: result.totalRows, shown: result.rows.length }, text: rowCountText(result) })
          : h('span', { class: 'qv-meta', text: 'Loading…' }),
        result?.permissionsApplied ? permissionsPill() : null,
        h('div', { class: 'qv-spacer' }),
        exportButton
      ])
    )
    if (selected.length === 0) {
      cardEl.append(h('div', { class: 'qv-empty', data: { qv: 'empty' }, text: 'Choose at least one column.' }))
      return
    }
    if (!result) {
      cardEl.append(h('div', { class: 'qv-skeleton qv-skeleton-block', style: { minHeight: '240px' } }))
      return
    }
    const columns = result.columns.map((id) => columnOf(id) ?? { id, label: id, type: 'text' as const })
    const head = h(
      'tr',
      {},
      columns.map((column) => {
        const direction = sort?.column === column.id ? sort.direction : undefined
        return h('th', { class: column.type === 'number' ? 'qv-num' : '', data: { qv: 'report-header', column: column.id }, attrs: { 'aria-sort': direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none' } }, [
          h('button', { class: 'qv-sort', attrs: { type: 'button', title: `Sort by ${column.label}` }, on: { click: () => toggleSort(column.id) } }, [
            column.label,
            direction ? icon(direction === 'asc' ? 'up' : 'down') : null
          ])
        ])
      })
    )
    const body = result.rows.map((row, r) =>
      h(
        'tr',
        {},
        columns.map((column, c) =>
          h('td', { class: column.type === 'number' ? 'qv-num' : '', data: { qv: 'report-cell', column: column.id, row: r, value: String(row[c] ?? '') }, text: formatCell(row[c], column) })
        )
      )
    )
    cardEl.append(
      h('div', { class: 'qv-table-wrap qv-report-table' }, [
        h('table', { class: 'qv-table', data: { qv: 'report-table' } }, [h('thead', {}, head), h('tbody', {}, body)])
      ])
    )
    if (result.security && result.security.notes.length > 0) cardEl.append(securityNote(result.security))
    else if (result.rows.length === 0) cardEl.append(h('div', { class: 'qv-empty', text: 'No rows.' }))
  }

  async function refresh(): Promise<void> {
    const mine = ++seq
    context.setState('loading')
    renderCard(last && last.columns.join() === selected.join() ? last : undefined, true)
    if (selected.length === 0) {
      last = undefined
      renderCard(undefined, false)
      context.setState('ready')
      return
    }
    try {
      const result = await client.query(dataset.id, query(limit))
      if (mine !== seq || context.signal.aborted) return
      last = result
      renderCard(result, false)
      context.setState('ready')
    } catch (error) {
      if (mine !== seq) return
      context.setState('error')
      const slot = h('div', {})
      cardEl.append(slot)
      context.showLocalError(error, slot)
    }
  }

  async function exportCsv(): Promise<void> {
    if (!last || selected.length === 0) return
    const button = cardEl.querySelector<HTMLButtonElement>('[data-qv="export-csv"]')
    if (button) button.disabled = true
    try {
      // The table may show a page; the export has every row the token allows.
      const all = last.rows.length >= last.totalRows ? last : await client.query(dataset.id, query(Math.min(last.totalRows, EXPORT_LIMIT)))
      if (context.signal.aborted) return
      const labels = all.columns.map((id) => columnOf(id)?.label ?? id)
      const csv = buildCsv(labels, all.rows)
      const fileName = csvFileName(`${dataset.name} report`)
      options.onExport({ csv, fileName, rows: all.rows.length })
      downloadText(fileName, csv)
      const count = formatNumber(all.rows.length, { currency: false, integer: true })
      context.toast(all.rows.length < all.totalRows ? `Exported the first ${count} rows (the most one export holds) to ${fileName}` : `Exported ${count} rows to ${fileName}`)
    } finally {
      if (button) button.disabled = false
    }
  }

  renderSide()
  await refresh()
}
