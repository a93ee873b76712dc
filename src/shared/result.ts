/**
 * What every IPC handler returns. Errors travel as data, never as thrown
 * exceptions, because Electron flattens a thrown error across IPC into a
 * string and loses its code.
 */
import type { ErrorCode } from './error-codes'

export interface WorkbenchError {
  code: ErrorCode
  /** One sentence a user understands: what went wrong and what to do. */
  message: string
  /** The raw facts behind the message (status, body, system error), shown on request. */
  detail?: string
  /** For validation errors: where in the payload the problem is. */
  field?: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: WorkbenchError }

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function fail(code: ErrorCode, message: string, extra: Omit<WorkbenchError, 'code' | 'message'> = {}): {
  ok: false
  error: WorkbenchError
} {
  return { ok: false, error: { code, message, ...extra } }
}
