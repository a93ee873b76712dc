/**
 * How Qrvey's widgets find their configuration: the element's `settings` (or
 * `config`) attribute holds the NAME of a global variable, and `window[name]`
 * holds the configuration object. The sandbox widgets accept either attribute
 * on every element, and the token under either of Qrvey's key names
 * (`qv_token` up to 8.5, `qvToken` from 8.6).
 *
 * The token is encrypted: nothing is decoded from it here. The user and app
 * ids in the data API's URLs come from the config when the host put them
 * there, and otherwise are the placeholder {@link SELF_ID}, which the sandbox
 * server resolves from the token's own claims.
 */

export const CONFIG_ATTRIBUTES = ['settings', 'config'] as const
export type ConfigAttribute = (typeof CONFIG_ATTRIBUTES)[number]

/** Path placeholder for "the user / app the token was issued for". */
import { SANDBOX_SELF_ID as SELF_ID } from '../../../shared/sandbox-api'

export { SELF_ID }

export interface WidgetConfig {
  /** Qrvey domain, no trailing slash. */
  domain: string
  token: string
  userId: string
  appId: string
  /** The whole configuration object, for widget-specific keys. */
  raw: Readonly<Record<string, unknown>>
}

export type ConfigResult = { ok: true; config: WidgetConfig } | { ok: false; message: string }

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return `a ${typeof value}`
}

function text(raw: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = raw[key]
    if (typeof value === 'string' && value.trim() !== '') return value.trim()
    if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  }
  return undefined
}

/** Reads a string config value under any of the given keys (first non-empty wins). */
export function configText(config: WidgetConfig, ...keys: string[]): string | undefined {
  return text(config.raw as Record<string, unknown>, ...keys)
}

/** `true`, `"true"` and `1` count as set (hosts write all three). */
export function configFlag(config: WidgetConfig, key: string): boolean {
  const value = config.raw[key]
  return value === true || value === 'true' || value === 1
}

/** Removes trailing slashes; returns undefined for anything that is not an http(s) URL. */
export function normaliseDomain(domain: string): string | undefined {
  const trimmed = domain.trim().replace(/\/+$/, '')
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  return trimmed
}

/** Validates a configuration object; `element` only names the widget in messages. */
export function parseWidgetConfig(value: unknown, element: string, source = 'the configuration'): ConfigResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: `${source} must be an object such as { domain: "https://…", qvToken: "…" }, but it is ${describe(value)}.` }
  }
  const raw = value as Record<string, unknown>
  const problems: string[] = []

  const domainText = text(raw, 'domain')
  let domain: string | undefined
  if (domainText === undefined) {
    problems.push(`${source} has no "domain": set it to the Qrvey (sandbox) URL, e.g. domain: "http://127.0.0.1:8787".`)
  } else {
    domain = normaliseDomain(domainText)
    if (domain === undefined) problems.push(`"domain" must be an http(s) URL such as "http://127.0.0.1:8787"; got "${domainText}".`)
  }

  const modern = text(raw, 'qvToken')
  const legacy = text(raw, 'qv_token')
  const token = modern ?? legacy
  if (modern !== undefined && legacy !== undefined && modern !== legacy) {
    console.warn(`<${element}>: the configuration has both qvToken and qv_token with different values; using qvToken.`)
  }
  if (token === undefined) {
    if (text(raw, 'apiKey', 'api_key') !== undefined) {
      problems.push(`${source} has an API key but no token. Qrvey's secure embedding (and this sandbox) needs a security token as "qvToken" (Qrvey 8.6+) or "qv_token" (8.5 and older); never put the API key in a page.`)
    } else {
      problems.push(`${source} has no token: set "qvToken" (Qrvey 8.6+) or "qv_token" (8.5 and older) to the token from the Generate Token API.`)
    }
  }

  if (problems.length > 0 || domain === undefined || token === undefined) {
    return { ok: false, message: problems.join(' ') }
  }
  return {
    ok: true,
    config: {
      domain,
      token,
      userId: text(raw, 'userId', 'user_id') ?? SELF_ID,
      appId: text(raw, 'appId', 'app_id') ?? SELF_ID,
      raw
    }
  }
}

/**
 * Reads the element's configuration the Qrvey way: attribute -> global
 * variable name -> object. `scope` is `window` except in tests.
 */
export function readWidgetConfig(element: Element, preferred: ConfigAttribute, scope: object = globalThis): ConfigResult {
  const tag = element.localName
  const other: ConfigAttribute = preferred === 'settings' ? 'config' : 'settings'
  const attribute = element.hasAttribute(preferred) ? preferred : element.hasAttribute(other) ? other : undefined
  if (attribute === undefined) {
    return {
      ok: false,
      message: `<${tag}> has no ${preferred} attribute. Write <${tag} ${preferred}="myConfig"> and define window.myConfig = { domain: "…", qvToken: "…" } before adding the element.`
    }
  }
  const name = (element.getAttribute(attribute) ?? '').trim()
  if (name === '') {
    return { ok: false, message: `<${tag}>'s ${attribute} attribute is empty; it must hold the NAME of a global variable, e.g. ${attribute}="myConfig".` }
  }
  const value = (scope as Record<string, unknown>)[name]
  if (value === undefined) {
    return {
      ok: false,
      message: `<${tag} ${attribute}="${name}"> looks for window.${name}, which is not defined. Define it before adding the element, with "var ${name} = {…}" or "window.${name} = {…}" (a top-level let or const does not create a window property).`
    }
  }
  return parseWidgetConfig(value, tag, `window.${name}`)
}
