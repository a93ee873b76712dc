/**
 * Config keys that travelled inside the token. QRVEY.md §1: "any widget
 * config key may travel inside the token instead of the page: dashboardId,
 * pageid, qrveyid, orgId, styles, featurePermission, ... The widget uses the
 * token's value." The token is encrypted, so the widget learns them from the
 * sandbox's app answer (`tokenConfig`) and lays them over the page's
 * configuration: where the token names a dashboard or a dataset under any
 * spelling, the page's own spellings of that key give way.
 */
import type { WidgetConfig } from './config'

/** Spellings of one setting; a token value under any of them replaces the page's. */
const SYNONYMS: ReadonlyArray<readonly string[]> = [
  ['dashboardId', 'dashboard_id', 'pageId', 'page_id', 'pageid'],
  ['qrveyId', 'qrvey_id', 'qrveyid', 'datasetId'],
  ['clientId', 'clientid', 'client_id']
]

export function withTokenConfig(config: WidgetConfig, tokenConfig: Readonly<Record<string, unknown>> | undefined): WidgetConfig {
  if (!tokenConfig || Object.keys(tokenConfig).length === 0) return config
  const raw: Record<string, unknown> = { ...config.raw }
  for (const group of SYNONYMS) {
    if (group.some((key) => tokenConfig[key] !== undefined && tokenConfig[key] !== null && tokenConfig[key] !== '')) for (const key of group) delete raw[key]
  }
  for (const [key, value] of Object.entries(tokenConfig)) {
    if (value !== undefined && value !== null) raw[key] = value
  }
  return { ...config, raw }
}
