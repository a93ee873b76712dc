/**
 * The data API the sandbox's widgets call (SANDBOX_PATHS): the app, its
 * dashboards (GET, and PUT from Page Builder's edit mode), single panels,
 * and queries over the demo data narrowed by the token's record permissions.
 * Every route first applies the rehearsal modes, then checks the bearer token
 * and the app (bearer-auth.ts), so handlers start from a known caller.
 *
 * The token's asset_permissions and roles (data/asset-access.ts) decide which
 * dashboards, panels, datasets and columns exist for this caller; what they
 * hide is listed with a reason, so a widget can say so. Query answers carry a
 * `security` block (data/permissions-filter.ts) and, when it has something to
 * say, the same notes in the SANDBOX_NOTICE_HEADER for the preview's log.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import {
  SANDBOX_NOTICE_HEADER,
  type Dashboard,
  type DatasetMeta,
  type HiddenAsset,
  type PanelDefinition,
  type QueryRequest,
  type QueryResult,
  type SandboxApp
} from '../../../shared/sandbox-api'
import { bearerAuth, callerOf, type ApiKeyModeOptions, type AppParams, type CallerContext } from '../bearer-auth'
import type { DashboardEdits, EditKey } from '../dashboard-edits'
import { assetAccess, demoDatasetById, filterByPermissions, parseDashboard, parseQueryRequest, runQuery, type AssetAccess, type Dataset, type PermissionOutcome, type QueryOutput } from '../../data'
import { QueryMemo } from '../../data/query-memo'
import { headerJson } from '../header-json'
import type { CallbackOnRequestHook } from '../misbehaviour'
import { sendQrveyError } from '../qrvey-error'
import type { TokenIssuer } from '../token-issuer'
import { DATA_ROUTES } from './data-paths'

export interface DataRoutesOptions {
  issuer: TokenIssuer
  /** API-key mode (development): the sandbox's key as x-api-key in place of a token. */
  keyMode?: ApiKeyModeOptions
  edits: DashboardEdits
  misbehave: CallbackOnRequestHook
}

type DashboardParams = AppParams & { dashboardId: string }
type DatasetParams = AppParams & { datasetId: string }
type PanelParams = DatasetParams & { panelId: string }

const NOT_AN_OBJECT = 'The request body must be a JSON object, sent with Content-Type: application/json'

/**
 * Claims that are not widget configuration: the security the server enforces
 * (never echoed to the page: the token is encrypted so the page cannot read
 * them) and the token's own bookkeeping.
 */
const NOT_CONFIG = new Set(['permissions', 'asset_permissions', 'assetPermissions', 'roles', 'version', 'iat', 'exp', 'iss', 'nbf', 'jti'])

export function tokenConfigOf(claims: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(claims).filter(([key]) => !NOT_CONFIG.has(key)))
}

function isObject(body: unknown): boolean {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
}

function accessOf(caller: CallerContext): AssetAccess {
  return assetAccess(caller.claims as Record<string, unknown>, { unrestricted: caller.mode === 'apiKey' })
}

/**
 * API-key mode has no security token, so record-level security has nothing to
 * apply: every row, said once in the notice header (not in the widget, which
 * shows data as the owner would see it).
 */
function apiKeyOutcome(dataset: Dataset): PermissionOutcome {
  const securityNames = dataset.meta.columns.flatMap((column) => (column.securityName ? [column.securityName] : []))
  return {
    rows: [...dataset.rows],
    applied: false,
    problems: [],
    security: { datasetId: dataset.meta.id, securityNames, applied: false, visibleRows: dataset.rows.length, missing: [], unmatched: [], notes: [] }
  }
}

export const API_KEY_MODE_NOTICE =
  'API-key mode (development only): there is no security token, so record-level security, asset_permissions and roles do not apply and every row shows. Use a token to rehearse what an end user sees.'

/** The app's data set by id, or undefined after answering 404 / 403. */
function datasetOf(caller: CallerContext, datasetId: string, reply: FastifyReply): Dataset | undefined {
  const dataset = caller.app.datasetIds.includes(datasetId) ? demoDatasetById(datasetId) : undefined
  if (!dataset) {
    sendQrveyError(reply, 404, `Unknown dataset "${datasetId}" in app ${caller.app.appId}; its datasets are: ${caller.app.datasetIds.join(', ')}`)
    return undefined
  }
  const hidden = accessOf(caller).dataset(dataset.meta.id, dataset.meta.name)
  if (hidden) {
    sendQrveyError(reply, 403, hidden.reason)
    return undefined
  }
  return dataset
}

function editKey(caller: CallerContext, dashboardId: string): EditKey {
  return { appId: caller.app.appId, userId: caller.userId, clientId: caller.clientId, dashboardId }
}

/** The dashboard as this end user last saved it, else the app's own. */
function dashboardFor(edits: DashboardEdits, caller: CallerContext, dashboardId: string): Dashboard | undefined {
  const original = caller.app.dashboards.find((dashboard) => dashboard.id === dashboardId)
  if (!original) return undefined
  return edits.get(editKey(caller, dashboardId)) ?? original
}

function unknownDashboard(reply: FastifyReply, caller: CallerContext, dashboardId: string): FastifyReply {
  const access = accessOf(caller)
  const known = caller.app.dashboards.filter((dashboard) => !access.dashboard(dashboard.id, dashboard.name)).map((dashboard) => dashboard.id).join(', ')
  return sendQrveyError(reply, 404, `Unknown dashboard "${dashboardId}" in app ${caller.app.appId}; its dashboards are: ${known || '(none this token may open)'}`)
}

/** The columns a query reads, for column-level security. */
function queryColumns(query: QueryRequest): string[] {
  return [
    ...(query.measures ?? []).map((measure) => measure.column),
    ...(query.groupBy ?? []),
    ...(query.columns ?? []),
    ...(query.sort ? [query.sort.column] : []),
    ...(query.filters ?? []).map((filter) => filter.column)
  ]
}

function columnsOf(datasetId: string): DatasetMeta['columns'] | undefined {
  return demoDatasetById(datasetId)?.meta.columns
}

/** The panels this caller may see, and the ones it may not with why. */
function visiblePanels(access: AssetAccess, panels: readonly PanelDefinition[]): { panels: PanelDefinition[]; hidden: HiddenAsset[] } {
  const shown: PanelDefinition[] = []
  const hidden: HiddenAsset[] = []
  for (const panel of panels) {
    const why = access.panel(panel, columnsOf(panel.datasetId))
    if (why) hidden.push(why)
    else shown.push(panel)
  }
  return { panels: shown, hidden }
}

export const dataRoutes: FastifyPluginAsync<DataRoutesOptions> = async (app, options) => {
  const onRequest = [options.misbehave, bearerAuth(options.issuer, options.keyMode)]

  app.get<{ Params: AppParams }>(DATA_ROUTES.app, { onRequest }, async (request) => {
    const caller = callerOf(request)
    const access = accessOf(caller)
    const hidden: NonNullable<SandboxApp['hidden']> = { dashboards: [], datasets: [], columns: [] }
    const datasets: DatasetMeta[] = []
    for (const id of caller.app.datasetIds) {
      const meta = demoDatasetById(id)?.meta
      if (!meta) continue
      const hiddenDataset = access.dataset(meta.id, meta.name)
      if (hiddenDataset) {
        hidden.datasets.push(hiddenDataset)
        continue
      }
      const columns = access.columns(meta)
      hidden.columns.push(...columns.hidden)
      datasets.push({ ...meta, columns: columns.visible })
    }
    const dashboards: SandboxApp['dashboards'] = []
    for (const { id } of caller.app.dashboards) {
      // Names as this end user saved them: Page Builder may have renamed a page.
      const name = dashboardFor(options.edits, caller, id)!.name
      const hiddenDashboard = access.dashboard(id, name)
      if (hiddenDashboard) hidden.dashboards.push(hiddenDashboard)
      else dashboards.push({ id, name })
    }
    const body: SandboxApp = {
      appId: caller.app.appId,
      name: caller.app.name,
      datasets,
      dashboards,
      tokenConfig: tokenConfigOf(caller.claims as Record<string, unknown>),
      hidden,
      personalization: {
        hasClientId: caller.clientId !== '',
        personalized: caller.clientId === '' ? [] : caller.app.dashboards.filter(({ id }) => options.edits.get(editKey(caller, id)) !== undefined).map(({ id }) => id)
      }
    }
    return body
  })

  app.get<{ Params: DashboardParams; Querystring: { version?: string } }>(DATA_ROUTES.dashboard, { onRequest }, async (request, reply) => {
    const caller = callerOf(request)
    // ?version=ORIGINAL: the app's own dashboard, whatever this end user saved (qvDSHRestoreDashboard).
    const dashboard =
      request.query.version === 'ORIGINAL'
        ? caller.app.dashboards.find((candidate) => candidate.id === request.params.dashboardId)
        : dashboardFor(options.edits, caller, request.params.dashboardId)
    if (!dashboard) return unknownDashboard(reply, caller, request.params.dashboardId)
    const access = accessOf(caller)
    const hiddenDashboard = access.dashboard(dashboard.id, dashboard.name)
    if (hiddenDashboard) return sendQrveyError(reply, 403, hiddenDashboard.reason)
    const { panels, hidden } = visiblePanels(access, dashboard.panels)
    const body: Dashboard = hidden.length > 0 ? { ...dashboard, panels, hiddenPanels: hidden } : dashboard
    return body
  })

  app.put<{ Params: DashboardParams }>(DATA_ROUTES.dashboard, { onRequest }, async (request, reply) => {
    const caller = callerOf(request)
    const { dashboardId } = request.params
    // Page Builder edits the app's pages; creating new ones is not part of the sandbox.
    const current = dashboardFor(options.edits, caller, dashboardId)
    if (!current) return unknownDashboard(reply, caller, dashboardId)
    const access = accessOf(caller)
    const hiddenDashboard = access.dashboard(current.id, current.name)
    if (hiddenDashboard) return sendQrveyError(reply, 403, hiddenDashboard.reason)
    if (!isObject(request.body)) return sendQrveyError(reply, 400, NOT_AN_OBJECT)
    const parsed = parseDashboard(request.body, caller.app, dashboardId)
    if (!parsed.ok) return sendQrveyError(reply, 400, parsed.messages)
    const refused = visiblePanels(access, parsed.dashboard.panels).hidden
    if (refused.length > 0) return sendQrveyError(reply, 403, refused.map((asset) => asset.reason))
    // The panels this token cannot see stay as they were: a restricted user's save must not delete them.
    const kept = current.panels.filter((panel) => access.panel(panel, columnsOf(panel.datasetId)) && !parsed.dashboard.panels.some((p) => p.id === panel.id))
    options.edits.save(editKey(caller, dashboardId), { ...parsed.dashboard, panels: [...parsed.dashboard.panels, ...kept] })
    return kept.length > 0 ? { ...parsed.dashboard, hiddenPanels: visiblePanels(access, kept).hidden } : parsed.dashboard
  })

  app.get<{ Params: PanelParams }>(DATA_ROUTES.panel, { onRequest }, async (request, reply) => {
    const caller = callerOf(request)
    const dataset = datasetOf(caller, request.params.datasetId, reply)
    if (!dataset) return reply
    const panels = caller.app.panels.filter((panel) => panel.datasetId === dataset.meta.id)
    const panel: PanelDefinition | undefined = panels.find((candidate) => candidate.id === request.params.panelId)
    if (panel) {
      const hidden = accessOf(caller).panel(panel, dataset.meta.columns)
      return hidden ? sendQrveyError(reply, 403, hidden.reason) : panel
    }
    const known = panels.map((candidate) => candidate.id).join(', ')
    return sendQrveyError(reply, 404, `Unknown panel "${request.params.panelId}" in dataset ${dataset.meta.id} of app ${caller.app.appId}; its panels are: ${known}`)
  })

  const outcomes = new QueryMemo<PermissionOutcome>()
  const answers = new QueryMemo<QueryOutput>()
  app.post<{ Params: DatasetParams }>(DATA_ROUTES.query, { onRequest }, async (request, reply) => {
    const caller = callerOf(request)
    const dataset = datasetOf(caller, request.params.datasetId, reply)
    if (!dataset) return reply
    if (!isObject(request.body)) return sendQrveyError(reply, 400, NOT_AN_OBJECT)
    const parsed = parseQueryRequest(request.body, dataset.meta.columns, dataset.meta.id)
    if (!parsed.ok) return sendQrveyError(reply, 400, parsed.messages)
    const access = accessOf(caller)
    const refused = [...new Set(queryColumns(parsed.request))].flatMap((id) => {
      const meta = dataset.meta.columns.find((column) => column.id === id)
      const why = meta ? access.column(meta) : undefined
      return why && meta ? [`Column ${meta.label} (${meta.id}) of ${dataset.meta.name} is ${why}.`] : []
    })
    if (refused.length > 0) return sendQrveyError(reply, 403, refused)
    // Pure functions of the frozen rows and these keys, so kept (query-memo.ts): the answers are never stale.
    const permissionsKey = `${dataset.meta.id}\u0000${caller.mode === 'apiKey' ? 'api-key mode' : JSON.stringify(caller.permissions ?? null)}`
    const visible = outcomes.get(dataset.rows, permissionsKey, () =>
      caller.mode === 'apiKey' ? apiKeyOutcome(dataset) : filterByPermissions(dataset.rows, dataset.meta.id, caller.permissions, dataset.meta.columns)
    )
    const notices = caller.mode === 'apiKey' && visible.security.securityNames.length > 0 ? [API_KEY_MODE_NOTICE] : visible.security.notes
    if (notices.length > 0) reply.header(SANDBOX_NOTICE_HEADER, headerJson(notices))
    // Withhold everything and say why, rather than guess what a broken rule meant.
    if (visible.problems.length > 0) return sendQrveyError(reply, 403, visible.problems)
    const output = answers.get(dataset.rows, `${permissionsKey}\u0000${JSON.stringify(parsed.request)}`, () => runQuery(visible.rows, parsed.request))
    const result: QueryResult = { ...output, permissionsApplied: visible.applied, security: visible.security }
    return result
  })
}
