/**
 * Applies the rehearsal modes that every API route shares: added latency and
 * simulated failures. A fastify onRequest hook, registered on the token and
 * data routes only (never on widget files or CORS preflights: a host page
 * that cannot load the widget script at all is not the failure being rehearsed).
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { SandboxControl } from './control'
import { sendQrveyError } from './qrvey-error'

/** Waits `ms`; must settle early (resolve) once `signal` aborts, so closing the sandbox is not held up. */
export type Delay = (ms: number, signal: AbortSignal) => Promise<void>
/** A number in [0, 1), like Math.random. */
export type RandomSource = () => number

export const SIMULATED_FAILURE_MESSAGE = 'Sandbox rehearsal: simulated failure'

export const realDelay: Delay = (ms, signal) => sleep(ms, undefined, { signal }).catch(() => undefined)

export interface MisbehaviourOptions {
  control: SandboxControl
  delay: Delay
  random: RandomSource
  /** Aborted when the sandbox starts closing. */
  closing: AbortSignal
}

export type OnRequestHook = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>

export function misbehaviourHook(options: MisbehaviourOptions): OnRequestHook {
  return async (_request, reply) => {
    const modes = options.control.get()
    if (modes.latencyMs > 0) await options.delay(modes.latencyMs, options.closing)
    // The random source is only consulted when failures are on, so a scripted
    // source in a test lines up with the requests that can fail.
    if (modes.failureRate > 0 && options.random() < modes.failureRate) {
      return sendQrveyError(reply, 503, SIMULATED_FAILURE_MESSAGE)
    }
    return undefined
  }
}
