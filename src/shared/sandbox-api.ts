/**
 * The HTTP API the offline sandbox's widgets call, shared by the server
 * (src/sandbox/server, src/sandbox/data) and the widgets (src/sandbox/widgets). Paths follow the
 * shapes of Qrvey's own widget API (../shared/QRVEY.md §5) so a network log
 * looks like a real instance's. Widgets send the token as
 * `Authorization: Bearer <token>`; the sandbox answers 401 (Qrvey-shaped
 * error body) for a missing, invalid or expired token, and 403 when the URL's
 * user/app differ from the token's userid/appid.
 */

/**
 * A userId / appId path segment meaning "the one the token was issued for".
 * A widget cannot read the (encrypted) token, so when the host's config has
 * no userId / appId the widget sends this and the sandbox takes the token's.
 */
export const SANDBOX_SELF_ID = 'me'

/**
 * API-key mode only (development): the page's clientid, which a token would
 * carry inside itself. A sandbox header; Qrvey's own wire format is not public.
 */
export const SANDBOX_CLIENT_ID_HEADER = 'x-sandbox-clientid'

export const SANDBOX_PATHS = {
  /** GET -> SandboxApp */
  app: (userId: string, appId: string) => `/devapi/v4/user/${enc(userId)}/app/${enc(appId)}`,
  /** GET -> Dashboard; PUT (body: Dashboard) -> Dashboard, saved per token clientid */
  dashboard: (userId: string, appId: string, dashboardId: string) =>
    `/devapi/v4/user/${enc(userId)}/app/${enc(appId)}/builder/page/${enc(dashboardId)}`,
  /** GET -> PanelDefinition (Single Panel's chartId / metricId / summaryId) */
  panel: (userId: string, appId: string, datasetId: string, panelId: string) =>
    `/devapi/v4/user/${enc(userId)}/app/${enc(appId)}/qrvey/${enc(datasetId)}/analytiq/chart/${enc(panelId)}`,
  /** POST (body: QueryRequest) -> QueryResult, rows filtered by the token's record permissions */
  query: (userId: string, appId: string, datasetId: string) =>
    `/devapi/v5/user/${enc(userId)}/app/${enc(appId)}/qrvey/${enc(datasetId)}/analytics/results`
} as const

function enc(part: string): string {
  return encodeURIComponent(part)
}

export type Aggregate = 'sum' | 'count' | 'avg' | 'min' | 'max'

export interface ColumnMeta {
  id: string
  label: string
  type: 'text' | 'number' | 'date'
  /** The security_name that record permissions use for this column, if any. */
  securityName?: string
}

export interface DatasetMeta {
  id: string
  name: string
  rowCount: number
  columns: ColumnMeta[]
}

export interface Measure {
  column: string
  aggregate: Aggregate
}

export interface PanelDefinition {
  id: string
  title: string
  kind: 'kpi' | 'bar' | 'line' | 'pie' | 'table'
  datasetId: string
  measure: Measure
  /** Column to group by (charts, tables); absent for a KPI. */
  groupBy?: string
  /** Grid placement in a 12-column dashboard. */
  layout: { x: number; y: number; w: number; h: number }
}

export interface Dashboard {
  id: string
  name: string
  panels: PanelDefinition[]
}

export interface SandboxApp {
  appId: string
  name: string
  datasets: DatasetMeta[]
  dashboards: Array<{ id: string; name: string }>
  /**
   * End-user personalization as the caller may use it: whether the token (or,
   * in API-key mode, the page) carries a clientid, and which dashboards this
   * clientid has saved a personalized version of. The dashboard page events
   * need it (dashboard-view.md: qvDSHSaveDashboard is "unable" when "clientid
   * is missing in the authentication token").
   */
  personalization?: { hasClientId: boolean; personalized: string[] }
}

/** Comparisons a query filter may use: those of Qrvey's userFilters (filters-embedded-scenarios.md). */
export const FILTER_VALIDATION_TYPES = [
  'EQUAL',
  'NOT_EQUAL',
  'CONTAIN',
  'NOT_CONTAIN',
  'START_WITH',
  'NOT_START_WITH',
  'END_WITH',
  'NOT_END_WITH',
  'RANGE',
  'IS_EMPTY',
  'IS_NOT_EMPTY'
] as const
export type FilterValidationType = (typeof FILTER_VALIDATION_TYPES)[number]

/** RANGE bounds, as userFilters write them: `{ gte: 10, lte: 15 }`, `{ gt: "10507.231" }`. */
export interface RangeBound {
  gt?: string | number
  gte?: string | number
  lt?: string | number
  lte?: string | number
}

export interface QueryFilter {
  column: string
  /** Default EQUAL: the cell equals one of the values. */
  validationType?: FilterValidationType
  /** Texts or numbers; RANGE takes bound objects; IS_EMPTY / IS_NOT_EMPTY take none. */
  values: Array<string | number | RangeBound>
}

export interface QueryRequest {
  /** Aggregated query: measures grouped by groupBy (none = one total row). */
  measures?: Measure[]
  groupBy?: string[]
  /** Raw rows instead: these columns, sorted, limited (Report Builder). */
  columns?: string[]
  sort?: { column: string; direction: 'asc' | 'desc' }
  limit?: number
  filters?: QueryFilter[]
}

export interface QueryResult {
  columns: string[]
  rows: Array<Array<string | number>>
  /** Rows the user may see after record permissions (before limit). */
  totalRows: number
  /** Whether record-level permissions from the token narrowed the data. */
  permissionsApplied: boolean
}

/** Misbehaviour the sandbox can be told to show, for rehearsals. */
export interface SandboxModes {
  /** Added to every API response. */
  latencyMs: number
  /** Share of API requests (0..1) that fail with a 5xx. */
  failureRate: number
  /** Every API key is refused with 401. */
  rejectKey: boolean
  /** When set, tokens live this many seconds whatever expiresIn says. */
  tokenLifetimeSeconds: number | null
  /** The token issuer's clock runs this many seconds off the real one. */
  clockSkewSeconds: number
}

export const NORMAL_SANDBOX_MODES: SandboxModes = {
  latencyMs: 0,
  failureRate: 0,
  rejectKey: false,
  tokenLifetimeSeconds: null,
  clockSkewSeconds: 0
}

/** Widget events, as Qrvey's widgets dispatch them on `document`. */
export const WIDGET_EVENTS = ['qvDSHPageLoaded', 'qvDSHItemsLoaded', 'qvTokenExpired'] as const
