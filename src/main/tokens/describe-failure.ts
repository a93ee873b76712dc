/**
 * Turns a failed token request into one sentence a user can act on, plus the
 * raw facts for the "details" view. Each network failure has its own fix, so
 * each gets its own code and wording.
 */
import type { AxiosError } from 'axios'
import { fail } from '../../shared/result'

type Failure = ReturnType<typeof fail>

export const MAX_BODY_IN_DETAIL = 2_000
/** The most of a server's own message quoted in a failure's message. */
export const MAX_SERVER_MESSAGE = 300

export function describeNetworkError(error: AxiosError, url: string, timeoutMs: number): Failure {
  const host = safeHost(url)
  const sysCode = error.code ?? (error.cause as { code?: string } | undefined)?.code ?? ''
  const detail = `${error.code ?? 'ERROR'}: ${error.message}\nPOST ${url}`
  switch (true) {
    case sysCode === 'EFORBIDDENADDRESS':
      return fail('INVALID_URL', `${host} leads to an address the API key is never sent to (${error.message.replace(/^.*?: /, '')}). Check the domain; a name that resolves to a link-local or cloud metadata address is refused.`, { detail })
    case sysCode === 'ENOTFOUND' || sysCode === 'EAI_AGAIN' || sysCode === 'EAI_NODATA' || sysCode === 'EAI_NONAME':
      return fail('DNS_FAILURE', `The name ${host} could not be found. Check the domain for typos, or your network / VPN connection.`, { detail })
    case sysCode === 'ECONNREFUSED':
      return fail('CONNECTION_REFUSED', `${host} refused the connection: nothing is listening there. Check the port, or that the server is running.`, { detail })
    case sysCode === 'ECONNABORTED' || sysCode === 'ETIMEDOUT' || sysCode === 'ESOCKETTIMEDOUT':
      return fail('TIMEOUT', `${host} did not answer within ${formatMs(timeoutMs)}. The server may be down or slow; try again, or raise the environment's timeout.`, { detail })
    case isTlsCode(sysCode):
      return fail('TLS_ERROR', `The secure connection to ${host} failed: its certificate is not trusted (${tlsReason(sysCode)}). Check the domain, or ask whoever runs the server to fix its certificate.`, { detail })
    case sysCode === 'ECONNRESET' || sysCode === 'EPIPE':
      return fail('NETWORK_ERROR', `${host} closed the connection before answering. A proxy, firewall or an overloaded server may be in the way; try again.`, { detail })
    case sysCode === 'ERR_FR_MAX_BODY_LENGTH_EXCEEDED' || sysCode === 'ERR_BAD_RESPONSE':
      return fail('MALFORMED_RESPONSE', `${host} sent an answer that is too large or not HTTP; this does not look like a Qrvey token endpoint.`, { detail })
    default:
      return fail('NETWORK_ERROR', `The request to ${host} failed before an answer came back (${sysCode || error.message}).`, { detail })
  }
}

/** `parsed`: the body already parsed (and scrubbed of the key) by the caller, where it is JSON. */
export function describeHttpStatus(status: number, body: string, url: string, location?: string, parsed?: unknown): Failure {
  const host = safeHost(url)
  const detail = `HTTP ${status} from POST ${url}\n\n${truncateBody(body)}`
  const serverSays = qrveyMessage(parsed === undefined ? body : parsed)
  const quoted = serverSays ? ` The server said: "${serverSays}".` : ''
  if (status >= 300 && status < 400) {
    return fail('HTTP_REDIRECT', `${host} redirected the request${location ? ` to ${location}` : ''}. The workbench does not follow redirects with your API key; enter the final domain instead.`, { detail })
  }
  if (status === 401) return fail('HTTP_401', `The API key was rejected (401).${quoted} Check that the key belongs to this Qrvey instance, or replace it.`, { detail })
  if (status === 403) return fail('HTTP_403', `The API key is not allowed to do this (403).${quoted} Ask your Qrvey administrator for a key with token permissions, or check userid / appid.`, { detail })
  if (status === 404) return fail('HTTP_404', `Nothing answers at /devapi/v4/core/login/token on ${host} (404). The domain is probably wrong, or it is not a Qrvey instance.`, { detail })
  if (status >= 400 && status < 500) return fail('HTTP_4XX', `Qrvey refused the request (${status}).${quoted || ' Check the token body fields.'}`, { detail })
  return fail('HTTP_5XX', `The Qrvey server failed (${status}).${quoted} This is a problem on the server's side; try again later or contact Qrvey support with the details.`, { detail })
}

export function describeMissingToken(status: number, body: string, url: string, parsed: boolean): Failure {
  const detail = `HTTP ${status} from POST ${url}\n\n${truncateBody(body)}`
  if (!parsed) {
    return fail('MALFORMED_RESPONSE', `${safeHost(url)} answered ${status} but the body is not JSON. It is probably not a Qrvey instance (a login page or proxy?).`, { detail })
  }
  return fail('NO_TOKEN_IN_RESPONSE', `${safeHost(url)} answered ${status} but the response has no "token". It does not look like Qrvey's Generate Token API.`, { detail })
}

function qrveyMessage(body: unknown): string | undefined {
  try {
    const parsed = (typeof body === 'string' ? JSON.parse(body) : body) as { errors?: Array<{ message?: unknown }>; message?: unknown }
    const first = parsed?.errors?.[0]?.message ?? parsed?.message
    return typeof first === 'string' ? first.slice(0, MAX_SERVER_MESSAGE) : undefined
  } catch {
    return undefined
  }
}

function isTlsCode(code: string): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|EPROTO|HOSTNAME_MISMATCH/.test(code)
}

function tlsReason(code: string): string {
  if (code.includes('SELF_SIGNED')) return 'it is self-signed'
  if (code.includes('EXPIRED')) return 'it has expired'
  if (code.includes('HOSTNAME') || code.includes('ALTNAME')) return 'it is for another host name'
  if (code.includes('UNABLE_TO_VERIFY') || code.includes('UNABLE_TO_GET_ISSUER')) return 'its issuer is unknown'
  return code
}

function safeHost(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

/**
 * A body for the details view: the first MAX_BODY_IN_DETAIL characters, and how many more there were.
 * One already cut by the caller (ending in its "more characters" note, under 50 characters) is left as it is.
 */
export function truncateBody(text: string): string {
  return text.length > MAX_BODY_IN_DETAIL + 50 ? `${text.slice(0, MAX_BODY_IN_DETAIL)}\n… (${text.length - MAX_BODY_IN_DETAIL} more characters)` : text || '(empty body)'
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`
}
