/**
 * Step 5: a real token request with the key, through the app's own
 * TokenService, so its verdicts are the ones the Result pane gives (one
 * code per status class: 401, 403, 404, other 4xx, 5xx, redirect, not JSON,
 * no token, key echoed). The token stays in the context for the next steps;
 * only its header is ever shown.
 */
import { ok } from '../../shared/result'
import { inspectToken } from '../../shared/token-inspect'
import { TokenService } from '../tokens/token-service'
import { outcome, type DoctorStepRun } from './doctor-types'

/** What to do for each failure code of the token service (its message already says what happened). */
const FIXES: Record<string, string> = {
  NO_API_KEY: 'Set the key: Replace key in the workbench, or the QWB_KEY_<ENV> variable (or --key-env NAME) for qwb.',
  HTTP_401: 'Use the API key of this very Qrvey instance (from your onboarding email or the admin center): replace it in the workbench, or fix the QWB_KEY_<ENV> variable.',
  HTTP_403: 'Ask your Qrvey administrator for a key allowed to create tokens, and check userid / appid.',
  HTTP_404: 'Use the domain of your Qrvey instance (the one serving /devapi), not the host application\'s.',
  HTTP_4XX: 'Fix the token body the server complains about (userid, appid, expiresIn, permissions).',
  HTTP_5XX: 'Try again later; if it persists, send Qrvey support the support bundle.',
  HTTP_REDIRECT: 'Enter the final domain (where the redirect points) in the environment.',
  MALFORMED_RESPONSE: 'Something that is not Qrvey answered (a login page, a proxy): check the domain.',
  NO_TOKEN_IN_RESPONSE: 'Check the domain: this does not look like Qrvey\'s Generate Token API.',
  KEY_ECHOED: 'Check the domain and any proxy in front of it: a Qrvey instance never sends the key back.',
  TIMEOUT: 'Try again, or raise the environment\'s timeout.',
  KEY_ORIGIN_MISMATCH: 'Enter the key for this domain with Replace key.'
}

export const checkToken: DoctorStepRun = async (ctx) => {
  const target = ctx.target
  if (!target.apiKey) return outcome('fail', target.keyProblem ?? `The environment "${target.name}" has no API key.`, { fix: target.keyProblem ? FIXES.KEY_ORIGIN_MISMATCH : FIXES.NO_API_KEY })
  const tokens = new TokenService(ctx.deps.http, { resolveTarget: () => ok({ domain: (ctx.url as URL).origin, apiKey: target.apiKey, timeoutMs: target.timeoutMs, name: target.name }) })
  const result = await tokens.generate({ environmentId: 'doctor', body: ctx.body })
  if (!result.ok) {
    ctx.sentRequest = { method: 'POST', url: `${(ctx.url as URL).origin}/devapi/v4/core/login/token`, headers: { 'x-api-key': '(redacted)', 'Content-Type': 'application/json', Accept: 'application/json' }, body: ctx.body }
    const { code, message, detail } = result.error
    return outcome('fail', message, { fix: FIXES[code] ?? 'See the detail below.', detail: `${code}\n${detail ?? ''}`.trim() })
  }
  ctx.token = result.value.token
  ctx.sentRequest = result.value.request
  const inspected = inspectToken(result.value.token)
  ctx.tokenHeader = inspected.header
  const kid = typeof inspected.header?.kid === 'string' ? `, kid ${inspected.header.kid}` : ''
  const header = inspected.header ? `Token header: ${JSON.stringify(inspected.header)}` : `Token: ${inspected.note ?? inspected.format}`
  const warnings = result.value.warnings?.length ? `\nThe server assumed: ${result.value.warnings.join(' | ')}` : ''
  return outcome('pass', `The token endpoint answered ${result.value.status} with a ${inspected.format} token${kid} in ${result.value.durationMs} ms.`, {
    detail: `POST ${result.value.request.url}\n${header}${warnings}`
  })
}
