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
import { downloadBase64 } from '@renderer/lib/import-file'
import { useEnvironmentsStore } from './environments'
import { useTokenFormStore } from './tokenForm'
import { useTokenResultStore } from './tokenResult'

export const useCodeStore = defineStore('code', () => {
  const languageId = ref('node-fetch')
  const exporting = ref(false)
  const exported = ref<StarterExported | null>(null)
  const exportError = ref<WorkbenchError | null>(null)
  /** The last .zip downloaded: its name and files, to say what was saved. */
  const zipped = ref<{ fileName: string; files: string[]; run: string } | null>(null)

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

  /** What main needs to build the starter (plain data: store values are reactive proxies, which IPC's structured clone refuses). */
  function starterRequest() {
    const s = source.value
    if ('problem' in s) return undefined
    return JSON.parse(
      JSON.stringify({
        languageId: starterLanguage.value.id,
        widgetId: form.widgetId,
        domain: s.domain,
        body: s.body,
        fields: form.currentWidgetValues,
        qrvey86OrNewer: form.qrvey86
      })
    ) as Parameters<ReturnType<typeof getWorkbench>['code']['starterZip']>[0]
  }

  /** Writes the starter folder: where the desktop app's save dialog points, or (browser mode) to a typed folder. */
  async function exportStarter(folder?: string): Promise<boolean> {
    const request = starterRequest()
    if (exporting.value || !request) return false
    exporting.value = true
    exported.value = null
    exportError.value = null
    zipped.value = null
    try {
      const reply = await callBridge(() => getWorkbench().code.exportStarter(folder === undefined ? request : { ...request, folder }))
      if (reply.ok) exported.value = reply.value
      else exportError.value = reply.error
      return reply.ok && reply.value !== null
    } finally {
      exporting.value = false
    }
  }

  /** The same starter as a .zip download (browser mode has no folder dialog, issue 9). */
  async function downloadStarterZip(): Promise<void> {
    const request = starterRequest()
    if (exporting.value || !request) return
    exporting.value = true
    exported.value = null
    exportError.value = null
    zipped.value = null
    try {
      const reply = await callBridge(() => getWorkbench().code.starterZip(request))
      if (!reply.ok) {
        exportError.value = reply.error
        return
      }
      downloadBase64(reply.value.fileName, reply.value.base64, 'application/zip')
      zipped.value = { fileName: reply.value.fileName, files: reply.value.files, run: reply.value.run }
    } finally {
      exporting.value = false
    }
  }

  return { languageId, language, source, request, code, starterLanguage, exporting, exported, exportError, zipped, exportStarter, downloadStarterZip }
})
