/**
 * One token request at a time: Generate sends what the form assembled to the
 * active environment and keeps the answer (or the error) for the result pane.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { GenerateTokenResult } from '@shared/token-request'
import type { WorkbenchError } from '@shared/result'
import { inspectToken } from '@shared/token-inspect'
import { buildWidgetConfig } from '@shared/widget-config'
import { getWorkbench } from '@renderer/bridge'
import { callBridge } from '@renderer/lib/call'
import { useEnvironmentsStore } from './environments'
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

  const environments = useEnvironmentsStore()
  const form = useTokenFormStore()

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
    const env = environments.active
    if (busy.value || !env || blockedReason.value) return
    const request = form.buildRequest(env.id)
    if (!request) return
    busy.value = true
    result.value = null
    error.value = null
    try {
      const reply = await callBridge(() => getWorkbench().tokens.generate(request))
      if (reply.ok) {
        result.value = { ...reply.value, environmentName: env.name, domain: originOf(reply.value.request.url) ?? env.domain }
      } else {
        error.value = reply.error
      }
    } finally {
      busy.value = false
    }
  }

  function clear() {
    result.value = null
    error.value = null
  }

  return { result, error, busy, blockedReason, inspection, widgetConfig, generate, clear }
})

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}
