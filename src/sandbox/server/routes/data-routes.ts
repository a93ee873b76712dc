/**
 * The data API the sandbox's widgets call (SANDBOX_PATHS): the app, its
 * dashboards (GET, and PUT from Page Builder's edit mode), single panels,
 * and queries over the demo data narrowed by the token's record permissions.
 * Every route first applies the rehearsal modes, then checks the bearer token
 * and the app (bearer-auth.ts), so handlers start from a known caller.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import type { Dashboard, PanelDefinition, QueryResult, SandboxApp } from '../../../shared/sandbox-api'
import { bearerAuth, callerOf, type ApiKeyModeOptions, type AppParams, type CallerContext } from '../bearer-auth'
import type { DashboardEdits, EditKey } from '../dashboard-edits'
import { demoDatasetById, filterByPermissions, parseDashboard, parseQueryRequest, runQuery, type Dataset } from '../../data'
import type { OnRequestHook } from '../misbehaviour'
import { sendQrveyError } from '../qrvey-error'
import type { TokenIssuer } from '../token-issuer'
import { DATA_ROUTES } from './data-paths'

export interface DataRoutesOptions {
  issuer: TokenIssuer
  /** API-key mode (development): the sandbox's key as x-api-key in place of a token. */
  keyMode?: ApiKeyModeOptions
  edits: DashboardEdits
  misbehave: OnRequestHook
}

type DashboardParams = AppParams & { dashboardId: string }
type DatasetParams = AppParams & { datasetId: string }
type PanelParams = DatasetParams & { panelId: string }

const NOT_AN_OBJECT = 'The request body must be a JSON object, sent with Content-Type: application/json'

function isObject(body: unknown): boolean {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
}

/** The app's data set by id, or undefined after answering 404. */
function datasetOf(caller: CallerContext, datasetId: string, reply: FastifyReply): Dataset | undefined {
  const dataset = caller.app.datasetIds.includes(datasetId) ? demoDatasetById(datasetId) : undefined
  if (!dataset) sendQrveyError(reply, 404, `Unknown dataset "${datasetId}" in app ${caller.app.appId}; its datasets are: ${caller.app.datasetIds.join(', ')}`)
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
  const known = caller.app.dashboards.map((dashboard) => dashboard.id).join(', ')
  return sendQrveyError(reply, 404, `Unknown dashboard "${dashboardId}" in app ${caller.app.appId}; its dashboards are: ${known}`)
}

export const dataRoutes: FastifyPluginAsync<DataRoutesOptions> = async (app, options) => {
  const onRequest = [options.misbehave, bearerAuth(options.issuer, options.keyMode)]

  app.get<{ Params: AppParams }>(DATA_ROUTES.app, { onRequest }, async (request) => {
    const caller = callerOf(request)
    const body: SandboxApp = {
      appId: caller.app.appId,
      name: caller.app.name,
      datasets: caller.app.datasetIds.flatMap((id) => demoDatasetById(id)?.meta ?? []),
      // Names as this end user saved them: Page Builder may have renamed a page.
      dashboards: caller.app.dashboards.map(({ id }) => ({ id, name: dashboardFor(options.edits, caller, id)!.name })),
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
    return dashboard ?? unknownDashboard(reply, caller, request.params.dashboardId)
  })

  app.put<{ Params: DashboardParams }>(DATA_ROUTES.dashboard, { onRequest }, async (request, reply) => {
    const caller = callerOf(request)
    const { dashboardId } = request.params
    // Page Builder edits the app's pages; creating new ones is not part of the sandbox.
    if (!dashboardFor(options.edits, caller, dashboardId)) return unknownDashboard(reply, caller, dashboardId)
    if (!isObject(request.body)) return sendQrveyError(reply, 400, NOT_AN_OBJECT)
    const parsed = parseDashboard(request.body, caller.app, dashboardId)
    if (!parsed.ok) return sendQrveyError(reply, 400, parsed.messages)
    options.edits.save(editKey(caller, dashboardId), parsed.dashboard)
    return parsed.dashboard
  })

  app.get<{ Params: PanelParams }>(DATA_ROUTES.panel, { onRequest }, async (request, reply) => {
    const caller = callerOf(request)
    const dataset = datasetOf(caller, request.params.datasetId, reply)
    if (!dataset) return reply
    const panels = caller.app.panels.filter((panel) => panel.datasetId === dataset.meta.id)
    const panel: PanelDefinition | undefined = panels.find((candidate) => candidate.id === request.params.panelId)
    if (panel) return panel
    const known = panels.map((candidate) => candidate.id).join(', ')
    return sendQrveyError(reply, 404, `Unknown panel "${request.params.panelId}" in dataset ${dataset.meta.id} of app ${caller.app.appId}; its panels are: ${known}`)
  })

  app.post<{ Params: DatasetParams }>(DATA_ROUTES.query, { onRequest }, async (request, reply) => {
    const caller = callerOf(request)
    const dataset = datasetOf(caller, request.params.datasetId, reply)
    if (!dataset) return reply
    if (!isObject(request.body)) return sendQrveyError(reply, 400, NOT_AN_OBJECT)
    const parsed = parseQueryRequest(request.body, dataset.meta.columns, dataset.meta.id)
    if (!parsed.ok) return sendQrveyError(reply, 400, parsed.messages)
    const visible = filterByPermissions(dataset.rows, dataset.meta.id, caller.permissions, dataset.meta.columns)
    // Withhold everything and say why, rather than guess what a broken rule meant.
    if (visible.problems.length > 0) return sendQrveyError(reply, 403, visible.problems)
    const result: QueryResult = { ...runQuery(visible.rows, parsed.request), permissionsApplied: visible.applied }
    return result
  })
}
