/**
 * "Explain" for one persona (issue 12 point 5): what its token lets it see in
 * each dataset of an application, in plain words, with the token body that
 * produced it. Pure: a persona and the datasets' security names (from the
 * discovery service: the sandbox's data, or a Qrvey instance's dev API) in,
 * sentences out. The sandbox applies the same rules (src/sandbox/data/
 * permissions-filter.ts), so what this says is what the compare view shows.
 *
 * The rules, each from Qrvey's Record Level Security page (partner-portal
 * docs/software-developer/record-level-security.md; QRVEY.md §1):
 * - A dataset without security columns is open: "If no security columns are
 *   specified, users will have full access to the dataset".
 * - A secured dataset shows only what the token grants, and "Any missing
 *   security column inside the user's security token will restrict the
 *   user's access to the data": a security column no applicable permission
 *   names means NO rows.
 * - A permission applies to a dataset when its dataset_id is the dataset's id,
 *   a list holding it, or "*" (every dataset). Several that apply must all hold.
 * - validation_type defaults to EQUAL, operator to AND; groups nest.
 * - "*" means all values only with EQUAL ("otherwise the * character will be
 *   treated literally").
 * - A security_name the dataset does not have: the docs say "the system will
 *   give an error"; the sandbox withholds every row (and says so).
 */
import {
  DEFAULT_OPERATOR,
  DEFAULT_VALIDATION_TYPE,
  isRangeValue,
  type DatasetPermission,
  type PermissionValue,
  type RangeValue,
  type RecordPermission,
  type RecordPermissionGroup
} from '../permissions'
import type { Persona } from './persona'

/** What Explain needs to know of a dataset: its id and security names (DiscoveryItem fits). */
export interface ExplainDataset {
  id: string
  label?: string
  securityNames?: Array<{ name: string; type?: string; values?: Array<string | number> }>
}

export type DatasetOutcome = 'open' | 'all-rows' | 'some-rows' | 'no-rows'

export interface ColumnExplanation {
  /** The security name. */
  name: string
  /** Named by an applicable permission. */
  granted: boolean
  /** "region must be Europe", "country: any value", or why it is missing. */
  words: string
}

export interface DatasetExplanation {
  datasetId: string
  label?: string
  outcome: DatasetOutcome
  /** One sentence: what this persona sees in this dataset and why. */
  summary: string
  securityNames: string[]
  /** Per security column (secured datasets only). */
  columns: ColumnExplanation[]
  /** The whole rule in words, AND/OR as the token combines them; absent when nothing applies. */
  rule?: string
  /** Which permissions apply, and through what dataset_id ("the permission for every dataset (\"*\")"). */
  via: string[]
  /** Security columns no applicable permission names (the cause of "no rows"). */
  missing: string[]
  /** Rules that cannot be evaluated, values that exist in no row, a literal "*": each in words. */
  warnings: string[]
  /** The permissions that apply to this dataset, as the token carries them. */
  permissions: DatasetPermission[]
}

export interface PersonaExplanation {
  datasets: DatasetExplanation[]
  /** Dataset ids the permissions name that the application does not have. */
  unknownDatasets: string[]
  /** asset_permissions in words (pages, charts, ... visible), or that there are none. */
  assets: string[]
  /** roles in words (column-level security). */
  roles: string[]
  /** The token body fields this persona contributes (what produced the explanation). */
  tokenBody: Record<string, unknown>
}

type Entry = RecordPermission | RecordPermissionGroup
const isGroup = (entry: Entry): entry is RecordPermissionGroup => 'record_permissions' in entry

/** "a", "a and b", "a, b and c" (or "or"). */
export function listWords(items: readonly string[], joiner: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} ${joiner} ${items[items.length - 1]}`
}

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value))

function oneOf(values: readonly unknown[], negate: boolean): string {
  const shown = values.map(show)
  if (shown.length === 1) return negate ? `must not be ${shown[0]}` : `must be ${shown[0]}`
  return negate ? `must be none of ${listWords(shown, 'or')}` : `must be one of ${listWords(shown, 'or')}`
}

function rangeWords(range: RangeValue): string {
  const low = range.gte !== undefined ? `at least ${show(range.gte)}` : range.gt !== undefined ? `more than ${show(range.gt)}` : undefined
  const high = range.lte !== undefined ? `at most ${show(range.lte)}` : range.lt !== undefined ? `less than ${show(range.lt)}` : undefined
  if (range.gte !== undefined && range.lte !== undefined) return `between ${show(range.gte)} and ${show(range.lte)}`
  return [low, high].filter(Boolean).join(' and ')
}

function rangesOf(values: readonly PermissionValue[]): string[] {
  if (values.length > 0 && values.every(isRangeValue)) return (values as RangeValue[]).map(rangeWords)
  if (values.length === 2 && !values.some(isRangeValue)) return [`between ${show(values[0])} and ${show(values[1])}`]
  return [values.map(show).join(', ')]
}

/** One record permission in words: "region must be Europe", "country: any value". */
export function ruleWords(rule: RecordPermission): string {
  const type = rule.validation_type ?? DEFAULT_VALIDATION_TYPE
  const name = rule.security_name
  const values = rule.values
  const texts = values.map(show)
  const per = rule.group_value ? ` (compared by ${rule.group_value.toLowerCase()})` : ''
  switch (type) {
    case 'EQUAL':
      if (values.some((v) => v === '*')) return `${name}: any value`
      if (values.length === 0) return `${name} must be one of an empty list (no value matches)`
      return `${name} ${oneOf(values, false)}${per}`
    case 'NOT_EQUAL':
      return `${name} ${oneOf(values, true)}${per}`
    case 'CONTAIN':
      return `${name} must contain ${listWords(texts.map((t) => `"${t}"`), 'or')}`
    case 'NOT_CONTAIN':
      return `${name} must not contain ${listWords(texts.map((t) => `"${t}"`), 'or')}`
    case 'START_WITH':
      return `${name} must start with ${listWords(texts.map((t) => `"${t}"`), 'or')}`
    case 'NOT_START_WITH':
      return `${name} must not start with ${listWords(texts.map((t) => `"${t}"`), 'or')}`
    case 'END_WITH':
      return `${name} must end with ${listWords(texts.map((t) => `"${t}"`), 'or')}`
    case 'NOT_END_WITH':
      return `${name} must not end with ${listWords(texts.map((t) => `"${t}"`), 'or')}`
    case 'RANGE':
    case 'BETWEEN':
      return `${name} must be ${listWords(rangesOf(values), 'or')}${per}`
    case 'NOT_RANGE':
    case 'NOT_BETWEEN':
      return `${name} must not be ${listWords(rangesOf(values), 'or')}${per}`
    case 'DATE':
      return `${name} must fall in the same ${(rule.group_value ?? 'day').toLowerCase()} as ${listWords(texts, 'or')}`
    case 'GREATER_THAN':
      return `${name} must be greater than ${texts[0]}${per}`
    case 'GREATER_THAN_OR_EQUAL':
      return `${name} must be ${texts[0]} or more${per}`
    case 'LESS_THAN':
      return `${name} must be less than ${texts[0]}${per}`
    case 'LESS_THAN_OR_EQUAL':
      return `${name} must be ${texts[0]} or less${per}`
    case 'IS_EMPTY':
      return `${name} must be empty`
    case 'IS_NOT_EMPTY':
      return `${name} must not be empty`
    default:
      return `${name} ${type} ${texts.join(', ')}`
  }
}

/** A group in words, with its members joined by its operator; nested groups in parentheses. */
function groupWords(operator: 'AND' | 'OR', entries: readonly Entry[], nested: boolean): string {
  const parts = entries.map((entry) => (isGroup(entry) ? groupWords(entry.operator ?? DEFAULT_OPERATOR, entry.record_permissions, true) : ruleWords(entry)))
  if (parts.length === 0) return 'no rules'
  const joined = parts.join(operator === 'OR' ? ' OR ' : ' AND ')
  return nested && parts.length > 1 ? `(${joined})` : joined
}

function leavesOf(entries: readonly Entry[], into: RecordPermission[] = []): RecordPermission[] {
  for (const entry of entries) {
    if (isGroup(entry)) leavesOf(entry.record_permissions, into)
    else into.push(entry)
  }
  return into
}

function appliesTo(permission: DatasetPermission, datasetId: string): boolean {
  const ids = typeof permission.dataset_id === 'string' ? [permission.dataset_id] : permission.dataset_id
  return ids.includes('*') || ids.includes(datasetId)
}

function viaWords(permission: DatasetPermission, index: number, datasetId: string): string {
  const ids = typeof permission.dataset_id === 'string' ? [permission.dataset_id] : permission.dataset_id
  const which = `permissions[${index}]`
  if (ids.includes('*')) return `${which} applies through dataset_id "*": it is for every dataset of the application`
  if (ids.length > 1) return `${which} applies through its dataset_id list (${ids.join(', ')}), which holds ${datasetId}`
  return `${which} is for ${datasetId}`
}

/** Values of EQUAL-like rules on text columns that exist in no row (a typo, or another tenant's value). */
function unknownValues(leaf: RecordPermission, column: NonNullable<ExplainDataset['securityNames']>[number]): string | undefined {
  const type = leaf.validation_type ?? DEFAULT_VALIDATION_TYPE
  if ((type !== 'EQUAL' && type !== 'NOT_EQUAL') || column.type !== 'text' || !column.values?.length) return undefined
  if (column.values.length >= 200) return undefined // a capped list: absence proves nothing
  const known = new Set(column.values.map(String))
  const missing = leaf.values.filter((v) => v !== '*' && !isRangeValue(v) && !known.has(String(v)))
  if (missing.length === 0) return undefined
  return `${leaf.security_name} ${missing.map((v) => JSON.stringify(v)).join(', ')} matches no row of this dataset (its values: ${column.values.join(', ')})`
}

/**
 * An EQUAL rule every applicable permission must pass (top level of an AND
 * permission) whose values all exist in no row: then no row passes at all.
 */
function deadEqualRule(applicable: readonly DatasetPermission[], byName: ReadonlyMap<string, NonNullable<ExplainDataset['securityNames']>[number]>): RecordPermission | undefined {
  for (const permission of applicable) {
    if ((permission.operator ?? DEFAULT_OPERATOR) !== 'AND') continue
    for (const entry of permission.record_permissions) {
      if (isGroup(entry) || (entry.validation_type ?? DEFAULT_VALIDATION_TYPE) !== 'EQUAL' || entry.values.some((v) => v === '*')) continue
      const column = byName.get(entry.security_name)
      if (!column || column.type !== 'text' || !column.values?.length || column.values.length >= 200) continue
      const known = new Set(column.values.map(String))
      if (entry.values.every((v) => !isRangeValue(v) && !known.has(String(v)))) return entry
    }
  }
  return undefined
}

export function explainDataset(dataset: ExplainDataset, permissions: readonly DatasetPermission[] | undefined): DatasetExplanation {
  const names = (dataset.securityNames ?? []).map((s) => s.name)
  const all = permissions ?? []
  const applicable = all.filter((p) => appliesTo(p, dataset.id))
  const via = applicable.map((p) => viaWords(p, all.indexOf(p), dataset.id))
  const base = { datasetId: dataset.id, ...(dataset.label ? { label: dataset.label } : {}), securityNames: names, via, permissions: applicable }
  const rule = applicable.length
    ? applicable.map((p) => groupWords(p.operator ?? DEFAULT_OPERATOR, p.record_permissions, applicable.length > 1)).join(' AND ')
    : undefined

  if (names.length === 0) {
    const ignored = applicable.some((p) => p.record_permissions.length > 0) ? ' The token\'s permissions for it are not applied.' : ''
    return {
      ...base,
      outcome: 'open',
      summary: `All rows: ${dataset.id} has no security columns, so it is open to every user.${ignored}`,
      columns: [],
      ...(rule ? { rule } : {}),
      missing: [],
      warnings: []
    }
  }

  const leaves = applicable.flatMap((p) => leavesOf(p.record_permissions))
  const byName = new Map((dataset.securityNames ?? []).map((s) => [s.name, s]))
  const warnings: string[] = []
  const strangers = [...new Set(leaves.map((l) => l.security_name).filter((n) => !byName.has(n)))]
  for (const name of strangers) {
    warnings.push(`security_name "${name}" is not a security column of ${dataset.id} (its security columns: ${names.join(', ')}). Qrvey documents an error for this; the sandbox withholds every row.`)
  }
  for (const leaf of leaves) {
    const type = leaf.validation_type ?? DEFAULT_VALIDATION_TYPE
    if (type !== 'EQUAL' && leaf.values.some((v) => v === '*')) warnings.push(`${leaf.security_name} ${type} "*": "*" means every value only with EQUAL; here it is the literal character *.`)
    const column = byName.get(leaf.security_name)
    const unknown = column ? unknownValues(leaf, column) : undefined
    if (unknown) warnings.push(unknown)
  }

  const named = new Set(leaves.map((l) => l.security_name))
  const missing = names.filter((n) => !named.has(n))
  const columns: ColumnExplanation[] = names.map((name) => {
    const own = leaves.filter((l) => l.security_name === name)
    if (own.length === 0) return { name, granted: false, words: `${name}: not in the token, so no rows (a missing security column restricts access)` }
    return { name, granted: true, words: own.map(ruleWords).join('; ') }
  })
  const secured = `${dataset.id} is secured by ${listWords(names)}`

  if (strangers.length) {
    return { ...base, outcome: 'no-rows', summary: `No rows: a rule names a security column ${dataset.id} does not have (${strangers.join(', ')}).`, columns, ...(rule ? { rule } : {}), missing, warnings }
  }
  if (applicable.length === 0) {
    return {
      ...base,
      outcome: 'no-rows',
      summary: `No rows: ${secured}, and this persona's token has no permission for it${all.length ? ' (none of its dataset_id values is this dataset or "*")' : ' (it has no permissions at all)'}. Qrvey: "Any missing security column inside the user's security token will restrict the user's access."`,
      columns,
      missing,
      warnings
    }
  }
  if (missing.length) {
    return {
      ...base,
      outcome: 'no-rows',
      summary: `No rows: ${secured}, and the token names nothing for ${listWords(missing)}. A missing security column restricts access: add a rule for ${listWords(missing)} (values ["*"] with EQUAL grants every value).`,
      columns,
      ...(rule ? { rule } : {}),
      missing,
      warnings
    }
  }
  const dead = deadEqualRule(applicable, byName)
  if (dead) {
    return { ...base, outcome: 'no-rows', summary: `No rows: ${ruleWords(dead)}, and no row of ${dataset.id} has that value.`, columns, ...(rule ? { rule } : {}), missing, warnings }
  }
  const everything = leaves.every(isWildcard)
  if (everything) {
    return { ...base, outcome: 'all-rows', summary: `All rows: every security column of ${dataset.id} is granted with "*" (any value).`, columns, ...(rule ? { rule } : {}), missing, warnings }
  }
  return {
    ...base,
    outcome: 'some-rows',
    summary: someRowsSummary(applicable, rule as string),
    columns,
    ...(rule ? { rule } : {}),
    missing,
    warnings
  }
}

const isWildcard = (rule: RecordPermission) => (rule.validation_type ?? DEFAULT_VALIDATION_TYPE) === 'EQUAL' && rule.values.some((v) => v === '*')

/**
 * "Only the rows where region must be Europe (order_date, country, ... : any value)."
 * for the common shape (one AND permission of plain rules); the whole rule otherwise.
 */
function someRowsSummary(applicable: readonly DatasetPermission[], rule: string): string {
  const [only] = applicable
  const simple = applicable.length === 1 && (only.operator ?? DEFAULT_OPERATOR) === 'AND' && only.record_permissions.every((e) => !isGroup(e))
  if (!simple) return `Only the rows where ${rule}.`
  const leaves = only.record_permissions as RecordPermission[]
  const narrow = leaves.filter((l) => !isWildcard(l)).map(ruleWords)
  const open = leaves.filter(isWildcard).map((l) => l.security_name)
  return `Only the rows where ${narrow.join(' AND ')}${open.length ? ` (${listWords(open)}: any value)` : ''}.`
}

const ASSET_LISTS: Array<[string, string, string]> = [
  ['pages', 'page_ids', 'pages'],
  ['charts', 'chart_ids', 'charts'],
  ['metrics', 'metric_ids', 'metrics'],
  ['summaries', 'question_ids', 'summaries'],
  ['datasets', 'dataset_ids', 'datasets']
]

/** asset_permissions in words (Dashboard View / Builder: only the listed assets are visible; a type left out is not restricted). */
export function assetWords(assets: Record<string, unknown> | undefined): string[] {
  if (!assets || Object.keys(assets).length === 0) return ['No asset_permissions: every page, chart, metric, summary and dataset of the application is visible.']
  const out: string[] = []
  for (const [type, key, noun] of ASSET_LISTS) {
    const entry = assets[type] as Record<string, unknown> | undefined
    const ids = entry && Array.isArray(entry[key]) ? (entry[key] as unknown[]).map(String) : undefined
    if (ids === undefined) continue
    out.push(ids.length ? `Only these ${noun} are visible: ${ids.join(', ')}.` : `No ${noun} are visible (an empty ${key} list).`)
  }
  const unknown = Object.keys(assets).filter((k) => !ASSET_LISTS.some(([type]) => type === k))
  if (unknown.length) out.push(`Not an asset type Qrvey documents (ignored by the sandbox): ${unknown.join(', ')}.`)
  if (out.length === 0) out.push('asset_permissions names no asset list: nothing is hidden.')
  return out
}

export function roleWords(roles: string | string[] | undefined): string[] {
  const list = roles === undefined ? [] : (typeof roles === 'string' ? [roles] : roles).filter((r) => r.trim() !== '')
  if (list.length === 0) return ['No roles: columns that column-level security keeps for certain roles are hidden; all other columns are visible.']
  return [`Roles ${list.join(', ')}: columns that column-level security keeps for these roles are visible, columns kept for other roles are hidden.`]
}

/** The token body fields a persona contributes, as the workbench sends them (`version: "2"` with permissions). */
export function personaTokenBody(persona: Persona): Record<string, unknown> {
  const t = persona.token
  const body: Record<string, unknown> = { userid: t.userid }
  if (t.clientid?.trim()) body.clientid = t.clientid.trim()
  if (t.permissions !== undefined) {
    body.version = '2'
    body.permissions = t.permissions
  }
  if (t.asset_permissions !== undefined) body.asset_permissions = t.asset_permissions
  if (t.roles !== undefined) body.roles = t.roles
  for (const [key, value] of Object.entries(t.extra ?? {})) if (!(key in body)) body[key] = value
  return body
}

/** The whole explanation: each dataset of the application, the ids the token names that it lacks, assets, roles, body. */
export function explainPersona(persona: Persona, datasets: readonly ExplainDataset[]): PersonaExplanation {
  const permissions = persona.token.permissions
  const known = new Set(datasets.map((d) => d.id))
  const named = (permissions ?? []).flatMap((p) => (typeof p.dataset_id === 'string' ? [p.dataset_id] : p.dataset_id))
  return {
    datasets: datasets.map((d) => explainDataset(d, permissions)),
    unknownDatasets: [...new Set(named.filter((id) => id !== '*' && !known.has(id)))],
    assets: assetWords(persona.token.asset_permissions),
    roles: roleWords(persona.token.roles),
    tokenBody: personaTokenBody(persona)
  }
}
