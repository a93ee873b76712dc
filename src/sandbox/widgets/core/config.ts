/**
 * How Qrvey's widgets find their configuration: the element's `settings` (or
 * `config`) property or attribute holds the NAME of a global variable, and
 * `window[name]` holds the configuration object (QRVEY.md §2; the seed sets
 * the property: `ancc.settings = 'config'`). The sandbox widgets accept
 * either name on every element, the token under either of Qrvey's key names
 * (`qv_token` up to 8.5, `qvToken` from 8.6), and API-key mode in every
 * documented spelling, with a console warning.
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

/**
 * How the widget authenticates (QRVEY.md §2): a security token (production),
 * or the API key in the page, which Qrvey documents as "for dev & testing
 * only". The sandbox accepts both so Qrvey's own samples run offline.
 */
export type WidgetAuth = { mode: 'token'; token: string } | { mode: 'apiKey'; apiKey: string }

export interface WidgetConfig {
  /** Qrvey domain, no trailing slash. */
  domain: string
  auth: WidgetAuth
  userId: string
  appId: string
  /**
   * The end user's clientid from the page. Only API-key mode may carry it
   * there; with a token it must travel inside the token (widget-authentication.md).
   */
  clientId?: string
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

/** Every documented spelling: 8.6+ camelCase, <= 8.5 snake_case, and the lowercase of Qrvey's React/Vue/Angular samples. */
export const KEY_SPELLINGS = {
  token: ['qvToken', 'qv_token'],
  apiKey: ['apiKey', 'api_key', 'apikey'],
  userId: ['userId', 'user_id', 'userid'],
  appId: ['appId', 'app_id', 'appid'],
  clientId: ['clientid', 'clientId', 'client_id']
} as const

/** Reads a string config value under any of the given keys (first non-empty wins). */
export function configText(config: WidgetConfig, ...keys: string[]): string | undefined {
  return text(config.raw as Record<string, unknown>, ...keys)
}

/** A config value that must be a plain object (styles, i18n, settings...); undefined otherwise. */
export function configObject(config: WidgetConfig, ...keys: string[]): Record<string, unknown> | undefined {
  for (const key of keys) {
    const value = config.raw[key]
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>
  }
  return undefined
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

export const API_KEY_WARNING =
  'API-key mode: the API key is in the page. Qrvey documents this as "for dev & testing only"; in production generate a security token on your backend and pass it as qvToken (8.6+) or qv_token (8.5 and older).'

/**
 * Validates a configuration object; `element` only names the widget in
 * messages. `needsAuth: false` is for Web Form End User, which Qrvey embeds
 * with only a domain and the form's hash.
 */
export function parseWidgetConfig(value: unknown, element: string, source = 'the configuration', needsAuth = true): ConfigResult {
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
  const apiKey = text(raw, ...KEY_SPELLINGS.apiKey)
  let auth: WidgetAuth | undefined
  if (token !== undefined) {
    auth = { mode: 'token', token }
    if (apiKey !== undefined) console.warn(`<${element}>: the configuration has both a token and an API key; Qrvey's docs say the two cannot be used together. Using the token; remove the API key from the page.`)
  } else if (apiKey !== undefined) {
    auth = { mode: 'apiKey', apiKey }
  } else if (needsAuth) {
    problems.push(`${source} has no token: set "qvToken" (Qrvey 8.6+) or "qv_token" (8.5 and older) to the token from the Generate Token API (or, for development only, "apiKey" with "userId" and "appId").`)
  }

  if (problems.length > 0 || domain === undefined || (needsAuth && auth === undefined)) {
    return { ok: false, message: problems.join(' ') }
  }
  const pageClientId = text(raw, ...KEY_SPELLINGS.clientId)
  if (auth?.mode === 'apiKey') {
    console.warn(`<${element}>: ${API_KEY_WARNING}`)
  } else if (auth?.mode === 'token' && pageClientId !== undefined) {
    console.warn(`<${element}>: "clientid" in the page is ignored with a token; Qrvey reads it only from inside the token ("you must pass it in when you generate the Qrvey Security Token").`)
  }
  return {
    ok: true,
    config: {
      domain,
      auth: auth ?? { mode: 'token', token: '' },
      userId: text(raw, ...KEY_SPELLINGS.userId) ?? SELF_ID,
      appId: text(raw, ...KEY_SPELLINGS.appId) ?? SELF_ID,
      ...(auth?.mode === 'apiKey' && pageClientId !== undefined ? { clientId: pageClientId } : {}),
      raw
    }
  }
}

/** What the element says about its configuration: the name it holds as a property or attribute. */
export interface ConfigSource {
  /** The attribute / property the name was found under. */
  via: ConfigAttribute
  /** Usually the NAME of a global variable; an object is accepted with a warning. */
  value: unknown
}

/**
 * Where the element names its configuration: the DOM property (the seed's
 * own snippet does `el.settings = 'config'`, and Vue binds `:settings` as a
 * property) or the attribute, under either name, the documented one first.
 */
export function configSourceOf(element: Element, preferred: ConfigAttribute): ConfigSource | undefined {
  const other: ConfigAttribute = preferred === 'settings' ? 'config' : 'settings'
  for (const name of [preferred, other]) {
    const property = (element as unknown as Record<string, unknown>)[name]
    if (property !== undefined && property !== null && property !== '') return { via: name, value: property }
    if (element.hasAttribute(name)) return { via: name, value: element.getAttribute(name) ?? '' }
  }
  return undefined
}

/**
 * Reads the element's configuration the Qrvey way: property or attribute ->
 * global variable name -> object. `scope` is `window` except in tests.
 */
export function readWidgetConfig(element: Element, preferred: ConfigAttribute, scope: object = globalThis, needsAuth = true): ConfigResult {
  const tag = element.localName
  const source = configSourceOf(element, preferred)
  if (source === undefined) {
    return {
      ok: false,
      message: `<${tag}> names no configuration: set its ${preferred} property or attribute to the NAME of a global variable (element.${preferred} = "myConfig" or <${tag} ${preferred}="myConfig">) and define window.myConfig = { domain: "…", qvToken: "…" } before adding the element.`
    }
  }
  if (typeof source.value === 'object') {
    console.warn(`<${tag}>: its ${source.via} is an object; Qrvey documents the NAME of a global variable holding it (${source.via} = "myConfig"). The sandbox reads the object directly.`)
    return parseWidgetConfig(source.value, tag, `the ${source.via} object`, needsAuth)
  }
  const name = String(source.value).trim()
  if (name === '') {
    return { ok: false, message: `<${tag}>'s ${source.via} is empty; it must hold the NAME of a global variable, e.g. ${source.via}="myConfig".` }
  }
  const value = (scope as Record<string, unknown>)[name]
  if (value === undefined) {
    return {
      ok: false,
      message: `<${tag} ${source.via}="${name}"> looks for window.${name}, which is not defined. Define it before adding the element, with "var ${name} = {…}" or "window.${name} = {…}" (a top-level let or const does not create a window property).`
    }
  }
  return parseWidgetConfig(value, tag, `window.${name}`, needsAuth)
}
