/**
 * What the sandbox assumed about a token body where Qrvey's docs are silent
 * (QRVEY.md: "where the docs are silent, accept and warn rather than
 * reject"), and what the body will do on the demo datasets. The token route
 * sends these in the x-qrvey-sandbox-warning header; the workbench shows
 * them beside the token.
 */
import {
  DEFAULT_VALIDATION_TYPE,
  isRangeValue,
  UNDOCUMENTED_VALIDATION_TYPES,
  type DatasetPermission,
  type RecordPermission,
  type RecordPermissionGroup
} from '../../shared/permissions'
import type { QrveyTokenBody } from '../../shared/token-request'
import { DEMO_APPS, demoDatasetById, DEMO_DATASET_IDS, listInWords, permissionApplies } from '../data'
import { DEFAULT_LIFETIME_SECONDS } from './token-issuer'

export interface WarningContext {
  /** The lifetime the issuer gave the token, in seconds. */
  lifetimeSeconds: number
  maxLifetimeSeconds: number
  /** Set while the "short-lived tokens" rehearsal mode is on. */
  rehearsalLifetimeSeconds?: number
}

const MAX_WARNINGS = 20

function duration(seconds: number): string {
  if (seconds % 604_800 === 0) return `${seconds / 604_800} week${seconds === 604_800 ? '' : 's'}`
  if (seconds % 86_400 === 0) return `${seconds / 86_400} day${seconds === 86_400 ? '' : 's'}`
  if (seconds % 3600 === 0) return `${seconds / 3600} hour${seconds === 3600 ? '' : 's'}`
  if (seconds % 60 === 0) return `${seconds / 60} minute${seconds === 60 ? '' : 's'}`
  return `${seconds} second${seconds === 1 ? '' : 's'}`
}

function blank(value: unknown): boolean {
  return value === undefined || (typeof value === 'string' && value.trim() === '')
}

type Entry = RecordPermission | RecordPermissionGroup

function leaves(entries: readonly Entry[], into: RecordPermission[] = []): RecordPermission[] {
  for (const entry of entries) {
    if ('record_permissions' in entry) leaves(entry.record_permissions, into)
    else into.push(entry)
  }
  return into
}

/** The demo app an appid-less token falls back to: the first that holds its qrveyid dataset. */
export function appForDataset(datasetId: unknown): string | undefined {
  if (typeof datasetId !== 'string') return undefined
  return Object.values(DEMO_APPS).find((app) => app.datasetIds.includes(datasetId))?.appId
}

function permissionWarnings(permissions: readonly DatasetPermission[]): string[] {
  const out: string[] = []
  const rules = permissions.flatMap((permission) => leaves(permission.record_permissions))
  const types = new Set(rules.map((rule) => rule.validation_type ?? DEFAULT_VALIDATION_TYPE))
  for (const type of UNDOCUMENTED_VALIDATION_TYPES) {
    if (types.has(type)) out.push(`validation_type ${type} is not in Qrvey's documented list; the sandbox reads it as the opposite of BETWEEN, a real instance may refuse it.`)
  }
  if (types.has('BETWEEN')) out.push('Qrvey does not document the values of BETWEEN; the sandbox reads range objects {"gte", "lte"} or a [low, high] pair, both ends included.')
  if (types.has('DATE')) out.push('Qrvey does not document what DATE checks; the sandbox keeps rows whose date falls in the same group_value period (default day) as one of the values.')
  if (rules.some((rule) => ['RANGE', 'NOT_RANGE'].includes(rule.validation_type ?? '') && rule.values.length === 2 && !rule.values.some(isRangeValue))) {
    out.push('RANGE values are documented as objects such as {"gte": 10, "lte": 20}; the sandbox read a [low, high] pair as one range, a real instance may not.')
  }
  // What the permissions will do on each secured demo dataset (docs: "Any missing security column ... will restrict the user's access").
  for (const id of DEMO_DATASET_IDS) {
    const dataset = demoDatasetById(id)
    if (!dataset) continue
    const names = dataset.meta.columns.flatMap((column) => (column.securityName ? [column.securityName] : []))
    const applicable = permissions.filter((permission) => permissionApplies(permission, id))
    const named = new Set(applicable.flatMap((permission) => leaves(permission.record_permissions).map((rule) => rule.security_name)))
    if (names.length === 0) continue
    const unknown = [...named].filter((name) => !names.includes(name))
    if (unknown.length > 0) out.push(`Dataset ${id} has no security column ${listInWords(unknown.map((name) => `"${name}"`))} (its security names: ${names.join(', ')}); it will show no rows.`)
    const missing = names.filter((name) => !named.has(name))
    if (missing.length > 0 && missing.length < names.length) out.push(`Dataset ${id} is secured by ${listInWords(names)}; the token grants nothing for ${listInWords(missing)}, so it will show no rows of it.`)
  }
  return out
}

const ASSET_LISTS: Readonly<Record<string, string>> = { pages: 'page_ids', charts: 'chart_ids', metrics: 'metric_ids', summaries: 'question_ids', datasets: 'dataset_ids' }

/** asset_permissions shapes the docs do not cover: unknown types, lists that are not lists, empty lists. */
function assetWarnings(body: QrveyTokenBody): string[] {
  const key = body.asset_permissions !== undefined ? 'asset_permissions' : body.assetPermissions !== undefined ? 'assetPermissions' : undefined
  if (!key) return []
  const raw = body[key]
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [`${key} is not an object; the sandbox ignores it and restricts no assets.`]
  const out: string[] = []
  for (const [type, entry] of Object.entries(raw as Record<string, unknown>)) {
    const list = ASSET_LISTS[type]
    if (!list) {
      out.push(`${key}.${type} is not an asset type Qrvey documents (pages, charts, metrics, summaries, datasets); the sandbox ignores it.`)
      continue
    }
    const ids = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)[list] : undefined
    if (!Array.isArray(ids)) out.push(`${key}.${type} has no ${list} list; the sandbox does not restrict ${type}.`)
    else if (ids.length === 0) out.push(`${key}.${type}.${list} is empty; Qrvey does not say what an empty list means, the sandbox shows no ${type}.`)
  }
  return out
}

export function tokenWarnings(body: QrveyTokenBody, context: WarningContext): string[] {
  const out: string[] = []
  if (blank(body.userid)) {
    out.push("userid is missing. Qrvey's 8.x docs mark it required, one v9 page does not; the sandbox accepted the token, and its widgets use the userId of their configuration, if any.")
  }
  if (blank(body.appid)) {
    const fallback = appForDataset(body.qrveyid ?? body.qrveyId)
    out.push(
      `appid is missing (as in widget-demo-server's Analytic Suite body); Qrvey's docs mark it required. The sandbox accepted the token; its widgets take the app from their configuration's appId${fallback ? `, else ${fallback}, the app of qrveyid ${String(body.qrveyid ?? body.qrveyId)}` : ''}.`
    )
  }
  if (context.rehearsalLifetimeSeconds !== undefined) {
    out.push(`Rehearsal mode "short-lived tokens" is on: this token lives ${duration(context.lifetimeSeconds)} whatever expiresIn says.`)
  } else if (body.expiresIn === undefined) {
    out.push(`expiresIn is missing and Qrvey does not document a default lifetime; the sandbox's token lives ${duration(DEFAULT_LIFETIME_SECONDS)}.`)
  } else if (context.lifetimeSeconds === context.maxLifetimeSeconds && typeof body.expiresIn === 'string' && !body.expiresIn.trim().startsWith('1w')) {
    out.push(`expiresIn "${body.expiresIn}" is longer than the sandbox allows and Qrvey does not document a maximum; the sandbox's token lives ${duration(context.maxLifetimeSeconds)}.`)
  } else if (typeof body.expiresIn === 'number') {
    out.push(`expiresIn ${body.expiresIn} is a number; Qrvey's docs show only texts such as "1h". The sandbox read it as seconds (${duration(context.lifetimeSeconds)}).`)
  }
  if (body.permissions !== undefined && body.version === undefined) {
    out.push('version is missing; the docs\' Security Token Schema marks it required ("The current version is 2"). The sandbox read the permissions as version 2.')
  }
  if (body.permissions) out.push(...permissionWarnings(body.permissions))
  out.push(...assetWarnings(body))
  return out.slice(0, MAX_WARNINGS)
}
