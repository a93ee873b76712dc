/**
 * The host-backend list endpoints (DEV_API_PATHS in src/shared/sandbox-api.ts),
 * called with `x-api-key` like the Generate Token API: applications, pages
 * (dashboards), datasets with their security names and values, and the
 * panels Single Panel can show. Shapes follow what Qrvey's QrveyDemoApp reads
 * (`response.Items`, `item.pageid`, `item.name`, `Items[0].datasetId`). Any
 * userid may list (the sandbox has no user directory, as for tokens).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import {
  panelTypeOf,
  type DevApiApp,
  type DevApiDataset,
  type DevApiList,
  type DevApiPage,
  type DevApiPanel,
  type DevApiSecurityColumn,
  type PanelType
} from '../../../shared/sandbox-api'
import { apiKeyCheck } from '../api-key-check'
import type { SandboxControl } from '../control'
import { DEMO_APPS, demoDatasetById, describeDemoApps, findDemoApp, type Dataset, type DemoApp } from '../../data'
import { compareCells } from '../../data/values'
import type { CallbackOnRequestHook } from '../misbehaviour'
import { sendQrveyError } from '../qrvey-error'

export interface DevApiRoutesOptions {
  apiKey: string
  control: SandboxControl
  misbehave: CallbackOnRequestHook
}

export const DEV_API_ROUTES = {
  apps: '/devapi/v4/user/:userId/app/all',
  pages: '/devapi/v3/user/:userId/app/:appId/builder/page/',
  datasets: '/devapi/v4/user/:userId/app/:appId/qollect/dataset/all',
  dataset: '/devapi/v4/user/:userId/app/:appId/qollect/dataset/:datasetId',
  panels: '/devapi/v4/user/:userId/app/:appId/qrvey/:datasetId/analytiq/chart/all'
} as const

const DEFAULT_LIMIT = 100
const MAX_LIMIT = 1000
const MAX_TEXT_VALUES = 200
const ID_KEYS = { CHART: 'chartId', METRIC: 'metricId', SUMMARY: 'summaryId' } as const

type AppParams = { userId: string; appId: string }

function list<T>(items: T[], limit: number): DevApiList<T> {
  const Items = items.slice(0, limit)
  return { Items, Count: Items.length }
}

/** `?limit=` or a body's `limit`; the default is QrveyDemoApp's 100. */
function limitOf(request: FastifyRequest): number | string {
  const query = (request.query ?? {}) as Record<string, unknown>
  const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>
  const raw = query.limit ?? body.limit
  if (raw === undefined || raw === '') return DEFAULT_LIMIT
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1 || value > MAX_LIMIT) return `limit must be a whole number from 1 to ${MAX_LIMIT}; got ${JSON.stringify(raw)}`
  return value
}

function appOf(params: AppParams, reply: FastifyReply): DemoApp | undefined {
  const app = findDemoApp(params.appId)
  if (!app) sendQrveyError(reply, 404, `Unknown app "${params.appId}"; the sandbox's demo apps are: ${describeDemoApps()}`)
  return app
}

function datasetIn(app: DemoApp, datasetId: string, reply: FastifyReply): Dataset | undefined {
  const dataset = app.datasetIds.includes(datasetId) ? demoDatasetById(datasetId) : undefined
  if (!dataset) sendQrveyError(reply, 404, `Unknown dataset "${datasetId}" in app ${app.appId}; its datasets are: ${app.datasetIds.join(', ')}`)
  return dataset
}

function securityColumns(dataset: Dataset): DevApiSecurityColumn[] {
  return dataset.meta.columns.flatMap((column) => {
    if (!column.securityName) return []
    const cells = [...new Set(dataset.rows.map((row) => row[column.id]).filter((cell) => cell !== undefined && cell !== ''))].sort(compareCells)
    const values = column.type === 'text' ? cells.slice(0, MAX_TEXT_VALUES) : cells.length > 0 ? [cells[0], cells[cells.length - 1]] : []
    return [{ security_name: column.securityName, column: column.id, type: column.type, values }]
  })
}

function datasetItem(app: DemoApp, dataset: Dataset): DevApiDataset {
  return {
    datasetId: dataset.meta.id,
    qrveyid: dataset.meta.id,
    name: dataset.meta.name,
    appid: app.appId,
    rowCount: dataset.meta.rowCount,
    securityColumns: securityColumns(dataset),
    columns: dataset.meta.columns.map(({ id, label, type, accessRoles }) => ({ id, label, type, ...(accessRoles ? { accessRoles: [...accessRoles] } : {}) }))
  }
}

/** QrveyDemoApp's lookup: `{filters: [{filterType: "CONTAINS", column: "search", value}]}` matches names and ids. */
function searchTerms(request: FastifyRequest): string[] {
  const body = request.body as { filters?: unknown } | undefined
  const filters = Array.isArray(body?.filters) ? body.filters : []
  return filters.flatMap((filter: unknown) => {
    const value = (filter as { value?: unknown } | null)?.value
    return typeof value === 'string' && value.trim() !== '' ? [value.trim().toLowerCase()] : []
  })
}

export const devApiRoutes: FastifyPluginAsync<DevApiRoutesOptions> = async (app, options) => {
  const onRequest = [options.misbehave, apiKeyCheck(options.apiKey, options.control)]

  const apps = async (request: FastifyRequest, reply: FastifyReply) => {
    const limit = limitOf(request)
    if (typeof limit === 'string') return sendQrveyError(reply, 400, limit)
    const items: DevApiApp[] = Object.values(DEMO_APPS).map((demo) => ({
      appid: demo.appId,
      name: demo.name,
      description: `Sandbox demo app: ${demo.dashboards.length} dashboards on ${demo.datasetIds.join(', ')}`,
      datasetIds: [...demo.datasetIds]
    }))
    return list(items, limit)
  }
  app.get(DEV_API_ROUTES.apps, { onRequest }, apps)
  app.post(DEV_API_ROUTES.apps, { onRequest }, apps)

  app.get<{ Params: AppParams }>(DEV_API_ROUTES.pages, { onRequest }, async (request, reply) => {
    const limit = limitOf(request)
    if (typeof limit === 'string') return sendQrveyError(reply, 400, limit)
    const demo = appOf(request.params, reply)
    if (!demo) return reply
    const items: DevApiPage[] = demo.dashboards.map((dashboard) => ({
      pageid: dashboard.id,
      name: dashboard.name,
      appid: demo.appId,
      published: true,
      panelCount: dashboard.panels.length
    }))
    return list(items, limit)
  })

  const datasets = async (request: FastifyRequest<{ Params: AppParams }>, reply: FastifyReply) => {
    const limit = limitOf(request)
    if (typeof limit === 'string') return sendQrveyError(reply, 400, limit)
    const demo = appOf(request.params, reply)
    if (!demo) return reply
    const terms = searchTerms(request)
    const items = demo.datasetIds
      .flatMap((id) => demoDatasetById(id) ?? [])
      .map((dataset) => datasetItem(demo, dataset))
      .filter((item) => terms.every((term) => `${item.name} ${item.datasetId}`.toLowerCase().includes(term)))
    return list(items, limit)
  }
  app.get<{ Params: AppParams }>(DEV_API_ROUTES.datasets, { onRequest }, datasets)
  app.post<{ Params: AppParams }>(DEV_API_ROUTES.datasets, { onRequest }, datasets)

  app.get<{ Params: AppParams & { datasetId: string } }>(DEV_API_ROUTES.dataset, { onRequest }, async (request, reply) => {
    const demo = appOf(request.params, reply)
    if (!demo) return reply
    const dataset = datasetIn(demo, request.params.datasetId, reply)
    return dataset ? datasetItem(demo, dataset) : reply
  })

  app.get<{ Params: AppParams & { datasetId: string }; Querystring: { type?: string } }>(DEV_API_ROUTES.panels, { onRequest }, async (request, reply) => {
    const limit = limitOf(request)
    if (typeof limit === 'string') return sendQrveyError(reply, 400, limit)
    const demo = appOf(request.params, reply)
    if (!demo) return reply
    const dataset = datasetIn(demo, request.params.datasetId, reply)
    if (!dataset) return reply
    const wanted = request.query.type?.trim().toUpperCase()
    if (wanted !== undefined && wanted !== '' && !(wanted in ID_KEYS)) return sendQrveyError(reply, 400, `type must be CHART, METRIC or SUMMARY; got "${request.query.type}"`)
    const items: DevApiPanel[] = demo.panels
      .filter((panel) => panel.datasetId === dataset.meta.id)
      .map((panel) => {
        const type: PanelType = panelTypeOf(panel.kind)
        return { id: panel.id, type, title: panel.title, datasetId: panel.datasetId, idKey: ID_KEYS[type] }
      })
      .filter((panel) => !wanted || panel.type === wanted)
    return list(items, limit)
  })
}
