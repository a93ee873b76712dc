/**
 * Validation of a dashboard Page Builder saves (PUT): the shared Dashboard
 * shape, strictly (an unknown key is a contract mismatch worth a 400, not a
 * silent drop), plus what only the app knows: its data sets and their columns.
 */
import { z } from 'zod'
import type { Dashboard } from '../../shared/sandbox-api'
import { issueMessages } from '../../shared/validation-messages'
import type { DemoApp } from './demo-apps'
import { AGGREGATES } from './query-schema'
import { demoDatasetById } from './registry'

const GRID_COLUMNS = 12
const int = (name: string, min: number, max: number) =>
  z.number({ error: `${name} must be a number` }).int(`${name} must be a whole number`).min(min, `${name} must be from ${min} to ${max}`).max(max, `${name} must be from ${min} to ${max}`)

const panelSchema = z.strictObject({
  id: z.string({ error: 'id must be a text' }).min(1, 'id must not be empty').max(100),
  title: z.string({ error: 'title must be a text' }).max(200),
  kind: z.enum(['kpi', 'bar', 'line', 'pie', 'table'], { error: 'kind must be one of kpi, bar, line, pie, table' }),
  datasetId: z.string({ error: 'datasetId must be a text' }).min(1),
  measure: z.strictObject({
    column: z.string({ error: 'column must be a text' }).min(1),
    aggregate: z.enum(AGGREGATES, { error: `aggregate must be one of ${AGGREGATES.join(', ')}` })
  }),
  groupBy: z.string().min(1).optional(),
  layout: z.strictObject({ x: int('x', 0, GRID_COLUMNS - 1), y: int('y', 0, 1000), w: int('w', 1, GRID_COLUMNS), h: int('h', 1, 100) })
})

const dashboardShape = z.strictObject({
  id: z.string({ error: 'id must be a text' }).min(1),
  name: z.string({ error: 'name must be a text' }).trim().min(1, 'name must not be empty').max(200),
  panels: z.array(panelSchema, { error: 'panels must be a list' }).max(50, 'a dashboard holds at most 50 panels')
})

export type ParsedDashboard = { ok: true; dashboard: Dashboard } | { ok: false; messages: string[] }

export function parseDashboard(body: unknown, app: DemoApp, dashboardId: string): ParsedDashboard {
  const schema = dashboardShape.superRefine((dashboard, ctx) => {
    if (dashboard.id !== dashboardId) ctx.addIssue({ code: 'custom', path: ['id'], message: `id must be "${dashboardId}", the dashboard in the URL` })
    const seen = new Set<string>()
    dashboard.panels.forEach((panel, index) => {
      const at = (...path: PropertyKey[]) => ['panels', index, ...path]
      if (seen.has(panel.id)) ctx.addIssue({ code: 'custom', path: at('id'), message: `panel id "${panel.id}" is used twice` })
      seen.add(panel.id)
      if (panel.layout.x + panel.layout.w > GRID_COLUMNS) ctx.addIssue({ code: 'custom', path: at('layout'), message: `x + w must be at most ${GRID_COLUMNS}` })
      if (panel.kind === 'kpi' && panel.groupBy !== undefined) ctx.addIssue({ code: 'custom', path: at('groupBy'), message: 'a kpi shows one number; leave groupBy out' })
      if (panel.kind !== 'kpi' && panel.groupBy === undefined) ctx.addIssue({ code: 'custom', path: at('groupBy'), message: `a ${panel.kind} needs groupBy` })

      const dataset = app.datasetIds.includes(panel.datasetId) ? demoDatasetById(panel.datasetId) : undefined
      if (!dataset) {
        ctx.addIssue({ code: 'custom', path: at('datasetId'), message: `unknown dataset "${panel.datasetId}"; app ${app.appId} has: ${app.datasetIds.join(', ')}` })
        return
      }
      const columns = dataset.meta.columns
      const list = columns.map((column) => column.id).join(', ')
      const measureColumn = columns.find((column) => column.id === panel.measure.column)
      if (!measureColumn) {
        ctx.addIssue({ code: 'custom', path: at('measure', 'column'), message: `unknown column "${panel.measure.column}"; the columns of ${dataset.meta.id} are: ${list}` })
      } else if ((panel.measure.aggregate === 'sum' || panel.measure.aggregate === 'avg') && measureColumn.type !== 'number') {
        ctx.addIssue({ code: 'custom', path: at('measure', 'aggregate'), message: `${panel.measure.aggregate} needs a number column; "${measureColumn.id}" is ${measureColumn.type}` })
      }
      if (panel.groupBy !== undefined && !columns.some((column) => column.id === panel.groupBy)) {
        ctx.addIssue({ code: 'custom', path: at('groupBy'), message: `unknown column "${panel.groupBy}"; the columns of ${dataset.meta.id} are: ${list}` })
      }
    })
  })
  const parsed = schema.safeParse(body)
  return parsed.success ? { ok: true, dashboard: parsed.data } : { ok: false, messages: issueMessages(parsed.error) }
}
