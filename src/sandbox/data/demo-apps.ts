/**
 * The demo applications the sandbox serves, keyed by appid. Any userid may
 * use any of them: the sandbox has no user directory, and a sales engineer
 * must be able to type any user into the token form. What the user sees is
 * still narrowed by the token's record permissions.
 *
 * `59VShVtjM` is the appid in Qrvey's own documentation sample, so a host app
 * copied from the docs works against the sandbox unchanged.
 */
import type { Dashboard, Measure, PanelDefinition } from '../../shared/sandbox-api'
import { SALES_DATASET_ID } from './sales-orders'
import { TARGETS_DATASET_ID } from './sales-targets'

export interface DemoApp {
  appId: string
  name: string
  datasetIds: readonly string[]
  dashboards: readonly Dashboard[]
  /** Every panel Single Panel can load by id (chartId / metricId / summaryId): the dashboards' and a few more. */
  panels: readonly PanelDefinition[]
}

/** The appid of Qrvey's documentation sample: the sandbox's main demo app. */
export const SALES_DEMO_APP_ID = '59VShVtjM'
export const OPS_DEMO_APP_ID = 'ops-demo'

type PanelSpec = Omit<PanelDefinition, 'layout' | 'datasetId'>

const sum = (column: string): Measure => ({ column, aggregate: 'sum' })
const count = (column: string): Measure => ({ column, aggregate: 'count' })
const avg = (column: string): Measure => ({ column, aggregate: 'avg' })

/** A panel at a place in the 12-column grid. */
function at(spec: PanelSpec, x: number, y: number, w: number, h: number, datasetId: string = SALES_DATASET_ID): PanelDefinition {
  return { ...spec, datasetId, layout: { x, y, w, h } }
}

/** Panels on the open targets dataset: they show numbers whatever the token's permissions. */
const TARGET_PANELS = {
  byRegion: { id: 'target-by-region', title: 'Revenue target by region', kind: 'bar', measure: sum('target'), groupBy: 'region' },
  byMonth: { id: 'target-by-month', title: 'Revenue target by month', kind: 'line', measure: sum('target'), groupBy: 'month' }
} satisfies Record<string, PanelSpec>

const KPI = {
  totalRevenue: { id: 'total-revenue', title: 'Total revenue', kind: 'kpi', measure: sum('revenue') },
  orders: { id: 'order-count', title: 'Orders', kind: 'kpi', measure: count('order_id') },
  units: { id: 'units-sold', title: 'Units sold', kind: 'kpi', measure: sum('units') },
  // Every row is one order, so the average revenue per row is the average order value.
  avgOrder: { id: 'avg-order-value', title: 'Average order value', kind: 'kpi', measure: avg('revenue') }
} satisfies Record<string, PanelSpec>

const SALES_PANELS = {
  byRegion: { id: 'revenue-by-region', title: 'Revenue by region', kind: 'bar', measure: sum('revenue'), groupBy: 'region' },
  byMonth: { id: 'revenue-by-month', title: 'Revenue by month', kind: 'line', measure: sum('revenue'), groupBy: 'month' },
  byCategory: { id: 'revenue-by-category', title: 'Revenue by category', kind: 'pie', measure: sum('revenue'), groupBy: 'category' },
  byProduct: { id: 'revenue-by-product', title: 'Revenue by product', kind: 'table', measure: sum('revenue'), groupBy: 'product' },
  unitsByProduct: { id: 'units-by-product', title: 'Units by product', kind: 'bar', measure: sum('units'), groupBy: 'product' },
  bySegment: { id: 'revenue-by-segment', title: 'Revenue by customer segment', kind: 'pie', measure: sum('revenue'), groupBy: 'customer_segment' },
  byCountry: { id: 'revenue-by-country', title: 'Revenue by country', kind: 'table', measure: sum('revenue'), groupBy: 'country' }
} satisfies Record<string, PanelSpec>

const OPS_PANELS = {
  byMonth: { id: 'orders-by-month', title: 'Orders by month', kind: 'line', measure: count('order_id'), groupBy: 'month' },
  unitsByCategory: { id: 'units-by-category', title: 'Units by category', kind: 'bar', measure: sum('units'), groupBy: 'category' },
  bySegment: { id: 'orders-by-segment', title: 'Orders by customer segment', kind: 'pie', measure: count('order_id'), groupBy: 'customer_segment' },
  unitsByRegion: { id: 'units-by-region', title: 'Units by region', kind: 'bar', measure: sum('units'), groupBy: 'region' },
  byCountry: { id: 'orders-by-country', title: 'Orders by country', kind: 'table', measure: count('order_id'), groupBy: 'country' }
} satisfies Record<string, PanelSpec>

const KPI_ROW = [at(KPI.totalRevenue, 0, 0, 3, 2), at(KPI.orders, 3, 0, 3, 2), at(KPI.units, 6, 0, 3, 2), at(KPI.avgOrder, 9, 0, 3, 2)]

const salesDashboards: Dashboard[] = [
  {
    id: 'overview',
    name: 'Overview',
    panels: [
      ...KPI_ROW,
      at(SALES_PANELS.byRegion, 0, 2, 6, 4),
      at(SALES_PANELS.byMonth, 6, 2, 6, 4),
      at(SALES_PANELS.byCategory, 0, 6, 4, 4),
      at(TARGET_PANELS.byRegion, 4, 6, 8, 4, TARGETS_DATASET_ID)
    ]
  },
  {
    id: 'products',
    name: 'Products',
    panels: [
      at(SALES_PANELS.byProduct, 0, 0, 6, 6),
      at(SALES_PANELS.unitsByProduct, 6, 0, 6, 6),
      at(SALES_PANELS.bySegment, 0, 6, 4, 4),
      at(SALES_PANELS.byCountry, 4, 6, 8, 4)
    ]
  }
]

const opsDashboards: Dashboard[] = [
  {
    id: 'ops-overview',
    name: 'Overview',
    panels: [
      at(KPI.orders, 0, 0, 6, 2),
      at(KPI.units, 6, 0, 6, 2),
      at(OPS_PANELS.byMonth, 0, 2, 8, 4),
      at(OPS_PANELS.bySegment, 8, 2, 4, 4),
      at(OPS_PANELS.unitsByCategory, 0, 6, 12, 4)
    ]
  },
  {
    id: 'ops-regions',
    name: 'Regions',
    panels: [at(OPS_PANELS.unitsByRegion, 0, 0, 6, 5), at(OPS_PANELS.byCountry, 6, 0, 6, 5)]
  }
]

/** The dashboards' panels first, then the standalone ones; one entry per id. */
function panelsOf(dashboards: readonly Dashboard[], extra: ReadonlyArray<PanelSpec | [PanelSpec, string]>): PanelDefinition[] {
  const byId = new Map<string, PanelDefinition>()
  for (const panel of dashboards.flatMap((dashboard) => dashboard.panels)) if (!byId.has(panel.id)) byId.set(panel.id, panel)
  // A standalone panel fills the whole grid width when shown on its own.
  for (const entry of extra) {
    const [spec, datasetId] = Array.isArray(entry) ? entry : [entry, SALES_DATASET_ID]
    if (!byId.has(spec.id)) byId.set(spec.id, at(spec, 0, 0, 12, 4, datasetId))
  }
  return [...byId.values()]
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}

export const DEMO_APPS: Readonly<Record<string, DemoApp>> = deepFreeze({
  [SALES_DEMO_APP_ID]: {
    appId: SALES_DEMO_APP_ID,
    name: 'Sales Analytics',
    datasetIds: [SALES_DATASET_ID, TARGETS_DATASET_ID],
    dashboards: salesDashboards,
    panels: panelsOf(salesDashboards, [[TARGET_PANELS.byMonth, TARGETS_DATASET_ID]])
  },
  [OPS_DEMO_APP_ID]: {
    appId: OPS_DEMO_APP_ID,
    name: 'Operations',
    datasetIds: [SALES_DATASET_ID, TARGETS_DATASET_ID],
    dashboards: opsDashboards,
    panels: panelsOf(opsDashboards, [KPI.totalRevenue, KPI.avgOrder, [TARGET_PANELS.byMonth, TARGETS_DATASET_ID]])
  }
})

export function findDemoApp(appId: string): DemoApp | undefined {
  // hasOwn: an appid such as "constructor" must not reach Object.prototype.
  return Object.hasOwn(DEMO_APPS, appId) ? DEMO_APPS[appId] : undefined
}

/** "59VShVtjM (Sales Analytics), ops-demo (Operations)": for 404 messages. */
export function describeDemoApps(): string {
  return Object.values(DEMO_APPS)
    .map((app) => `${app.appId} (${app.name})`)
    .join(', ')
}
