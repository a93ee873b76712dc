/**
 * The Code tab: which language is shown and the code for the current
 * request. The request is the one last sent when there is a result (exactly
 * what the workbench sent, to the environment it went to), otherwise what
 * the form would send to the active environment.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { buildCodeRequest, CODE_LANGUAGES, findCodeLanguage, type CodeRequest } from '@shared/codegen'
import { STARTER_LANGUAGE_IDS } from '@shared/codegen/starter'
import type { StarterExported } from '@shared/ipc-contract'
import type { WorkbenchError } from '@shared/result'
import { getWorkbench } from '@renderer/bridge'
import { callBridge } from '@renderer/lib/call'
import { useEnvironmentsStore } from './environments'
import { useTokenFormStore } from './tokenForm'
import { useTokenResultStore } from './tokenResult'

export const useCodeStore = defineStore('code', () => {
  const languageId = ref('node-fetch')
  const exporting = ref(false)
  const exported = ref<StarterExported | null>(null)
  const exportError = ref<WorkbenchError | null>(null)

  const form = useTokenFormStore()
  const tokens = useTokenResultStore()
  const environments = useEnvironmentsStore()

  const language = computed(() => findCodeLanguage(languageId.value) ?? CODE_LANGUAGES[0])

  /** Where the request comes from, and its parts; or why there is none yet. */
  const source = computed<{ from: 'sent' | 'form'; domain: string; environmentName: string; body: CodeRequest['body'] } | { problem: string }>(() => {
    const sent = tokens.result
    if (sent) return { from: 'sent', domain: sent.domain, environmentName: sent.environmentName, body: sent.request.body }
    const env = environments.active
    if (!env) return { problem: 'Choose an environment in the sidebar: the code asks its domain for tokens.' }
    const body = form.assembled.body
    if (!form.isValid || !body) return { problem: `The form is not complete yet: ${form.problems[0] ?? 'check the token fields'}.` }
    return { from: 'form', domain: env.domain, environmentName: env.name, body }
  })

  const request = computed<CodeRequest | null>(() => {
    const s = source.value
    if ('problem' in s) return null
    return buildCodeRequest({ widget: form.widget, domain: s.domain, body: s.body, qrvey86OrNewer: form.qrvey86, fields: form.currentWidgetValues })
  })

  const code = computed(() => (request.value ? language.value.generate(request.value) : ''))

  /** The starter's backend: the language shown if it serves pages, else Node (fetch). */
  const starterLanguage = computed(() => findCodeLanguage(STARTER_LANGUAGE_IDS.includes(languageId.value) ? languageId.value : 'node-fetch')!)

  async function exportStarter(): Promise<void> {
    const s = source.value
    if (exporting.value || 'problem' in s) return
    exporting.value = true
    exported.value = null
    exportError.value = null
    try {
      // Plain copies: store values are reactive proxies, which IPC's structured clone refuses.
      const reply = await callBridge(() =>
        getWorkbench().code.exportStarter(
          JSON.parse(
            JSON.stringify({
              languageId: starterLanguage.value.id,
              widgetId: form.widgetId,
              domain: s.domain,
              body: s.body,
              fields: form.currentWidgetValues,
              qrvey86OrNewer: form.qrvey86
            })
          )
        )
      )
      if (reply.ok) exported.value = reply.value
      else exportError.value = reply.error
    } finally {
      exporting.value = false
    }
  }

  return { languageId, language, source, request, code, starterLanguage, exporting, exported, exportError, exportStarter }
})
