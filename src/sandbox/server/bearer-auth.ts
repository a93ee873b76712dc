/**
 * Who is calling a data route: the `Authorization: Bearer <token>` header,
 * verified with the sandbox's TokenIssuer, checked against the user and app
 * in the URL ("me" stands for the token's own, see SANDBOX_SELF_ID). Runs as an onRequest hook, so a request without a good token
 * never has its body parsed. Widgets turn the 401s into `qvTokenExpired`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import { permissionsSchema, type DatasetPermission } from '../../shared/permissions'
import { SANDBOX_SELF_ID } from '../../shared/sandbox-api'
import { describeDemoApps, findDemoApp, type DemoApp } from '../data'
import type { OnRequestHook } from './misbehaviour'
import { sendQrveyError } from './qrvey-error'
import type { TokenClaims, TokenIssuer } from './token-issuer'
import { appForDataset } from './token-warnings'

export const AUTH_MESSAGES = {
  missing: 'Missing token: send it as Authorization: Bearer <qv_token>',
  invalid: 'Invalid token: it was not issued by this sandbox run (each run has its own key), or it was changed',
  expired: 'Token expired: generate a new one'
} as const

/** The user of a token without userid, when the widget names none either. */
export const ANONYMOUS_USER = '(no userid)'
export const NO_APP_MESSAGE =
  'The token has no appid and the widget configuration no appId (nor a qrveyid the sandbox knows): put appId in the widget configuration or appid in the token'

function present(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

export interface CallerContext {
  claims: TokenClaims
  /** The user and app of the request: the URL's, or the token's where the URL says "me". */
  userId: string
  appId: string
  /** The token's record permissions; undefined when it carries none. */
  permissions: readonly DatasetPermission[] | undefined
  app: DemoApp
  /** The token's clientid; '' when it has none, so such users share one slot. */
  clientId: string
}

export interface AppParams {
  userId: string
  appId: string
}

const contexts = new WeakMap<FastifyRequest, CallerContext>()

/** The context the auth hook stored; only call from a handler behind that hook. */
export function callerOf(request: FastifyRequest): CallerContext {
  const context = contexts.get(request)
  if (!context) throw new Error('callerOf: the route has no bearerAuth hook')
  return context
}

function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')
  return match?.[1]
}

function unauthorized(reply: FastifyReply, message: string, error: string): FastifyReply {
  // RFC 6750's challenge, so a generic HTTP client also learns why.
  reply.header('www-authenticate', `Bearer error="${error}"`)
  return sendQrveyError(reply, 401, message)
}

export function bearerAuth(issuer: TokenIssuer): OnRequestHook {
  return async (request, reply) => {
    const token = bearerToken(request)
    if (!token) return unauthorized(reply, AUTH_MESSAGES.missing, 'invalid_request')
    const verified = await issuer.verify(token)
    if (!verified.ok) return unauthorized(reply, AUTH_MESSAGES[verified.reason], 'invalid_token')

    const { claims } = verified
    const params = request.params as AppParams
    // A token may lack userid (a v9 page) or appid (widget-demo-server's Analytic
    // Suite); the token route warned. Then the URL's ids stand, and without an
    // appid anywhere the app holding the token's qrveyid dataset.
    const tokenUser = present(claims.userid)
    const tokenApp = present(claims.appid)
    const userId = params.userId === SANDBOX_SELF_ID ? (tokenUser ?? ANONYMOUS_USER) : params.userId
    const appId = params.appId === SANDBOX_SELF_ID ? (tokenApp ?? appForDataset(claims.qrveyid ?? claims.qrveyId)) : params.appId
    if (appId === undefined) return sendQrveyError(reply, 404, NO_APP_MESSAGE)
    if (tokenUser !== undefined && tokenUser !== userId) return sendQrveyError(reply, 403, `The token is for user "${tokenUser}", not "${userId}" in the URL`)
    if (tokenApp !== undefined && tokenApp !== appId) return sendQrveyError(reply, 403, `The token is for app "${tokenApp}", not "${appId}" in the URL`)

    const app = findDemoApp(appId)
    if (!app) return sendQrveyError(reply, 404, `Unknown app "${appId}"; the sandbox's demo apps are: ${describeDemoApps()}`)

    // The token route validated these when issuing; checked again because a
    // filter that misreads its input would show rows it must not.
    const permissions = permissionsSchema.optional().safeParse(claims.permissions)
    if (!permissions.success) return sendQrveyError(reply, 403, 'The token\'s permissions are malformed; the sandbox shows no data')

    contexts.set(request, { claims, userId, appId, permissions: permissions.data, app, clientId: typeof claims.clientid === 'string' ? claims.clientid : '' })
    return undefined
  }
}
