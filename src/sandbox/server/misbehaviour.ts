/**
 * Applies the rehearsal modes that every API route shares: added latency and
 * simulated failures. A fastify onRequest hook, registered on the token and
 * data routes only (never on widget files or CORS preflights: a host page
 * that cannot load the widget script at all is not the failure being rehearsed).
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
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

/** A callback-style onRequest hook: it calls `done` to go on, or sends the reply and does not. */
export type CallbackOnRequestHook = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void

/**
 * Callback style (issue 15): it runs on every token and data request, and with every mode off
 * (nearly always) it goes straight on, without the promise and microtask an async hook costs.
 */
export function misbehaviourHook(options: MisbehaviourOptions): CallbackOnRequestHook {
  return (_request, reply, done) => {
    const modes = options.control.get()
    const decide = (): void => {
      // The random source is only consulted when failures are on, so a scripted
      // source in a test lines up with the requests that can fail.
      if (modes.failureRate > 0 && options.random() < modes.failureRate) sendQrveyError(reply, 503, SIMULATED_FAILURE_MESSAGE)
      else done()
    }
    if (modes.latencyMs > 0) options.delay(modes.latencyMs, options.closing).then(decide, (error: Error) => done(error))
    else decide()
  }
}
