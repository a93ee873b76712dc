/**
 * Step 7: the token accepted by the data API, as a widget sends it
 * (`Authorization: Bearer <token>`, QRVEY.md §5): the application of the
 * token's user, `GET /devapi/v4/user/{userid}/app/{appid}`. The sandbox
 * serves this path; on a Qrvey instance the public docs do not list the data
 * API beyond the widgets' allow-list, so a 404 is only a warning there and
 * the widget step has the last word.
 */
import { isAxiosError } from 'axios'
import { SANDBOX_PATHS } from '../../shared/sandbox-api'
import { KeyEcho } from '../secrets/key-echo'
import { outcome, type DoctorStepRun } from './doctor-types'

export const checkDataApi: DoctorStepRun = async (ctx) => {
  if (!ctx.realRequest) return outcome('skip', 'No setup given, so no real user and application to ask the data API about.', { fix: 'Pass --setup FILE (or use Test connection with a filled-in token form) to check the data API.' })
  const userid = String(ctx.body.userid ?? '')
  const appid = String(ctx.body.appid ?? '')
  if (!userid || !appid) return outcome('skip', 'The token body names no userid and appid, so there is no application to ask for.', { fix: 'Fill in userid and appid.' })
  const url = `${(ctx.url as URL).origin}${SANDBOX_PATHS.app(userid, appid)}`
  try {
    const response = await ctx.deps.http.get<string>(url, { timeout: ctx.target.timeoutMs, headers: { Authorization: `Bearer ${ctx.token}`, Origin: ctx.deps.pageOrigin ?? 'http://localhost:8080', Accept: 'application/json' } })
    // Scrubbed before the cut (the doctor scrubs every step again): cut first, a key across the cut would pass in part.
    const detail = `GET ${url} (Authorization: Bearer <the token>) -> ${response.status}\n${KeyEcho.of(ctx.target.apiKey).scrubHead(String(response.data ?? ''), 300).text}`
    const { status } = response
    if (status >= 200 && status < 300) return outcome('pass', `The data API accepted the token (${status} for application ${appid}).`, { detail })
    if (status === 401) return outcome('fail', 'The data API refused the token (401): the widget would report qvTokenExpired at once.', { fix: 'Check that the token is for this instance and not expired (expiresIn), and that the clock of the token issuer is right.', detail })
    if (status === 403) return outcome('fail', `The data API refused the token for application ${appid} (403).`, { fix: 'Check the token\'s userid and appid: the user must own or share the application.', detail })
    if (status === 404 && ctx.target.kind === 'remote') return outcome('warn', `This instance does not answer ${SANDBOX_PATHS.app('{userid}', '{appid}')} (404); the widget step checks the token for real.`, { detail })
    if (status === 404) return outcome('fail', `The application ${appid} of user ${userid} was not found (404).`, { fix: 'Check appid and userid in the token body.', detail })
    return outcome('fail', `The data API answered ${status}.`, { fix: status >= 500 ? 'A server-side problem: try again later, or send the support bundle to Qrvey support.' : 'See the detail.', detail })
  } catch (error) {
    const text = isAxiosError(error) ? `${error.code ?? 'ERROR'}: ${error.message}` : String(error)
    return outcome('fail', `The data API could not be reached (${text}).`, { fix: 'The token endpoint answered, so the server is up: try again, or raise the timeout.', detail: `GET ${url}\n${text}` })
  }
}
