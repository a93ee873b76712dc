/**
 * `POST /devapi/v4/core/login/token`: Qrvey's Generate Token API. Checks the
 * `x-api-key` header, validates the body with the same schema the workbench
 * uses before sending, and answers `{"token": "..."}` with a sandbox JWE.
 */
import type { FastifyPluginAsync } from 'fastify'
import { SANDBOX_WARNING_HEADER } from '../../../shared/sandbox-api'
import { qrveyTokenBodySchema } from '../../../shared/token-request'
import { issueMessages } from '../../../shared/validation-messages'
import { apiKeyCheck } from '../api-key-check'
import type { SandboxControl } from '../control'
import { headerJson } from '../header-json'
import type { CallbackOnRequestHook } from '../misbehaviour'
import { sendQrveyError } from '../qrvey-error'
import type { TokenIssuer } from '../token-issuer'
import { tokenWarnings } from '../token-warnings'

export const TOKEN_PATH = '/devapi/v4/core/login/token'

export { REJECTED_KEY_MESSAGE } from '../api-key-check'

export interface TokenRouteOptions {
  apiKey: string
  issuer: TokenIssuer
  control: SandboxControl
  /** Latency and simulated failures, applied before anything else. */
  misbehave: CallbackOnRequestHook
}

const NOT_AN_OBJECT =
  'The request body must be a JSON object such as {"userid": "...", "appid": "..."}, sent with Content-Type: application/json'

export const tokenRoute: FastifyPluginAsync<TokenRouteOptions> = async (app, options) => {
  const checkApiKey = apiKeyCheck(options.apiKey, options.control)

  app.post(TOKEN_PATH, { onRequest: [options.misbehave, checkApiKey] }, async (request, reply) => {
    const body: unknown = request.body
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return sendQrveyError(reply, 400, NOT_AN_OBJECT)
    }
    // Every shape Qrvey's docs and samples send; the rest is warned about, not refused.
    const parsed = qrveyTokenBodySchema.safeParse(body)
    if (!parsed.success) {
      return sendQrveyError(reply, 400, issueMessages(parsed.error))
    }
    const modes = options.control.get()
    const lifetime = modes.tokenLifetimeSeconds ?? undefined
    const token = await options.issuer.issue(parsed.data, { lifetimeSeconds: lifetime, clockSkewSeconds: modes.clockSkewSeconds })
    const warnings = tokenWarnings(parsed.data, {
      lifetimeSeconds: lifetime === undefined ? options.issuer.lifetimeSeconds(parsed.data.expiresIn) : Math.min(lifetime, options.issuer.maxLifetimeSeconds),
      maxLifetimeSeconds: options.issuer.maxLifetimeSeconds,
      rehearsalLifetimeSeconds: lifetime
    })
    if (warnings.length > 0) reply.header(SANDBOX_WARNING_HEADER, headerJson(warnings))
    return reply.code(200).send({ token })
  })
}
