/** What the status bar shows about the running app (version, sandbox URL). */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppInfo } from '@shared/ipc-contract'
import type { WorkbenchError } from '@shared/result'
import { getWorkbench } from '@renderer/bridge'
import { callBridge } from '@renderer/lib/call'

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null)
  const error = ref<WorkbenchError | null>(null)

  async function load(): Promise<void> {
    const result = await callBridge(() => getWorkbench().app.info())
    if (result.ok) {
      info.value = result.value
      error.value = null
    } else {
      error.value = result.error
    }
  }

  /** Follows notices main adds while running (a file damaged under the app and moved aside). Returns the stop function. */
  function listen(): () => void {
    return getWorkbench().on('app:notices', (notices) => {
      if (info.value) info.value = { ...info.value, notices }
    })
  }

  return { info, error, load, listen }
})
