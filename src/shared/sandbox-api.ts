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
  /**
   * Column-level security: the roles that may see this column (Qrvey's
   * `accessRoles`). Absent: every user sees it ("All users have access to all
   * columns within a dataset by default").
   */
  accessRoles?: string[]
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
  /**
   * Panels of this dashboard the token may not see (asset_permissions,
   * column-level security), with why. Only in GET answers; never saved.
   */
  hiddenPanels?: HiddenAsset[]
}

/** An asset the token's asset_permissions or roles keep from this user, and why in plain words. */
export interface HiddenAsset {
  id: string
  name: string
  reason: string
}

export interface SandboxApp {
  appId: string
  name: string
  /** The datasets this token may use (asset_permissions.datasets), columns hidden by roles removed. */
  datasets: DatasetMeta[]
  /** The dashboards this token may open (asset_permissions.pages). */
  dashboards: Array<{ id: string; name: string }>
  /**
   * Widget configuration keys that travelled inside the token (dashboardId,
   * pageid, qrveyid, orgId, styles, featurePermission, clientid, ...). The
   * token is encrypted, so a widget learns them only here; QRVEY.md §1: "any
   * widget config key may travel inside the token ... The widget uses the
   * token's value". Security claims (permissions, asset_permissions, roles)
   * are enforced by the server and never echoed.
   */
  tokenConfig?: Record<string, unknown>
  /** What the token hides, for the widget to say so. */
  hidden?: { dashboards: HiddenAsset[]; datasets: HiddenAsset[]; columns: HiddenAsset[] }
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
  /** How record-level security treated this query, in plain words. */
  security?: SecurityReport
}

/**
 * How a dataset's record-level security applied to one token. Qrvey itself
 * answers such a query with fewer (or no) rows and no reason; the sandbox
 * adds the reason, so a rehearsal explains what a real instance would
 * silently do.
 */
export interface SecurityReport {
  datasetId: string
  /** The dataset's security names; empty for an open dataset. */
  securityNames: string[]
  /** Whether the token's permissions narrowed the rows. */
  applied: boolean
  /** Rows this token may see (before the query's own filters). */
  visibleRows: number
  /** Security names the token grants nothing for: the dataset shows no rows. */
  missing: string[]
  /** Rules, or values of rules, that match no row of the dataset. */
  unmatched: string[]
  /** Plain-words explanations, most important first; empty when there is nothing to say. */
  notes: string[]
}

/** Response header carrying the security notes of a data answer (JSON array of texts), for the preview's event log. */
export const SANDBOX_NOTICE_HEADER = 'x-qrvey-sandbox-notice'
/** Response header of the token route: what the docs leave open and the sandbox assumed (JSON array of texts). */
export const SANDBOX_WARNING_HEADER = 'x-qrvey-sandbox-warning'

/**
 * Host-backend list endpoints, called with `x-api-key` like the Generate
 * Token API (QRVEY.md §1; QrveyDemoApp calls the page list as
 * `GET /devapi/v3/user/{u}/app/{a}/builder/page/?limit=100` and the dataset
 * list as `POST /devapi/v4/user/{u}/app/{a}/qollect/dataset/all`; Qrvey's API
 * tutorial lists applications with `POST /devapi/v4/user/{userid}/app/all`).
 * Every answer is `{Items, Count}`, as QrveyDemoApp reads `response.Items`.
 */
export const DEV_API_PATHS = {
  /** POST or GET -> DevApiList<DevApiApp>: the applications this user can embed. */
  apps: (userId: string) => `/devapi/v4/user/${enc(userId)}/app/all`,
  /** GET ?limit=N -> DevApiList<DevApiPage>: the app's pages (dashboards). */
  pages: (userId: string, appId: string) => `/devapi/v3/user/${enc(userId)}/app/${enc(appId)}/builder/page/`,
  /** POST (QrveyDemoApp: {limit, filters: [{filterType: "CONTAINS", column: "search", value}]}) or GET -> DevApiList<DevApiDataset>. */
  datasets: (userId: string, appId: string) => `/devapi/v4/user/${enc(userId)}/app/${enc(appId)}/qollect/dataset/all`,
  /** GET -> DevApiDataset: one dataset with its security names and values. */
  dataset: (userId: string, appId: string, datasetId: string) => `/devapi/v4/user/${enc(userId)}/app/${enc(appId)}/qollect/dataset/${enc(datasetId)}`,
  /**
   * GET ?type=CHART|METRIC|SUMMARY -> DevApiList<DevApiPanel>: the panels
   * Single Panel can show. Sandbox only: Qrvey documents no such list.
   */
  panels: (userId: string, appId: string, datasetId: string) =>
    `/devapi/v4/user/${enc(userId)}/app/${enc(appId)}/qrvey/${enc(datasetId)}/analytiq/chart/all`
} as const

export interface DevApiList<T> {
  Items: T[]
  Count: number
}

export interface DevApiApp {
  appid: string
  name: string
  description: string
  /** Dataset ids in the app (qrveyid for Analytic Suite / Single Panel). */
  datasetIds: string[]
}

export interface DevApiPage {
  pageid: string
  name: string
  appid: string
  published: boolean
  /** Panel count, for a picker's hint. */
  panelCount: number
}

export interface DevApiSecurityColumn {
  security_name: string
  column: string
  type: ColumnMeta['type']
  /** Distinct values (text columns: all, up to 200; number/date columns: min and max). */
  values: Array<string | number>
}

export interface DevApiDataset {
  datasetId: string
  /** The same id, under the name widgets use (qrveyId). */
  qrveyid: string
  name: string
  appid: string
  rowCount: number
  /** Empty for an open dataset (no record-level security). */
  securityColumns: DevApiSecurityColumn[]
  columns: Array<Pick<ColumnMeta, 'id' | 'label' | 'type' | 'accessRoles'>>
}

export type PanelType = 'CHART' | 'METRIC' | 'SUMMARY'

export interface DevApiPanel {
  id: string
  type: PanelType
  title: string
  datasetId: string
  /** The config key Single Panel reads this id from: chartId, metricId or summaryId. */
  idKey: 'chartId' | 'metricId' | 'summaryId'
}

/** How a panel kind maps onto Qrvey's asset types (Single Panel's `type`, asset_permissions' charts/metrics/summaries). */
export function panelTypeOf(kind: PanelDefinition['kind']): PanelType {
  return kind === 'kpi' ? 'METRIC' : kind === 'table' ? 'SUMMARY' : 'CHART'
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
