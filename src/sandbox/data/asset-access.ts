/**
 * What a token's `asset_permissions` and `roles` let its user see, besides
 * rows (QRVEY.md §1):
 * - asset_permissions `{pages: {page_ids}, charts: {chart_ids}, metrics:
 *   {metric_ids}, summaries: {question_ids}, datasets: {dataset_ids}}`; the
 *   Dashboard Builder page (8.6): "Pass in string array of IDs for the assets
 *   to be whitelisted ... the others will not be visible or usable". A type
 *   left out is not restricted (QrveyDemoApp sends `asset_permissions: {}`).
 *   Qrvey 8.6 also spells the key `assetPermissions`; both are read.
 * - roles, column-level security: "Users must be members of at least one of
 *   the assigned roles for CLS in order to see data for that column"; "All
 *   users have access to all columns within a dataset by default".
 * Pure, so the routes and the tests share it.
 */
import { panelTypeOf, type ColumnMeta, type DatasetMeta, type HiddenAsset, type PanelDefinition } from '../../shared/sandbox-api'

const LISTS = {
  pages: 'page_ids',
  charts: 'chart_ids',
  metrics: 'metric_ids',
  summaries: 'question_ids',
  datasets: 'dataset_ids'
} as const
type AssetType = keyof typeof LISTS

const PANEL_ASSET = { CHART: 'charts', METRIC: 'metrics', SUMMARY: 'summaries' } as const
const PANEL_NOUN = { CHART: 'chart', METRIC: 'metric', SUMMARY: 'summary' } as const

export interface AssetAccess {
  /** Why this dashboard is hidden, or undefined when the token may open it. */
  dashboard(id: string, name: string): HiddenAsset | undefined
  dataset(id: string, name: string): HiddenAsset | undefined
  /** Why this panel is hidden (its type's list, its dataset, a column the roles may not see). */
  panel(panel: PanelDefinition, columns: readonly ColumnMeta[] | undefined): HiddenAsset | undefined
  /** The columns the token's roles may see. */
  columns(dataset: DatasetMeta): { visible: ColumnMeta[]; hidden: HiddenAsset[] }
  /** Why this column is hidden, or undefined. */
  column(column: ColumnMeta): string | undefined
}

function readLists(claims: Record<string, unknown>): Partial<Record<AssetType, string[]>> {
  const raw = claims.asset_permissions ?? claims.assetPermissions
  const lists: Partial<Record<AssetType, string[]>> = {}
  if (typeof raw !== 'object' || raw === null) return lists
  for (const [type, key] of Object.entries(LISTS) as Array<[AssetType, string]>) {
    const entry = (raw as Record<string, unknown>)[type]
    if (typeof entry !== 'object' || entry === null) continue
    const ids = (entry as Record<string, unknown>)[key]
    if (Array.isArray(ids)) lists[type] = ids.filter((id): id is string => typeof id === 'string')
  }
  return lists
}

export function readRoles(claims: Record<string, unknown>): string[] {
  const roles = claims.roles
  if (typeof roles === 'string') return roles.trim() === '' ? [] : [roles]
  if (Array.isArray(roles)) return roles.filter((role): role is string => typeof role === 'string')
  return []
}

function shown(ids: readonly string[]): string {
  return ids.length === 0 ? 'an empty list' : ids.join(', ')
}

/**
 * `unrestricted`: API-key mode, a development option without a security token,
 * so there are no asset permissions or roles to apply (the owner's view).
 */
export function assetAccess(claims: Record<string, unknown>, options: { unrestricted?: boolean } = {}): AssetAccess {
  const lists = options.unrestricted ? {} : readLists(claims)
  const roles = readRoles(claims)
  const outside = (type: AssetType, id: string): string | undefined => {
    const ids = lists[type]
    if (!ids || ids.includes(id)) return undefined
    return `not in the token's asset_permissions.${type}.${LISTS[type]} (${shown(ids)})`
  }
  const column = (meta: ColumnMeta): string | undefined => {
    if (options.unrestricted || !meta.accessRoles || meta.accessRoles.length === 0) return undefined
    if (meta.accessRoles.some((role) => roles.includes(role))) return undefined
    return `visible only to role ${meta.accessRoles.join(' or ')}; the token's roles: ${roles.length ? roles.join(', ') : 'none'}`
  }
  return {
    dashboard(id, name) {
      const reason = outside('pages', id)
      return reason ? { id, name, reason: `Dashboard "${name}" is ${reason}.` } : undefined
    },
    dataset(id, name) {
      const reason = outside('datasets', id)
      return reason ? { id, name, reason: `Dataset "${name}" is ${reason}.` } : undefined
    },
    panel(panel, columns) {
      const type = panelTypeOf(panel.kind)
      const own = outside(PANEL_ASSET[type], panel.id)
      if (own) return { id: panel.id, name: panel.title, reason: `The ${PANEL_NOUN[type]} "${panel.title}" is ${own}.` }
      const dataset = outside('datasets', panel.datasetId)
      if (dataset) return { id: panel.id, name: panel.title, reason: `"${panel.title}" uses dataset ${panel.datasetId}, which is ${dataset}.` }
      for (const id of [panel.measure.column, panel.groupBy]) {
        const meta = id === undefined ? undefined : columns?.find((candidate) => candidate.id === id)
        const why = meta ? column(meta) : undefined
        if (meta && why) return { id: panel.id, name: panel.title, reason: `"${panel.title}" uses column ${meta.label}, which is ${why}.` }
      }
      return undefined
    },
    columns(dataset) {
      const visible: ColumnMeta[] = []
      const hidden: HiddenAsset[] = []
      for (const meta of dataset.columns) {
        const why = column(meta)
        if (why) hidden.push({ id: meta.id, name: meta.label, reason: `Column ${meta.label} of ${dataset.name} is ${why}.` })
        else visible.push(meta)
      }
      return { visible, hidden }
    },
    column
  }
}
