/**
 * One token request at a time: Generate sends what the form assembled to the
 * active environment and keeps the answer (or the error) for the result pane,
 * and the request itself, so the preview can renew the token with exactly
 * the same request when the widget reports it expired.
 */
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { GenerateTokenRequest, GenerateTokenResult } from '@shared/token-request'
import type { Result, WorkbenchError } from '@shared/result'
import { inspectToken } from '@shared/token-inspect'
import { buildWidgetConfig } from '@shared/widget-config'
import { getWorkbench } from '@renderer/bridge'
import { callBridge } from '@renderer/lib/call'
import { keptWidgetFields } from '@renderer/lib/setup-form'
import { useEnvironmentsStore } from './environments'
import { useSetupsStore } from './setups'
import { useTokenFormStore } from './tokenForm'

export interface TokenOutcome extends GenerateTokenResult {
  environmentName: string
  /** The origin the token was issued by; the widget configuration points there. */
  domain: string
}

export const useTokenResultStore = defineStore('tokenResult', () => {
  const result = ref<TokenOutcome | null>(null)
  const error = ref<WorkbenchError | null>(null)
  const busy = ref(false)
  /** The id of the request on its way, which Cancel names to main. */
  const pendingId = ref<string | null>(null)
  /** Set when the user cancelled the last request: the sentence the result pane shows (not an error). */
  const cancelled = ref<string | null>(null)
  /** Cancel was pressed and main has not answered yet. */
  const cancelling = ref(false)
  /** The request that produced `result` (environment, body, timeout). */
  const lastRequest = ref<GenerateTokenRequest | null>(null)

  const environments = useEnvironmentsStore()
  const form = useTokenFormStore()

  // An error belongs to the environment it came from: switching away clears it (issue 11).
  watch(
    () => environments.activeId,
    () => {
      error.value = null
      cancelled.value = null
    }
  )

  /** Why Generate cannot be clicked now, or undefined when it can. */
  const blockedReason = computed<string | undefined>(() => {
    if (busy.value) return 'A token request is on its way.'
    const env = environments.active
    if (!env) return environments.loaded ? 'Choose an environment in the sidebar.' : 'Loading environments…'
    if (!env.key.set) return `"${env.name}" has no API key: set one in the sidebar.`
    if (!form.isValid) return form.problems[0]
    return undefined
  })

  const inspection = computed(() => (result.value ? inspectToken(result.value.token) : null))

  /** The object a host page hands to the widget; follows the widget, its fields and the 8.6 switch. */
  const widgetConfig = computed(() =>
    result.value
      ? buildWidgetConfig({
          widget: form.widget,
          domain: result.value.domain,
          token: result.value.token,
          qrvey86OrNewer: form.qrvey86,
          fields: form.currentWidgetValues
        })
      : null
  )

  async function generate(): Promise<void> {
    if (busy.value) return
    // An environment clicked just before Generate may not be active in main yet: the request goes to
    // the one the user chose, so it waits for that choice (only then, so Generate stays synchronous
    // up to the IPC call when nothing is on its way).
    if (environments.isSelecting()) await environments.settled()
    const env = environments.active
    if (busy.value || !env || blockedReason.value) return
    const request = form.buildRequest(env.id)
    if (!request) return
    // What the history records beside the request: the open setup and the widget.
    const setupName = useSetupsStore().currentName
    // The widget's fields travel too, so a History re-run restores them (they are not part of the body).
    request.context = {
      widgetId: form.widgetId,
      widgetFields: keptWidgetFields(form.currentWidgetValues),
      qrvey86OrNewer: form.qrvey86,
      ...(setupName ? { setupName: setupName.slice(0, 500) } : {})
    }
    busy.value = true
    result.value = null
    error.value = null
    cancelled.value = null
    lastRequest.value = null
    const requestId = crypto.randomUUID()
    pendingId.value = requestId
    try {
      const reply = await callBridge(() => getWorkbench().tokens.generate({ ...request, requestId }))
      if (reply.ok) {
        // The request first: whoever watches the result finds the request that made it.
        lastRequest.value = request
        result.value = outcome(reply.value, env.name, env.domain)
      } else if (reply.error.code === 'CANCELLED') {
        cancelled.value = reply.error.message
      } else {
        error.value = reply.error
      }
    } finally {
      busy.value = false
      pendingId.value = null
      cancelling.value = false
    }
  }

  /** Stops the request on its way (Generate, Preview's generate, a renewal); its reply then says Cancelled. */
  async function cancel(): Promise<void> {
    const requestId = pendingId.value
    if (!requestId || cancelling.value) return
    cancelling.value = true
    const reply = await callBridge(() => getWorkbench().tokens.cancel({ requestId }))
    // Not cancelled: the answer was already on its way back and arrives by itself.
    if (!reply.ok || !reply.value.cancelled) cancelling.value = false
  }

  /**
   * Sends a request again (the preview's token renewal). On success the
   * result pane shows the new token; on failure the old result stays and
   * the caller reports the error where it belongs.
   */
  async function renew(request: GenerateTokenRequest): Promise<Result<TokenOutcome>> {
    if (busy.value) return { ok: false, error: { code: 'CONFLICT', message: 'Another token request is on its way; try again when it is done.' } }
    const env = environments.environments.find((e) => e.id === request.environmentId)
    // A plain copy: a request kept in a store is a reactive proxy, which IPC's structured clone refuses.
    const payload = JSON.parse(JSON.stringify(request)) as GenerateTokenRequest
    busy.value = true
    const requestId = crypto.randomUUID()
    pendingId.value = requestId
    try {
      const reply = await callBridge(() => getWorkbench().tokens.generate({ ...payload, requestId }))
      if (!reply.ok) return reply
      const fresh = outcome(reply.value, env?.name ?? result.value?.environmentName ?? request.environmentId, env?.domain ?? '')
      lastRequest.value = payload
      result.value = fresh
      error.value = null
      return { ok: true, value: fresh }
    } finally {
      busy.value = false
      pendingId.value = null
      cancelling.value = false
    }
  }

  function clear() {
    result.value = null
    error.value = null
    cancelled.value = null
    lastRequest.value = null
  }

  return { result, error, busy, cancelled, cancelling, lastRequest, blockedReason, inspection, widgetConfig, generate, cancel, renew, clear }
})

function outcome(value: GenerateTokenResult, environmentName: string, fallbackDomain: string): TokenOutcome {
  return { ...value, environmentName, domain: originOf(value.request.url) ?? fallbackDomain }
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}
