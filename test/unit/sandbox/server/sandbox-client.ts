/** Real HTTP against a started sandbox, for the route tests. */
import { expect } from 'vitest'
import type { QrveyErrorBody } from '../../../../src/sandbox/server/qrvey-error'
import type { SandboxHandle } from '../../../../src/sandbox/server/server'
import type { QrveyTokenBody } from '../../../../src/shared/token-request'

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

export interface CallOptions {
  method?: string
  token?: string
  body?: unknown
  headers?: Record<string, string>
}

export function call(sandbox: SandboxHandle, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  return fetch(`${sandbox.url}${path}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(10_000)
  })
}

/** A token from the sandbox's own issuer (the token route has its own tests). */
export function tokenFor(sandbox: SandboxHandle, body: QrveyTokenBody): Promise<string> {
  return sandbox.issuer.issue(body)
}

/** A token through the real token route. */
export async function tokenViaRoute(sandbox: SandboxHandle, body: QrveyTokenBody): Promise<Response> {
  return fetch(`${sandbox.url}/devapi/v4/core/login/token`, {
    method: 'POST',
    headers: { 'x-api-key': sandbox.apiKey, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000)
  })
}

/** The messages of a Qrvey-shaped error body, checking the shape on the way. */
export async function qrveyError(response: Response): Promise<string[]> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  const body = (await response.json()) as QrveyErrorBody
  expect(body.status).toBe('error')
  expect(body.date).toMatch(ISO_DATE)
  expect(body.errors.length).toBeGreaterThan(0)
  return body.errors.map((error) => error.message)
}
