/**
 * The offline sandbox's lists, read from its data module directly (the same
 * apps, dashboards, datasets and panels its server answers with): no HTTP,
 * no key needed. Panel types follow Single Panel's CHART / METRIC / SUMMARY.
 */
import type { DiscoveryItem, SecurityNameInfo } from '../../shared/discovery'
import { fail, ok, type Result } from '../../shared/result'
import type { PanelDefinition } from '../../shared/sandbox-api'
import { DEMO_APPS, demoDatasetById, describeDemoApps, findDemoApp, type Dataset } from '../../sandbox/data'
import type { DiscoveryQuery, DiscoverySource } from './discovery-source'

const MAX_VALUES = 200

export function panelGroup(kind: PanelDefinition['kind']): 'CHART' | 'METRIC' | 'SUMMARY' {
  return kind === 'kpi' ? 'METRIC' : kind === 'table' ? 'SUMMARY' : 'CHART'
}

function compare(a: string | number, b: string | number): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))
}

export function securityNamesOf(dataset: Dataset): SecurityNameInfo[] {
  return dataset.meta.columns.flatMap((column) => {
    if (!column.securityName) return []
    const cells = [...new Set(dataset.rows.map((row) => row[column.id]).filter((c): c is string | number => typeof c === 'string' || typeof c === 'number'))]
      .filter((c) => c !== '')
      .sort(compare)
    const values = column.type === 'text' ? cells.slice(0, MAX_VALUES) : cells.length ? [cells[0], cells[cells.length - 1]] : []
    return [{ name: column.securityName, type: column.type, values }]
  })
}

export class SandboxDiscovery implements DiscoverySource {
  readonly description = 'the offline sandbox'

  async list(query: DiscoveryQuery): Promise<Result<DiscoveryItem[]>> {
    if (query.kind === 'apps') {
      return ok(Object.values(DEMO_APPS).map((app) => ({ id: app.appId, label: app.name, hint: `${app.dashboards.length} dashboards` })))
    }
    const appid = query.appid?.trim() ?? ''
    if (!appid) return fail('INVALID_INPUT', 'Choose the appid first: the lists belong to an application.')
    const app = findDemoApp(appid)
    if (!app) return fail('NOT_FOUND', `The sandbox has no app "${appid}"; its apps are: ${describeDemoApps()}.`)
    if (query.kind === 'pages') return ok(app.dashboards.map((d) => ({ id: d.id, label: d.name, hint: `${d.panels.length} panels` })))
    if (query.kind === 'datasets') {
      return ok(
        app.datasetIds.flatMap((id) => {
          const dataset = demoDatasetById(id)
          return dataset ? [{ id, label: dataset.meta.name, hint: `${dataset.meta.rowCount} rows`, securityNames: securityNamesOf(dataset) }] : []
        })
      )
    }
    const panels = app.panels.filter((p) => !query.datasetId || p.datasetId === query.datasetId)
    return ok(panels.map((p) => ({ id: p.id, label: p.title, group: panelGroup(p.kind), datasetId: p.datasetId, hint: p.kind })))
  }
}
