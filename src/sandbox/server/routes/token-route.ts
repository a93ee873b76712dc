/**
 * `POST /devapi/v4/core/login/token`: Qrvey's Generate Token API. Checks the
 * `x-api-key` header, validates the body with the same schema the workbench
 * uses before sending, and answers `{"token": "..."}` with a sandbox JWE.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { tokenBodySchema } from '../../../shared/token-request'
import type { SandboxControl } from '../control'
import type { OnRequestHook } from '../misbehaviour'
import { sendQrveyError } from '../qrvey-error'
import type { TokenIssuer } from '../token-issuer'
import { issueMessages } from '../../../shared/validation-messages'

export const TOKEN_PATH = '/devapi/v4/core/login/token'

export const REJECTED_KEY_MESSAGE = 'Invalid API key (sandbox rehearsal mode)'

export interface TokenRouteOptions {
  apiKey: string
  issuer: TokenIssuer
  control: SandboxControl
  /** Latency and simulated failures, applied before anything else. */
  misbehave: OnRequestHook
}

/**
 * Compares digests rather than the keys themselves: timingSafeEqual needs
 * equal lengths, and comparing fixed-size hashes keeps a wrong key's length
 * from showing in the timing or needing an early, length-revealing return.
 */
function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest()
}

const NOT_AN_OBJECT =
  'The request body must be a JSON object such as {"userid": "...", "appid": "..."}, sent with Content-Type: application/json'

export const tokenRoute: FastifyPluginAsync<TokenRouteOptions> = async (app, options) => {
  const expected = digest(options.apiKey)

  // onRequest runs before the body is read, so a caller without a valid key
  // learns nothing about body validation (as behind an API gateway), and an
  // unauthenticated body is never parsed at all.
  // Returning the reply after sending tells fastify to stop the lifecycle there.
  const checkApiKey = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const header = request.headers['x-api-key']
    const presented = Array.isArray(header) ? header.join(',') : header
    if (presented === undefined || presented.trim() === '') {
      return sendQrveyError(reply, 401, 'Missing x-api-key header')
    }
    // Rehearsal of a revoked or mistyped key: even the right one is refused.
    if (options.control.get().rejectKey) return sendQrveyError(reply, 401, REJECTED_KEY_MESSAGE)
    // Never echo or log the presented key: it may be a real Qrvey key sent here by mistake.
    if (!timingSafeEqual(digest(presented), expected)) {
      return sendQrveyError(reply, 401, 'Invalid API key')
    }
    return undefined
  }

  app.post(TOKEN_PATH, { onRequest: [options.misbehave, checkApiKey] }, async (request, reply) => {
    const body: unknown = request.body
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return sendQrveyError(reply, 400, NOT_AN_OBJECT)
    }
    const parsed = tokenBodySchema.safeParse(body)
    if (!parsed.success) {
      return sendQrveyError(reply, 400, issueMessages(parsed.error))
    }
    const modes = options.control.get()
    const token = await options.issuer.issue(parsed.data, {
      lifetimeSeconds: modes.tokenLifetimeSeconds ?? undefined,
      clockSkewSeconds: modes.clockSkewSeconds
    })
    return reply.code(200).send({ token })
  })
}
