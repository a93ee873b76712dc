/**
 * Who is calling a data route: the `Authorization: Bearer <token>` header,
 * verified with the sandbox's TokenIssuer, checked against the user and app
 * in the URL ("me" stands for the token's own, see SANDBOX_SELF_ID). Runs as an onRequest hook, so a request without a good token
 * never has its body parsed. Widgets turn the 401s into `qvTokenExpired`.
 *
 * API-key mode: Qrvey documents the API key in the widget config as a
 * development option ("API Key — for dev & testing only", widget-authentication.md),
 * so a request with the sandbox's own key as `x-api-key` and no bearer token
 * is let in too: the user and app are the URL's, the clientid the page's
 * (SANDBOX_CLIENT_ID_HEADER), and there are no record permissions, exactly as
 * when a page holds the key instead of a token.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { permissionsSchema, type DatasetPermission } from '../../shared/permissions'
import { SANDBOX_CLIENT_ID_HEADER, SANDBOX_SELF_ID } from '../../shared/sandbox-api'
import type { SandboxControl } from './control'
import { describeDemoApps, findDemoApp, SALES_DEMO_APP_ID, type DemoApp } from '../data'
import type { OnRequestHook } from './misbehaviour'
import { sendQrveyError } from './qrvey-error'
import type { TokenClaims, TokenIssuer } from './token-issuer'

export const AUTH_MESSAGES = {
  missing: 'Missing token: send it as Authorization: Bearer <qv_token> (or, for development only, the API key as x-api-key)',
  badKey: 'Invalid API key',
  rejectedKey: 'Invalid API key (sandbox rehearsal mode)',
  keyWithoutApp: 'API-key mode needs the app in the widget configuration: set "appId" (or app_id / appid)',
  invalid: 'Invalid token: it was not issued by this sandbox run (each run has its own key), or it was changed',
  expired: 'Token expired: generate a new one'
} as const

export interface CallerContext {
  /** How the caller authenticated: a token, or the sandbox's API key (development mode). */
  mode: 'token' | 'apiKey'
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

export interface ApiKeyModeOptions {
  /** The sandbox's API key, accepted as `x-api-key` in place of a token. */
  apiKey: string
  /** The rehearsal modes: "reject key" refuses this key too. */
  control?: SandboxControl
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest()
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name]
  const text = Array.isArray(value) ? value.join(',') : value
  return text === undefined || text.trim() === '' ? undefined : text.trim()
}

/** The user of an API-key request without a userId (Qrvey's Vue/Angular samples send only appid). */
export const API_KEY_DEFAULT_USER = 'api-key-user'

export interface RouteAuthOptions {
  /**
   * The route does not belong to one app (the Download Manager lists a
   * user's exports; its API-key config has no appId): an API-key request
   * with "me" as the app is let in, with the sandbox's main demo app.
   */
  appOptional?: boolean
}

export function bearerAuth(issuer: TokenIssuer, keyMode?: ApiKeyModeOptions, route: RouteAuthOptions = {}): OnRequestHook {
  const expectedKey = keyMode ? digest(keyMode.apiKey) : undefined
  return async (request, reply) => {
    const token = bearerToken(request)
    const presentedKey = header(request, 'x-api-key')
    if (!token && presentedKey !== undefined && expectedKey) {
      if (keyMode?.control?.get().rejectKey) return unauthorized(reply, AUTH_MESSAGES.rejectedKey, 'invalid_token')
      // Never echo the presented key: it may be a real Qrvey key sent here by mistake.
      if (!timingSafeEqual(digest(presentedKey), expectedKey)) return unauthorized(reply, AUTH_MESSAGES.badKey, 'invalid_token')
      const params = request.params as AppParams
      const appId = params.appId === SANDBOX_SELF_ID && route.appOptional ? SALES_DEMO_APP_ID : params.appId
      if (appId === SANDBOX_SELF_ID) return sendQrveyError(reply, 400, AUTH_MESSAGES.keyWithoutApp)
      const userId = params.userId === SANDBOX_SELF_ID ? API_KEY_DEFAULT_USER : params.userId
      const app = findDemoApp(appId)
      if (!app) return sendQrveyError(reply, 404, `Unknown app "${params.appId}"; the sandbox's demo apps are: ${describeDemoApps()}`)
      const clientId = header(request, SANDBOX_CLIENT_ID_HEADER) ?? ''
      const now = Math.floor(Date.now() / 1000)
      const claims = { userid: userId, appid: appId, clientid: clientId || null, iat: now, exp: now, iss: 'api-key' } as unknown as TokenClaims
      contexts.set(request, { mode: 'apiKey', claims, userId, appId, permissions: undefined, app, clientId })
      return undefined
    }
    if (!token) return unauthorized(reply, AUTH_MESSAGES.missing, 'invalid_request')
    const verified = await issuer.verify(token)
    if (!verified.ok) return unauthorized(reply, AUTH_MESSAGES[verified.reason], 'invalid_token')

    const { claims } = verified
    const params = request.params as AppParams
    const userId = params.userId === SANDBOX_SELF_ID ? claims.userid : params.userId
    const appId = params.appId === SANDBOX_SELF_ID ? claims.appid : params.appId
    if (claims.userid !== userId) return sendQrveyError(reply, 403, `The token is for user "${claims.userid}", not "${userId}" in the URL`)
    if (claims.appid !== appId) return sendQrveyError(reply, 403, `The token is for app "${claims.appid}", not "${appId}" in the URL`)

    const app = findDemoApp(appId)
    if (!app) return sendQrveyError(reply, 404, `Unknown app "${appId}"; the sandbox's demo apps are: ${describeDemoApps()}`)

    // The token route validated these when issuing; checked again because a
    // filter that misreads its input would show rows it must not.
    const permissions = permissionsSchema.optional().safeParse(claims.permissions)
    if (!permissions.success) return sendQrveyError(reply, 403, 'The token\'s permissions are malformed; the sandbox shows no data')

    contexts.set(request, { mode: 'token', claims, userId, appId, permissions: permissions.data, app, clientId: typeof claims.clientid === 'string' ? claims.clientid : '' })
    return undefined
  }
}
