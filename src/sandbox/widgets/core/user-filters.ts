/**
 * Qrvey's `userFilters` (filters-embedded-scenarios.md): `{ filters: [{
 * operator, expressions: [{ qrveyid, questionid, validationType, value }] }] }`
 * turned into the sandbox query API's filters for one dataset. Expressions
 * for another dataset (`qrveyid`) do not apply to it. The docs' Dashboard
 * tables also call the key an `Array<Object>`, so a bare array of filter
 * groups is read as well. Anything that cannot be applied is reported, never
 * silently dropped.
 */
import type { QueryFilter } from '../../../shared/sandbox-api'
import { FILTER_VALIDATION_TYPES, type FilterValidationType } from '../../../shared/sandbox-api'

export interface UserFilterPlan {
  /** Filters per dataset id; '*' holds those without qrveyid (every dataset with that column). */
  byDataset: Map<string, QueryFilter[]>
  problems: string[]
}

function asGroups(input: unknown): unknown[] | undefined {
  if (Array.isArray(input)) return input
  if (typeof input === 'object' && input !== null && Array.isArray((input as { filters?: unknown }).filters)) return (input as { filters: unknown[] }).filters
  return undefined
}

export function planUserFilters(input: unknown): UserFilterPlan {
  const plan: UserFilterPlan = { byDataset: new Map(), problems: [] }
  if (input === undefined || input === null) return plan
  const groups = asGroups(input)
  if (!groups) {
    plan.problems.push('userFilters must be { filters: [{ operator, expressions: [...] }] } (filters-embedded-scenarios.md)')
    return plan
  }
  groups.forEach((group, g) => {
    const expressions = (group as { expressions?: unknown })?.expressions
    const operator = String((group as { operator?: unknown })?.operator ?? 'AND').toUpperCase()
    if (!Array.isArray(expressions)) {
      plan.problems.push(`userFilters.filters[${g}] has no "expressions" list`)
      return
    }
    if (operator === 'OR' && expressions.length > 1) plan.problems.push(`userFilters.filters[${g}]: operator OR is not simulated offline; its ${expressions.length} expressions are applied together (AND)`)
    expressions.forEach((raw, e) => {
      const where = `userFilters.filters[${g}].expressions[${e}]`
      const expression = (raw ?? {}) as Record<string, unknown>
      const column = expression.questionid
      const type = String(expression.validationType ?? 'EQUAL').toUpperCase() as FilterValidationType
      if (typeof column !== 'string' || column === '') return void plan.problems.push(`${where} has no "questionid" (the column id)`)
      if (!FILTER_VALIDATION_TYPES.includes(type)) return void plan.problems.push(`${where}: validationType "${type}" is not one of ${FILTER_VALIDATION_TYPES.join(', ')}`)
      const value = Array.isArray(expression.value) ? expression.value : expression.value === undefined ? [] : [expression.value]
      const needsValues = type !== 'IS_EMPTY' && type !== 'IS_NOT_EMPTY'
      if (needsValues && value.length === 0) return void plan.problems.push(`${where} has no "value" list`)
      const filter: QueryFilter = { column, values: value as QueryFilter['values'], ...(type === 'EQUAL' ? {} : { validationType: type }) }
      const dataset = typeof expression.qrveyid === 'string' && expression.qrveyid !== '' ? expression.qrveyid : '*'
      const list = plan.byDataset.get(dataset) ?? []
      list.push(filter)
      plan.byDataset.set(dataset, list)
    })
  })
  return plan
}

/** The filters for one dataset: its own plus those without qrveyid whose column it has. */
export function filtersFor(plan: UserFilterPlan, datasetId: string, columns?: ReadonlySet<string>): QueryFilter[] {
  const general = (plan.byDataset.get('*') ?? []).filter((f) => !columns || columns.has(f.column))
  return [...(plan.byDataset.get(datasetId) ?? []), ...general]
}
