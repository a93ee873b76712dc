/**
 * The configuration object a host page hands to a widget. Pure, so the result
 * pane, the preview and the "copy" output cannot disagree.
 */
import { isFieldVisible, type WidgetDefinition, type WidgetFieldValues } from './widget-catalog'

/** Qrvey 8.6 renamed the token key; older instances only read the old one. */
export type TokenKeyStyle = 'qv_token' | 'qvToken'

export function tokenKeyFor(qrvey86OrNewer: boolean): TokenKeyStyle {
  return qrvey86OrNewer ? 'qvToken' : 'qv_token'
}

export interface WidgetConfigInput {
  widget: WidgetDefinition
  domain: string
  token: string
  qrvey86OrNewer: boolean
  fields: WidgetFieldValues
}

export function buildWidgetConfig(input: WidgetConfigInput): Record<string, unknown> {
  const config: Record<string, unknown> = {
    domain: input.domain,
    [tokenKeyFor(input.qrvey86OrNewer)]: input.token
  }
  for (const field of input.widget.fields) {
    const value = input.fields[field.key]
    if (value === undefined || value === '' || value === false) continue
    if (!isFieldVisible(field, input.fields)) continue
    setPath(config, field.key, typeof value === 'string' ? value.trim() : value)
  }
  return { ...config, ...input.widget.fixedConfig }
}

/** Sets `a.b` as { a: { b } }, keeping what `a` already holds. */
function setPath(target: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.')
  let node = target
  for (const part of parts.slice(0, -1)) {
    const next = node[part]
    node = node[part] = typeof next === 'object' && next !== null && !Array.isArray(next) ? (next as Record<string, unknown>) : {}
  }
  node[parts[parts.length - 1]] = value
}
