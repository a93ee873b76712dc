/**
 * The checks of one rendered case, from the token result and what Chromium
 * saw: token obtained, widget rendered, no console errors, no failed
 * requests, expected events. Expectations (personas) are added by the caller.
 */
import type { Result } from '../../shared/result'
import type { GenerateTokenResult } from '../../shared/token-request'
import type { CheckResult } from './results'
import type { RenderObservation } from '../../main/headless/render-widget'

/** The loaded rules decide what a render waits for; the run's 'expected events' check follows the same. */
export { expectsItemsLoaded } from '../../main/headless/loaded-rules'

export const CHECK_NAMES = ['token obtained', 'widget rendered', 'no console errors', 'no failed requests', 'expected events'] as const

const MAX_LINES = 20

const MAX_LINE = 500

/** One line per item (a console error's stack stays in the browser), at most MAX_LINES of them. */
function lines(items: readonly string[]): string[] {
  const one = items.map((item) => {
    const first = item.split('\n')[0]
    return first.length > MAX_LINE ? `${first.slice(0, MAX_LINE)}…` : first
  })
  return one.length > MAX_LINES ? [...one.slice(0, MAX_LINES), `… and ${one.length - MAX_LINES} more`] : one
}

/** The checks that did not run because an earlier step failed. */
export function notRun(reason: string): CheckResult[] {
  return CHECK_NAMES.slice(1).map((name) => ({ name, verdict: 'skipped' as const, message: `not run: ${reason}` }))
}

export function tokenCheck(result: Result<GenerateTokenResult>): CheckResult {
  if (result.ok) {
    const warnings = result.value.warnings ?? []
    return {
      name: 'token obtained',
      verdict: 'passed',
      message: `HTTP ${result.value.status} in ${result.value.durationMs} ms`,
      ...(warnings.length ? { detail: warnings.map((w) => `server assumed: ${w}`) } : {})
    }
  }
  const detail = result.error.detail ? result.error.detail.split('\n').filter((l) => l.trim()) : []
  return { name: 'token obtained', verdict: 'failed', message: `${result.error.code}: ${result.error.message}`, ...(detail.length ? { detail: lines(detail) } : {}) }
}

/**
 * The offline sandbox says with a console error where it does not simulate a
 * feature (src/sandbox/widgets/core/not-simulated.ts: "... is not simulated
 * offline by the Qrvey sandbox"). Against the sandbox that is a note about the
 * sandbox, not a fault of the embed: listed, not failed.
 */
const SANDBOX_LIMITATION = /\bnot simulated offline\b/

export function renderChecks(observation: RenderObservation, waitedForItemsLoaded: boolean, sandbox = false): CheckResult[] {
  const checks: CheckResult[] = []
  const seconds = `${(observation.durationMs / 1000).toFixed(1)} s`
  // The sandbox widgets warn (console.warn) when they accepted a setting but could not honour it: an
  // unknown dashboardId opens the first dashboard, an unknown themeId keeps the default look. The widget
  // then rendered, but not what the setup asks, so against the sandbox that fails the check. A real
  // instance's widgets warn about anything; there the warnings are listed, not failed.
  const warnings = observation.reports.filter((r) => r.kind === 'console-warn').map((r) => r.message)
  if (observation.outcome !== 'loaded') {
    checks.push({ name: 'widget rendered', verdict: 'failed', message: observation.reason || `the widget did not render (${observation.outcome})` })
  } else if (sandbox && warnings.length) {
    checks.push({ name: 'widget rendered', verdict: 'failed', message: `it rendered, but not as the setup asks: ${warnings[0].slice(0, 300)}`, detail: lines(warnings) })
  } else {
    checks.push({
      name: 'widget rendered',
      verdict: 'passed',
      message: `${observation.reason} after ${seconds}${warnings.length ? ` (${warnings.length} widget warning(s))` : ''}`,
      ...(warnings.length ? { detail: lines(warnings.map((w) => `widget warning: ${w}`)) } : {})
    })
  }
  const notes = sandbox ? observation.consoleErrors.filter((e) => SANDBOX_LIMITATION.test(e)) : []
  const errors = [...observation.consoleErrors.filter((e) => !notes.includes(e)), ...observation.pageErrors.map((e) => `uncaught: ${e}`)]
  checks.push(
    errors.length === 0
      ? {
          name: 'no console errors',
          verdict: 'passed',
          message: notes.length ? `none (${notes.length} sandbox note(s): a feature the offline sandbox does not simulate)` : 'none',
          ...(notes.length ? { detail: lines(notes.map((n) => `sandbox note: ${n}`)) } : {})
        }
      : { name: 'no console errors', verdict: 'failed', message: `${errors.length} console error(s); first: ${errors[0].slice(0, 300)}`, detail: lines(errors) }
  )
  const failed = observation.failedRequests
  checks.push(
    failed.length === 0
      ? { name: 'no failed requests', verdict: 'passed', message: 'none' }
      : { name: 'no failed requests', verdict: 'failed', message: `${failed.length} request(s) failed; first: ${failed[0].slice(0, 300)}`, detail: lines(failed) }
  )
  const wanted = waitedForItemsLoaded ? ['qvDSHPageLoaded', 'qvDSHItemsLoaded'] : []
  const missing = wanted.filter((name) => !observation.events.includes(name))
  const expired = observation.events.includes('qvTokenExpired')
  const seen = observation.events.length ? observation.events.join(', ') : 'no Qrvey events'
  checks.push(
    missing.length === 0 && !expired
      ? { name: 'expected events', verdict: 'passed', message: wanted.length ? `${wanted.join(' and ')} (seen: ${seen})` : `no qvTokenExpired (seen: ${seen})` }
      : {
          name: 'expected events',
          verdict: 'failed',
          message: [missing.length ? `missing ${missing.join(' and ')}` : '', expired ? 'qvTokenExpired was dispatched (the token was refused or expired)' : ''].filter(Boolean).join('; ') + ` (seen: ${seen})`
        }
  )
  return checks
}
