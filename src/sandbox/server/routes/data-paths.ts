/**
 * fastify patterns for SANDBOX_PATHS (src/shared/sandbox-api.ts). The shared
 * builders encode their arguments, so they cannot produce `:param` patterns;
 * the route tests call every route through SANDBOX_PATHS, which keeps the two
 * in step.
 */
export const DATA_ROUTES = {
  app: '/devapi/v4/user/:userId/app/:appId',
  dashboard: '/devapi/v4/user/:userId/app/:appId/builder/page/:dashboardId',
  panel: '/devapi/v4/user/:userId/app/:appId/qrvey/:datasetId/analytiq/chart/:panelId',
  query: '/devapi/v5/user/:userId/app/:appId/qrvey/:datasetId/analytics/results'
} as const
