/**
 * Validation of a QueryRequest (src/shared/sandbox-api.ts) against one data
 * set's columns. Shape errors and meaning errors (an unknown column, a sum of
 * a text column) come out as zod issues with paths, so the route's 400 names
 * the field the same way the token route does: `measures[0].column: ...`.
 */
import { z } from 'zod'
import { FILTER_VALIDATION_TYPES, type ColumnMeta, type QueryRequest } from '../../shared/sandbox-api'
import { issueMessages } from '../../shared/validation-messages'

export const AGGREGATES = ['sum', 'count', 'avg', 'min', 'max'] as const
export const MAX_QUERY_LIMIT = 10_000

const columnId = z.string({ error: 'must be a column id' }).min(1, 'must be a column id')

const bound = z.union([z.string(), z.number()])
const rangeBound = z
  .strictObject({ gt: bound.optional(), gte: bound.optional(), lt: bound.optional(), lte: bound.optional() })
  .refine((b) => Object.keys(b).length > 0, 'a RANGE bound needs gt, gte, lt or lte')

const measureSchema = z.strictObject({
  column: columnId,
  aggregate: z.enum(AGGREGATES, { error: `aggregate must be one of ${AGGREGATES.join(', ')}` })
})

export const queryRequestShape = z.strictObject({
  measures: z.array(measureSchema).min(1, 'measures must not be empty; leave it out for raw rows').max(20).optional(),
  groupBy: z.array(columnId).max(5, 'group by at most 5 columns').optional(),
  columns: z.array(columnId).min(1, 'columns must not be empty').max(50).optional(),
  sort: z.strictObject({ column: columnId, direction: z.enum(['asc', 'desc'], { error: 'direction must be "asc" or "desc"' }) }).optional(),
  limit: z.number({ error: 'limit must be a whole number' }).int('limit must be a whole number').min(1).max(MAX_QUERY_LIMIT, `limit must be at most ${MAX_QUERY_LIMIT}`).optional(),
  filters: z
    .array(
      z
        .strictObject({
          column: columnId,
          validationType: z.enum(FILTER_VALIDATION_TYPES, { error: `validationType must be one of ${FILTER_VALIDATION_TYPES.join(', ')}` }).optional(),
          values: z.array(z.union([z.string(), z.number(), rangeBound]), { error: 'values must be a list of texts or numbers (RANGE: {gte, lte} objects)' })
        })
        .superRefine((filter, ctx) => {
          const type = filter.validationType ?? 'EQUAL'
          const empty = type === 'IS_EMPTY' || type === 'IS_NOT_EMPTY'
          if (!empty && filter.values.length === 0) ctx.addIssue({ code: 'custom', path: ['values'], message: 'values must not be empty; leave the filter out instead' })
          const objects = filter.values.filter((v) => typeof v === 'object').length
          if (type === 'RANGE' && objects !== filter.values.length) ctx.addIssue({ code: 'custom', path: ['values'], message: 'RANGE takes bound objects such as {"gte": 10, "lte": 15}' })
          if (type !== 'RANGE' && objects > 0) ctx.addIssue({ code: 'custom', path: ['values'], message: `${type} takes texts or numbers; bound objects are for RANGE` })
        })
    )
    .max(20)
    .optional()
})

/** The name of a measure's column in a QueryResult, e.g. `sum_revenue`. */
export function measureName(measure: { column: string; aggregate: string }): string {
  return `${measure.aggregate}_${measure.column}`
}

function checkMeaning(request: z.infer<typeof queryRequestShape>, columns: readonly ColumnMeta[], datasetId: string, ctx: z.RefinementCtx): void {
  const byId = new Map(columns.map((column) => [column.id, column]))
  const list = columns.map((column) => column.id).join(', ')
  const known = (id: string, path: PropertyKey[]): ColumnMeta | undefined => {
    const column = byId.get(id)
    if (!column) ctx.addIssue({ code: 'custom', path, message: `unknown column "${id}"; the columns of ${datasetId} are: ${list}` })
    return column
  }

  if (request.measures && request.columns) {
    ctx.addIssue({ code: 'custom', path: ['columns'], message: 'send either measures (aggregated) or columns (raw rows), not both' })
  }
  if (!request.measures && !request.columns) {
    ctx.addIssue({ code: 'custom', path: [], message: 'send measures (aggregated, e.g. [{"column": "revenue", "aggregate": "sum"}]) or columns (raw rows)' })
  }
  if (request.groupBy && !request.measures) {
    ctx.addIssue({ code: 'custom', path: ['groupBy'], message: 'groupBy needs measures to aggregate' })
  }

  const names = new Set<string>()
  request.measures?.forEach((measure, index) => {
    const column = known(measure.column, ['measures', index, 'column'])
    if (column && (measure.aggregate === 'sum' || measure.aggregate === 'avg') && column.type !== 'number') {
      ctx.addIssue({ code: 'custom', path: ['measures', index, 'aggregate'], message: `${measure.aggregate} needs a number column; "${column.id}" is ${column.type}` })
    }
    const name = measureName(measure)
    if (names.has(name)) ctx.addIssue({ code: 'custom', path: ['measures', index], message: `${name} is asked for twice` })
    names.add(name)
  })
  request.groupBy?.forEach((id, index) => known(id, ['groupBy', index]))
  request.columns?.forEach((id, index) => known(id, ['columns', index]))
  request.filters?.forEach((filter, index) => known(filter.column, ['filters', index, 'column']))

  if (request.sort) {
    const { column } = request.sort
    if (request.measures) {
      const allowed = [...(request.groupBy ?? []), ...names]
      if (!allowed.includes(column)) {
        ctx.addIssue({ code: 'custom', path: ['sort', 'column'], message: `an aggregated query sorts by a groupBy column or a measure (${allowed.join(', ')}), not "${column}"` })
      }
    } else {
      known(column, ['sort', 'column'])
    }
  }
}

export type ParsedQuery = { ok: true; request: QueryRequest } | { ok: false; messages: string[] }

export function parseQueryRequest(body: unknown, columns: readonly ColumnMeta[], datasetId: string): ParsedQuery {
  const schema = queryRequestShape.superRefine((request, ctx) => checkMeaning(request, columns, datasetId, ctx))
  const parsed = schema.safeParse(body)
  return parsed.success ? { ok: true, request: parsed.data } : { ok: false, messages: issueMessages(parsed.error) }
}
