/**
 * Widget field values the widget will not find, said before Preview (issue
 * 11.7): the widget does not refuse them, it warns in the console (which the
 * preview's event log shows) and carries on with a default. Pure: the lists
 * come from the pickers' discovery, the themes from the sandbox's own list.
 */
import type { DiscoveryListing } from '@shared/discovery'
import { SANDBOX_THEME_IDS, sandboxTheme } from '@shared/sandbox-themes'

/** Single Panel's id keys and the panel type each belongs to, both ways. */
export const PANEL_TYPE_OF_KEY: Readonly<Record<string, string>> = { chartId: 'CHART', metricId: 'METRIC', summaryId: 'SUMMARY' }
export const PANEL_KEY_OF_TYPE: Readonly<Record<string, string>> = { CHART: 'chartId', METRIC: 'metricId', SUMMARY: 'summaryId' }

export interface FieldWarningContext {
  /** The active environment is the offline sandbox (whose themes are known). */
  sandbox: boolean
  pages?: DiscoveryListing
  panels?: DiscoveryListing
}

export function fieldWarning(key: string, raw: string, context: FieldWarningContext): string | undefined {
  const value = raw.trim()
  if (!value) return undefined
  if (key === 'themeId') {
    if (!context.sandbox || sandboxTheme(value)) return undefined
    return `"${value}" is not a theme of the sandbox's apps (${SANDBOX_THEME_IDS.join(', ')}): the widget keeps its default look and says so in the event log.`
  }
  if (key === 'dashboardId' || key === 'pageId') {
    const listing = context.pages
    if (!listing || listing.refused || listing.items.length === 0 || listing.items.some((item) => item.id === value)) return undefined
    const from = listing.from.charAt(0).toUpperCase() + listing.from.slice(1)
    return `${from} has no dashboard "${value}" in this app (it lists ${listing.items.map((item) => item.id).join(', ')}). Qrvey's docs do not say what the widget does then; the sandbox opens the first dashboard and warns in the event log.`
  }
  const wanted = PANEL_TYPE_OF_KEY[key]
  if (wanted) {
    const group = context.panels?.items.find((item) => item.id === value)?.group
    if (!group || group === wanted || !PANEL_KEY_OF_TYPE[group]) return undefined
    return `"${value}" is a ${group} panel, not a ${wanted}: Single Panel reads ${PANEL_KEY_OF_TYPE[group]} for type ${group}. Pick it from the list to switch the type.`
  }
  return undefined
}
