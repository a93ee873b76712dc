/**
 * Runs a bridge call and always returns a Result: a rejected promise (IPC
 * broke, main threw) or a reply of the wrong shape becomes an INTERNAL error
 * the UI can show like any other.
 */
import { fail, type Result } from '@shared/result'

export async function callBridge<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  let reply: unknown
  try {
    reply = await call()
  } catch (error) {
    return fail('INTERNAL', 'The workbench could not reach its main process. Try again; if it keeps failing, restart the workbench.', {
      detail: errorText(error)
    })
  }
  if (isResult(reply)) return reply as Result<T>
  return fail('INTERNAL', 'The main process answered with something the workbench does not understand.', {
    detail: describe(reply)
  })
}

function isResult(reply: unknown): boolean {
  if (!reply || typeof reply !== 'object' || !('ok' in reply)) return false
  if ((reply as { ok: unknown }).ok === true) return 'value' in reply
  const error = (reply as { error?: unknown }).error
  return !!error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string'
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`
  return describe(error)
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/**
 * Picks the form field an error's `field` points at: main may report
 * `domain`, `body.userid` or `body/permissions/0`; the form knows `userid`.
 */
export function fieldKey<K extends string>(field: string | undefined, known: readonly K[]): K | undefined {
  if (!field) return undefined
  const parts = field.split(/[./[\]]+/).filter(Boolean)
  for (const part of parts) {
    if ((known as readonly string[]).includes(part)) return part as K
  }
  return undefined
}
