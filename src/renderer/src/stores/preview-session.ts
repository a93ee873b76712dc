/** What a running preview is (the preview store's session) and how the form's widget fields are compared with it. */
import type { PreviewCreated } from '@shared/ipc-contract'
import type { RenewMessage } from '@shared/preview-messages'
import type { GenerateTokenRequest } from '@shared/token-request'
import type { WidgetFieldValues } from '@shared/widget-catalog'

/** How the store reaches the preview page; the pane provides it (iframe.contentWindow.postMessage). */
export interface PreviewChannel {
  /** Posts to the preview page; false when there is no page to post to. */
  post(message: RenewMessage): boolean
}

export interface PreviewSession extends PreviewCreated {
  /** Increases with every Preview, so the pane reloads the frame even for an equal URL. */
  id: number
  environmentId: string
  environmentName: string
  widgetId: string
  widgetName: string
  element: string
  configAttribute: 'settings' | 'config'
  /** The token the page runs with now. */
  token: string
  /** The request that produced that token: what a renewal sends again. */
  request: GenerateTokenRequest
  /** What the page was built from, to tell when the form moved on. */
  fieldsKey: string
  qrvey86OrNewer: boolean
  /** Whether the workbench was dark when the page was built (the widget is dressed to match). */
  dark: boolean
}

/** loading: page requested, widget not yet mounted; running: mounted; failed: a script problem stopped it. */
export type PreviewStatus = 'idle' | 'starting' | 'loading' | 'running' | 'failed'

export function definedFields(values: WidgetFieldValues): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {}
  for (const [key, value] of Object.entries(values)) if (value !== undefined) out[key] = value
  return out
}

export function fieldsKeyOf(values: WidgetFieldValues): string {
  return JSON.stringify(Object.entries(definedFields(values)).sort(([a], [b]) => a.localeCompare(b)))
}
