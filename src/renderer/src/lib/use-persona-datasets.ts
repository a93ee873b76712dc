/**
 * Where the persona screen reads datasets and their security names from
 * (issue 12): an environment and an application, chosen on the screen
 * (default: the active environment, its first application, the sandbox's
 * Sales Analytics). The permissions builder offers their security names; the
 * Explain panel explains the persona over them. Asked of main through the
 * discovery channel (the sandbox's data, or a Qrvey instance's dev API).
 */
import { computed, ref, watch, type Ref } from 'vue'
import type { DiscoveryItem, DiscoveryListing } from '@shared/discovery'
import { getWorkbench } from '@renderer/bridge'
import { callBridge } from '@renderer/lib/call'
import { useEnvironmentsStore } from '@renderer/stores/environments'

export function usePersonaDatasets(userid: Ref<string>) {
  const environments = useEnvironmentsStore()
  const environmentId = ref('')
  const appid = ref('')
  const apps = ref<DiscoveryItem[]>([])
  const datasets = ref<DiscoveryListing | null>(null)
  const loading = ref(false)
  const problem = ref('')

  const environment = computed(() => environments.environments.find((e) => e.id === environmentId.value))

  async function loadApps(): Promise<void> {
    if (!environmentId.value) return
    const reply = await callBridge(() => getWorkbench().discovery.list({ environmentId: environmentId.value, kind: 'apps', ...(userid.value.trim() ? { userid: userid.value.trim() } : {}) }))
    apps.value = reply.ok && !reply.value.refused ? reply.value.items : []
    if (!reply.ok) problem.value = reply.error.message
    else if (reply.value.refused) problem.value = reply.value.refused
    if (!appid.value || (apps.value.length && !apps.value.some((a) => a.id === appid.value))) appid.value = apps.value[0]?.id ?? appid.value
  }

  async function loadDatasets(): Promise<void> {
    if (!environmentId.value || !appid.value.trim()) {
      datasets.value = null
      return
    }
    loading.value = true
    try {
      const request = { environmentId: environmentId.value, kind: 'datasets' as const, appid: appid.value.trim(), ...(userid.value.trim() ? { userid: userid.value.trim() } : {}) }
      const reply = await callBridge(() => getWorkbench().discovery.list(request))
      datasets.value = reply.ok ? reply.value : { kind: 'datasets', from: 'main', items: [], refused: reply.error.message }
      problem.value = datasets.value.refused ?? ''
    } finally {
      loading.value = false
    }
  }

  /** Starts on the active environment (once the environments are loaded). */
  async function start(): Promise<void> {
    if (!environments.loaded) await environments.load()
    if (!environmentId.value) environmentId.value = environments.activeId || environments.environments[0]?.id || ''
  }

  watch(environmentId, async () => {
    problem.value = ''
    await loadApps()
    await loadDatasets()
  })
  watch(appid, () => void loadDatasets())

  return { environments, environmentId, environment, appid, apps, datasets, loading, problem, start, reload: loadDatasets }
}
