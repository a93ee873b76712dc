/**
 * Error bodies in the shape Qrvey's API is known to answer with
 * (`{"status":"error","date":...,"errors":[{"message":...}]}`), so the
 * workbench's error display is exercised by the sandbox the same way a real
 * instance would exercise it.
 */
import type { FastifyReply } from 'fastify'

export interface QrveyErrorBody {
  status: 'error'
  /** ISO 8601 time of the failure. */
  date: string
  errors: Array<{ message: string }>
}

export function qrveyErrorBody(messages: string | readonly string[], now: Date = new Date()): QrveyErrorBody {
  const list = typeof messages === 'string' ? [messages] : messages
  return { status: 'error', date: now.toISOString(), errors: list.map((message) => ({ message })) }
}

/** Sends a Qrvey-shaped error; returns the reply so a handler can `return sendQrveyError(...)`. */
export function sendQrveyError(reply: FastifyReply, statusCode: number, messages: string | readonly string[]): FastifyReply {
  return reply.code(statusCode).type('application/json; charset=utf-8').send(qrveyErrorBody(messages))
}
