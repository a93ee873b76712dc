/**
 * What never leaves the vault: API keys, other credentials and tokens. Every
 * file the workbench writes for people to share (workspace files, exports,
 * share text) and every file it reads from them passes through
 * `sanitizeSecrets`, which removes such values and says where they were.
 *
 * The rules, by field NAME (case and punctuation ignored, so `apiKey`,
 * `api_key`, `x-api-key` and `API-KEY` are one name):
 *  - contains `apikey`, `secret`, `password` or `privatekey`, or is `passwd`,
 *    `pwd`, `authorization`, `cookie` or `credentials`: removed whatever its value;
 *  - ends in `token` (`token`, `qv_token`, `qvToken`, `accessToken`, `jwt` too):
 *    removed when its value is a text or a number (a token), kept and
 *    searched when it is an object or a list (a setup's `token` is the token
 *    BODY: userid, appid, ... which is not a credential);
 * and by VALUE: any text that is a compact JOSE token (a JWS or JWE, as
 * Qrvey issues) is removed whatever its field is called, because a token is
 * a credential until it expires.
 */
import { isCompactJose } from './jose-scan'

export interface DroppedSecret {
  /** Where it was, e.g. `setups[0].token.extra.apiKey`. */
  path: string
  reason: 'secret-field' | 'token-value'
}

function normalise(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '')
}

const ALWAYS_SECRET_PARTS = ['apikey', 'secret', 'password', 'privatekey']
const ALWAYS_SECRET_NAMES = new Set(['passwd', 'pwd', 'authorization', 'cookie', 'credentials', 'bearer'])

/** A field whose name alone makes it a secret, whatever it holds. */
export function isSecretFieldName(key: string): boolean {
  const name = normalise(key)
  return ALWAYS_SECRET_NAMES.has(name) || ALWAYS_SECRET_PARTS.some((part) => name.includes(part))
}

/** A field that holds a token when its value is a scalar. */
export function isTokenFieldName(key: string): boolean {
  const name = normalise(key)
  return name.endsWith('token') || name === 'jwt'
}

/**
 * A compact JWS (3 parts) or JWE (5 parts) whose first part is a JOSE header
 * with `alg`. A linear scan (see jose-scan.ts): a regular expression here
 * overflowed its stack on a 5.6-million-character token-like run.
 */
export function looksLikeJoseToken(value: string): boolean {
  return isCompactJose(value)
}

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`
  const name = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key)
  return path === '' ? name : `${path}.${name}`
}

function clean(value: unknown, path: string, dropped: DroppedSecret[]): unknown {
  if (typeof value === 'string') {
    if (looksLikeJoseToken(value)) {
      dropped.push({ path, reason: 'token-value' })
      return undefined
    }
    return value
  }
  if (Array.isArray(value)) {
    const out: unknown[] = []
    value.forEach((item, i) => {
      const kept = clean(item, childPath(path, i), dropped)
      // Keep positions stable: a removed list item becomes null rather than shifting the rest.
      out.push(kept === undefined ? null : kept)
    })
    return out
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {}
    for (const [key, child] of Object.entries(value)) {
      const at = childPath(path, key)
      const scalar = child === null || typeof child !== 'object'
      if (isSecretFieldName(key) || (scalar && isTokenFieldName(key) && child !== null && child !== '')) {
        dropped.push({ path: at, reason: 'secret-field' })
        continue
      }
      const kept = clean(child, at, dropped)
      if (kept !== undefined) Object.defineProperty(out, key, { value: kept, enumerable: true, writable: true, configurable: true })
    }
    return out
  }
  return value
}

/**
 * A copy of `value` without secrets (see the rules above), and the paths of
 * what was removed. The input is not modified.
 */
export function sanitizeSecrets<T>(value: T, rootPath = ''): { value: T; dropped: DroppedSecret[] } {
  const dropped: DroppedSecret[] = []
  const cleaned = clean(value, rootPath, dropped) as T
  return { value: cleaned, dropped }
}

/** "Dropped apiKey at setups[0].environment: secrets are never imported or exported." */
export function describeDropped(item: DroppedSecret): string {
  const cut = Math.max(item.path.lastIndexOf('.'), item.path.lastIndexOf('['))
  const field = cut <= 0 ? item.path : item.path.slice(item.path[cut] === '.' ? cut + 1 : cut)
  const where = cut <= 0 ? 'the top level' : item.path.slice(0, cut)
  return item.reason === 'token-value'
    ? `Dropped a token found in ${item.path}: tokens are credentials and are never saved or shared.`
    : `Dropped ${field} at ${where}: secrets are never saved, imported or exported; keys live only in the key store.`
}
