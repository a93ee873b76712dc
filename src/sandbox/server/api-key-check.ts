/**
 * The `x-api-key` check of the host-backend API (Generate Token and the dev
 * API lists). Runs as an onRequest hook, before the body is read, so a caller
 * without a valid key learns nothing about body validation (as behind an API
 * gateway), and an unauthenticated body is never parsed at all.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import type { SandboxControl } from './control'
import { sendQrveyError } from './qrvey-error'

export const REJECTED_KEY_MESSAGE = 'Invalid API key (sandbox rehearsal mode)'

/**
 * Compares digests rather than the keys themselves: timingSafeEqual needs
 * equal lengths, and comparing fixed-size hashes keeps a wrong key's length
 * from showing in the timing or needing an early, length-revealing return.
 */
function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest()
}

/** Why the presented key is refused, or undefined when it is the sandbox's. */
function refusal(request: FastifyRequest, expected: Buffer, control: SandboxControl): string | undefined {
  const header = request.headers['x-api-key']
  const presented = Array.isArray(header) ? header.join(',') : header
  if (presented === undefined || presented.trim() === '') return 'Missing x-api-key header'
  // Rehearsal of a revoked or mistyped key: even the right one is refused.
  if (control.get().rejectKey) return REJECTED_KEY_MESSAGE
  // Never echo or log the presented key: it may be a real Qrvey key sent here by mistake.
  if (!timingSafeEqual(digest(presented), expected)) return 'Invalid API key'
  return undefined
}

/**
 * Callback style (issue 15): it runs on every token request, and an async hook costs a promise and
 * a microtask each. Sending the 401 without calling `done` ends the request there, as returning
 * the reply did from the async hook it replaces.
 */
export function apiKeyCheck(apiKey: string, control: SandboxControl) {
  const expected = digest(apiKey)
  return (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    const refused = refusal(request, expected, control)
    if (refused === undefined) done()
    else sendQrveyError(reply, 401, refused)
  }
}
