/**
 * qvDSHDownloadDashboard's files: CSV is every panel's numbers as shown
 * (panel, group, measure, value); DATASET is the rows of the page's datasets
 * the token may see. Both are registered with the Download Manager when the
 * token has a clientid (download-manager.md: exports are filed per user ID
 * and clientid). EXCEL and PDF are not simulated offline.
 */
import type { ColumnMeta, Dashboard, QueryResult } from '../../../shared/sandbox-api'
import { SANDBOX_EXTRA_PATHS, type ExportEntry } from '../../../shared/sandbox-extras-api'
import { SandboxApiError } from '../core/api'
import { buildCsv, csvFileName, downloadText } from '../core/csv'
import { measureLabel } from '../core/format'
import { panelQuery, type ColumnIndex, type QueryCache } from '../core/panels'
import type { WidgetContext } from '../core/widget-element'

export async function dashboardCsv(context: WidgetContext, cache: QueryCache, dashboard: Dashboard, columns: ColumnIndex): Promise<{ csv: string; rows: number }> {
  const rows: Array<Array<string | number>> = []
  for (const panel of dashboard.panels) {
    const result: QueryResult = await cache.get(context.client, panel.datasetId, panelQuery(panel))
    const meta: Map<string, ColumnMeta> | undefined = columns.get(panel.datasetId)
    const label = measureLabel(panel.measure, meta?.get(panel.measure.column))
    for (const row of result.rows) {
      rows.push(panel.groupBy ? [panel.title, String(row[0]), label, row[row.length - 1]] : [panel.title, '', label, row[row.length - 1]])
    }
  }
  return { csv: buildCsv(['Panel', 'Group', 'Measure', 'Value'], rows), rows: rows.length }
}

export async function datasetCsv(context: WidgetContext, dashboard: Dashboard, columns: ColumnIndex): Promise<{ csv: string; rows: number }> {
  const datasetId = dashboard.panels[0]?.datasetId
  const meta = datasetId ? columns.get(datasetId) : undefined
  if (!datasetId || !meta) return { csv: buildCsv([], []), rows: 0 }
  const ids = [...meta.keys()]
  const result = await context.client.query(datasetId, { columns: ids, limit: 10_000 })
  return { csv: buildCsv(ids.map((id) => meta.get(id)?.label ?? id), result.rows), rows: result.rows.length }
}

/** Offers the file and files it with the Download Manager; says so when it cannot (no clientid). */
export async function deliverExport(context: WidgetContext, fileBase: string, source: string, csv: string): Promise<ExportEntry | undefined> {
  const fileName = csvFileName(fileBase)
  downloadText(fileName, csv)
  const { userId, appId } = context.client.ids
  try {
    return await context.client.request<ExportEntry>('POST', SANDBOX_EXTRA_PATHS.exports(userId, appId), { fileName, source, format: 'CSV', content: csv })
  } catch (error) {
    if (error instanceof SandboxApiError && error.status !== 401) {
      console.warn(`<${context.element.localName}> ${fileName} was downloaded but not filed for the Download Manager: ${error.messages.join('; ')}`)
      return undefined
    }
    throw error
  }
}
