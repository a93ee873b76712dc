/**
 * The app's settings as main keeps them (settings:get / settings:update), and
 * what happened when they were opened (a damaged file moved aside, values
 * reset), for the start-up notices.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { RendererSettingsPatch, Settings, SettingsReport } from '@shared/settings'
import type { Result } from '@shared/result'
import { getWorkbench } from '@renderer/bridge'
import { callBridge } from '@renderer/lib/call'

export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings | null>(null)
  const report = ref<SettingsReport | null>(null)
  let loading: Promise<Result<{ settings: Settings; report: SettingsReport }>> | undefined

  /** Reads the settings once; later calls share the first answer. */
  function load(): Promise<Result<{ settings: Settings; report: SettingsReport }>> {
    loading ??= callBridge(() => getWorkbench().settings.get()).then((result) => {
      if (result.ok) {
        settings.value = result.value.settings
        report.value = result.value.report
      } else {
        loading = undefined
      }
      return result
    })
    return loading
  }

  async function update(patch: RendererSettingsPatch): Promise<Result<Settings>> {
    const result = await callBridge(() => getWorkbench().settings.update(patch))
    if (result.ok) settings.value = result.value
    return result
  }

  return { settings, report, load, update }
})
