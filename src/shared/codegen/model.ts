/**
 * One model of "the current request" that every code generator reads: the
 * Qrvey domain, the token body exactly as the workbench sends it, and what a
 * host page needs to mount the widget (element, attribute, launchers, the
 * configuration besides domain and token, and the 8.6 token key).
 *
 * The generated programs all speak one small contract (CODE_CONTRACT below),
 * so any front end runs against any backend.
 */
import type { TokenBody } from '../token-request'
import { buildWidgetConfig, tokenKeyFor, type TokenKeyStyle } from '../widget-config'
import type { LauncherScript, WidgetDefinition, WidgetFieldValues } from '../widget-catalog'

export interface CodeWidget {
  /** Shown in comments and titles. */
  name: string
  element: string
  configAttribute: 'settings' | 'config'
  launchers: readonly LauncherScript[]
}

export interface CodeRequest {
  /** The Qrvey origin the token is asked from; the programs take QRVEY_DOMAIN first. */
  domain: string
  /** The token body as the workbench sends it (permissions included). */
  body: TokenBody
  widget: CodeWidget
  /** The widget configuration besides `domain` and the token. */
  config: Record<string, unknown>
  tokenKey: TokenKeyStyle
}

/** What every generated backend and front end agree on. */
export const CODE_CONTRACT = {
  /** Qrvey's Generate Token API (QRVEY.md §1). */
  tokenPath: '/devapi/v4/core/login/token',
  /** The host backend's endpoint: GET answers `{"token": "...", "domain": "..."}`. */
  endpoint: '/qrvey-token',
  /** The API key is read from here and nowhere else: it is never written into code. */
  apiKeyEnv: 'QRVEY_API_KEY',
  /** Overrides the domain the code was generated for (e.g. the sandbox on another port). */
  domainEnv: 'QRVEY_DOMAIN',
  /** Where the backend listens; 0 picks a free port. */
  portEnv: 'PORT',
  defaultPort: 4400,
  /** The global variable the widget's attribute names (QRVEY.md §2). */
  configVariable: 'qrveyConfig',
  /** The backend's first line of output, followed by its URL. */
  listeningPrefix: 'Qrvey token endpoint listening on '
} as const

export interface CodeRequestInput {
  widget: WidgetDefinition
  domain: string
  body: TokenBody
  qrvey86OrNewer: boolean
  fields: WidgetFieldValues
}

export function buildCodeRequest(input: CodeRequestInput): CodeRequest {
  const tokenKey = tokenKeyFor(input.qrvey86OrNewer)
  const full = buildWidgetConfig({ widget: input.widget, domain: input.domain, token: '', qrvey86OrNewer: input.qrvey86OrNewer, fields: input.fields })
  const config: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(full)) if (key !== 'domain' && key !== tokenKey) config[key] = value
  return {
    domain: input.domain.replace(/\/+$/, ''),
    body: input.body,
    widget: { name: input.widget.currentName ?? input.widget.name, element: input.widget.element, configAttribute: input.widget.configAttribute, launchers: input.widget.launchers },
    config,
    tokenKey
  }
}

/** The body as pretty JSON: what the backends send, byte for byte the same in every language. */
export function bodyJson(request: CodeRequest): string {
  return JSON.stringify(request.body, null, 2)
}
