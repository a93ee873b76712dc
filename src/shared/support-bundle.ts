/**
 * The support bundle (issue 13): one file to hand to support, with what
 * they need to see why an embed fails, and no secret: the setup, the
 * environment (no key), the token request as sent (key redacted), the
 * token's header (never the token), the last preview's event log (console
 * errors and failed requests are in it), the doctor's last result, app and
 * OS versions. Built in main, passed through the same secret guard as
 * exports, and listed to the user before it is saved.
 */
import { z } from 'zod'
import { WIDGET_CATALOG } from './widget-catalog'

export const SUPPORT_BUNDLE_FORMAT = 'qrvey-embed-workbench-support-bundle'
export const SUPPORT_BUNDLE_VERSION = 1

const widgetIds = WIDGET_CATALOG.map((w) => w.id) as [string, ...string[]]

const logEntrySchema = z.strictObject({
  time: z.number().min(0),
  kind: z.string().max(40),
  name: z.string().max(200),
  message: z.string().max(4_000),
  level: z.string().max(10).optional(),
  detail: z.unknown().optional()
})
export type BundleLogEntry = z.infer<typeof logEntrySchema>

/** What the workbench page knows and main does not: the form, the last result and preview. */
export const supportBundleRequestSchema = z.strictObject({
  environmentId: z.string().min(1).max(200),
  setup: z
    .strictObject({
      name: z.string().max(500).optional(),
      widgetId: z.enum(widgetIds, { error: `widgetId must be one of ${widgetIds.join(', ')}` }),
      body: z.record(z.string(), z.unknown()).optional(),
      fields: z.record(z.string(), z.union([z.string().max(2_000), z.boolean()])).optional(),
      qrvey86OrNewer: z.boolean().optional()
    })
    .optional(),
  /** The last token request as the Result pane shows it (its key already redacted to the last four characters). */
  request: z
    .strictObject({
      method: z.string().max(10),
      url: z.string().max(4_096),
      headers: z.record(z.string(), z.string().max(4_096)),
      body: z.unknown()
    })
    .optional(),
  /** The JOSE header of the last token (alg, enc, kid): never the token itself. */
  tokenHeader: z.record(z.string(), z.unknown()).optional(),
  preview: z.strictObject({ widgetId: z.string().max(80).optional(), log: z.array(logEntrySchema).max(500) }).optional()
})
export type SupportBundleRequest = z.infer<typeof supportBundleRequestSchema>

/** One line of "what goes in", shown before the file is written. */
export interface BundleItem {
  title: string
  summary: string
}

export interface SupportBundle {
  fileName: string
  text: string
  items: BundleItem[]
  /** What the secret guard removed on the way (paths), to tell the user. */
  removed: string[]
}
