/**
 * What tests and the e2e suite need to compute expected results without the
 * HTTP layer: the rows, the permission filter, the query engine, the apps.
 */
export type { CellValue, Dataset, Row } from './dataset'
export { DEMO_APPS, describeDemoApps, findDemoApp, OPS_DEMO_APP_ID, SALES_DEMO_APP_ID, type DemoApp } from './demo-apps'
export { filterByPermissions, listInWords, permissionApplies, visibleRows, type PermissionOutcome, type Permissions } from './permissions-filter'
export { runQuery, type QueryOutput } from './query'
export { MAX_QUERY_LIMIT, measureName, parseQueryRequest, type ParsedQuery } from './query-schema'
export { DEMO_DATASET_IDS, demoDatasetById } from './registry'
export { round2 } from './round'
export { demoDataset, FINANCE_ROLE, generateSalesOrders, SALES_COLUMNS, SALES_DATASET_ID, SALES_ORDER_COUNT, SALES_SECURITY_NAMES, type SalesOrder } from './sales-orders'
export { generateSalesTargets, TARGET_COLUMNS, TARGETS_DATASET_ID, targetsDataset } from './sales-targets'
export { assetAccess, type AssetAccess } from './asset-access'
export { parseDashboard, type ParsedDashboard } from './dashboard-schema'
