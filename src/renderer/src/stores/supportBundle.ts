/**
 * The support bundle (issue 13): asks main to build it from what this page
 * knows (the form, the last token request and its header, the last
 * preview's log) and what main knows (environment without key, the doctor's
 * last report, versions); the dialog lists what is in it before Save
 * writes it (a download, in the desktop app and in browser mode alike).
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { WorkbenchError } from '@shared/result'
import type { SupportBundle, SupportBundleRequest } from '@shared/support-bundle'
import { getWorkbench } from '@renderer/bridge'
import { callBridge } from '@renderer/lib/call'
import { downloadText } from '@renderer/lib/import-file'
import { usePreviewStore } from './preview'
import { useSetupsStore } from './setups'
import { useTokenFormStore } from './tokenForm'
import { useTokenResultStore } from './tokenResult'

export const useSupportBundleStore = defineStore('supportBundle', () => {
  const bundle = ref<SupportBundle | null>(null)
  const error = ref<WorkbenchError | null>(null)
  const busy = ref(false)
  const saved = ref<string | null>(null)

  function request(environmentId: string): SupportBundleRequest {
    const form = useTokenFormStore()
    const tokens = useTokenResultStore()
    const preview = usePreviewStore()
    const setups = useSetupsStore()
    const body = form.assembled.body
    const fields = Object.fromEntries(Object.entries(form.currentWidgetValues).filter((e): e is [string, string | boolean] => e[1] !== undefined && e[1] !== ''))
    const name = setups.currentName || undefined
    return {
      environmentId,
      setup: { ...(name ? { name } : {}), widgetId: form.widgetId, ...(body ? { body } : {}), fields, qrvey86OrNewer: form.qrvey86 },
      ...(tokens.result ? { request: { ...tokens.result.request, body: tokens.result.request.body } } : {}),
      ...(tokens.inspection?.header ? { tokenHeader: tokens.inspection.header } : {}),
      ...(preview.log.length
        ? { preview: { widgetId: form.widgetId, log: preview.log.slice(-500).map((e) => ({ time: e.time, kind: e.kind, name: e.name.slice(0, 200), message: e.message.slice(0, 4_000), level: e.level, ...(e.detail !== undefined ? { detail: e.detail } : {}) })) } }
        : {})
    }
  }

  /** Builds the bundle and opens the dialog with its list; nothing is written yet. */
  async function prepare(environmentId: string): Promise<void> {
    busy.value = true
    error.value = null
    saved.value = null
    try {
      const result = await callBridge(() => getWorkbench().support.bundle(JSON.parse(JSON.stringify(request(environmentId))) as SupportBundleRequest))
      if (result.ok) bundle.value = result.value
      else error.value = result.error
    } finally {
      busy.value = false
    }
  }

  function save() {
    if (!bundle.value) return
    downloadText(bundle.value.fileName, bundle.value.text)
    saved.value = bundle.value.fileName
    bundle.value = null
  }

  function cancel() {
    bundle.value = null
  }

  return { bundle, error, busy, saved, prepare, save, cancel }
})
