/**
 * The unsaved form, kept by main between sessions (a reload, a closed
 * window, a crash): what the token form held, which setup it belonged to,
 * and when. Never an API key or a full token: main refuses to keep a draft
 * that holds one (the secret guard), and the form has no key field.
 */
import { z } from 'zod'

const short = (max: number) => z.string().max(max)

export const draftFormSchema = z.strictObject({
  widgetId: short(80),
  widgetValues: z.record(short(80), z.record(short(64), z.union([short(2_000), z.boolean()]))),
  fields: z.strictObject({ userid: short(256), appid: short(256), clientid: short(256), expiresIn: short(64) }),
  timeoutText: short(64),
  permissionsText: short(500_000),
  extraText: short(500_000),
  qrvey86: z.boolean()
})

export const draftSchema = z.strictObject({
  /** The saved setup the edits belong to; null for a form never saved. */
  setupId: short(300).nullable(),
  /** A draft's own name (a setup deleted on disk), else empty. */
  draftName: short(500),
  /** The environment by name, as a setup names it. */
  environment: short(80),
  form: draftFormSchema
})

export type Draft = z.infer<typeof draftSchema>

/** A kept draft with the time main wrote it. */
export interface KeptDraft extends Draft {
  savedAt: string
}
