/**
 * What the pickers offer: an environment's applications, dashboards/pages,
 * datasets (with their security names and values) and panels, as main
 * lists them through the documented dev API with the key it holds (or, for
 * the offline sandbox, from its data). Where an instance refuses a list, the
 * field stays free text and `refused` says why.
 */
import { z } from 'zod'
import type { Setup } from './setup'

export type DiscoveryKind = 'apps' | 'pages' | 'datasets' | 'panels'

export const discoveryRequestSchema = z.strictObject({
  environmentId: z.string().min(1),
  kind: z.enum(['apps', 'pages', 'datasets', 'panels']),
  userid: z.string().max(256).optional(),
  appid: z.string().max(256).optional(),
  /** Panels: only this dataset's. */
  datasetId: z.string().max(256).optional()
})
export type DiscoveryRequest = z.infer<typeof discoveryRequestSchema>

export interface SecurityNameInfo {
  /** The security_name record permissions use. */
  name: string
  type: 'text' | 'number' | 'date'
  /** Values that exist (text: the distinct values; number/date: min and max). */
  values: Array<string | number>
}

export interface DiscoveryItem {
  id: string
  label: string
  /** Panels: CHART, METRIC or SUMMARY (the Single Panel `type`). */
  group?: string
  hint?: string
  /** Panels: the dataset (qrveyId) they belong to. */
  datasetId?: string
  /** Datasets: their security names with the values that exist. */
  securityNames?: SecurityNameInfo[]
}

export interface DiscoveryListing {
  kind: DiscoveryKind
  /** Where it came from, in words ("the offline sandbox", "Acme staging's dev API"). */
  from: string
  items: DiscoveryItem[]
  /** Set when the list could not be had: the field stays free text, and this says why. */
  refused?: string
}

/** A ready-made setup the sandbox ships ("Start with a demo"). */
export interface DemoSetupView {
  id: string
  description: string
  /** A row-level-security example. */
  rls: boolean
  setup: Setup
}
