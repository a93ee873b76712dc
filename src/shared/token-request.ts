/**
 * The body of `POST {domain}/devapi/v4/core/login/token`, validated the same
 * way in the renderer (as the user types) and in main (before it is sent).
 */
import { z } from 'zod'
import { permissionsSchema } from './permissions'
import type { TokenLifetime } from './token-lifetime'

import { EXPIRES_IN_PATTERN, MAX_TIMEOUT_MS } from './token-constants'

export { EXPIRES_IN_PATTERN, FORM_OWNED_KEYS, DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS } from './token-constants'

export const expiresInSchema = z
  .string()
  .regex(EXPIRES_IN_PATTERN, 'expiresIn must be a whole number and a unit: "30s", "10m", "1h", "7d" or "1w"')

const idText = (name: string, what: string) =>
  z
    .string({ error: `${name} is required: ${what}` })
    .trim()
    .min(1, `${name} is required: ${what}`)
    .max(256, `${name} is longer than 256 characters`)

export const tokenBodySchema = z
  .object({
    userid: idText('userid', 'the Qrvey user who owns the content'),
    appid: idText('appid', 'the Qrvey application to embed'),
    clientid: z.string().max(256, 'clientid is longer than 256 characters').optional(),
    expiresIn: expiresInSchema.optional(),
    version: z.string().optional(),
    permissions: permissionsSchema.optional(),
    asset_permissions: z.record(z.string(), z.unknown(), { error: 'asset_permissions must be an object' }).optional(),
    roles: z.union([z.string(), z.array(z.string())], { error: 'roles must be a text or a list of texts' }).optional()
  })
  // Qrvey lets any widget property travel inside the token (orgId, dashboardId, ...).
  .catchall(z.unknown())

/**
 * Every body shape Qrvey's docs and samples send to the Generate Token API,
 * which the sandbox's token route accepts (it warns about what the docs
 * leave open, see src/sandbox/server/token-warnings.ts):
 * - userid absent (a v9 page marks it "not required"), appid absent
 *   (widget-demo-server's Analytic Suite body);
 * - clientid null (QrveyDemoApp sends `clientid: null` for builders);
 * - version 2 as a number (the schema table types it Number) or "2" (examples);
 * - expiresIn as a duration text, or a number of seconds (not in the docs).
 * The workbench's own form keeps tokenBodySchema, which asks for userid and appid.
 */
export const qrveyTokenBodySchema = tokenBodySchema.extend({
  userid: z.string({ error: 'userid must be a text' }).trim().max(256, 'userid is longer than 256 characters').optional(),
  appid: z.string({ error: 'appid must be a text' }).trim().max(256, 'appid is longer than 256 characters').optional(),
  clientid: z.string({ error: 'clientid must be a text or null' }).max(256, 'clientid is longer than 256 characters').nullable().optional(),
  expiresIn: z
    .union([expiresInSchema, z.number().int().positive()], {
      error: 'expiresIn must be a duration such as "10m", "1h", "1w" (or a whole number of seconds)'
    })
    .optional(),
  version: z.union([z.string(), z.number()], { error: 'version must be 2 or "2"' }).optional()
})

export type QrveyTokenBody = z.infer<typeof qrveyTokenBodySchema>

export type TokenBody = z.infer<typeof tokenBodySchema>

/** A request id the renderer makes with crypto.randomUUID(). */
export const requestIdSchema = z.uuid({ error: 'requestId must be a UUID' })

export const generateTokenRequestSchema = z.strictObject({
  environmentId: z.string().min(1, 'choose an environment'),
  body: tokenBodySchema,
  /** What the history records beside the request: the open setup and the widget. */
  context: z
    .strictObject({
      setupName: z.string().max(500).optional(),
      widgetId: z.string().max(64).optional(),
      /** The widget's fields, so History can restore them on a re-run (they are not part of the body). */
      widgetFields: z.record(z.string().max(64), z.union([z.string().max(2_000), z.boolean()])).optional(),
      qrvey86OrNewer: z.boolean().optional()
    })
    .optional(),
  timeoutMs: z.number().int().min(100, 'timeout must be at least 100 ms').max(MAX_TIMEOUT_MS, 'timeout must be at most 120 s').optional(),
  /** Chosen by the renderer so `tokens:cancel` can name this request while it waits (issue 11). */
  requestId: requestIdSchema.optional()
})

/** `tokens:cancel`: stops the request with this id if it is still waiting for an answer. */
export const cancelTokenRequestSchema = z.strictObject({ requestId: requestIdSchema })

export type GenerateTokenRequest = z.infer<typeof generateTokenRequestSchema>

export interface SentRequest {
  method: 'POST'
  url: string
  /** Headers as sent, with the API key redacted to its last four characters. */
  headers: Record<string, string>
  body: TokenBody
}

export interface GenerateTokenResult {
  token: string
  /**
   * What the server said it assumed where Qrvey's docs are silent (the
   * sandbox's x-qrvey-sandbox-warning header); absent when it said nothing.
   */
  warnings?: string[]
  status: number
  durationMs: number
  request: SentRequest
  /** When the token stops working, and how sure that is (token-lifetime.ts). */
  lifetime?: TokenLifetime
}
