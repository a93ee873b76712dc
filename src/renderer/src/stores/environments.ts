/**
 * Environments as main reports them (EnvironmentsState). API keys pass
 * through the actions to main and are never kept here: the store only knows
 * whether a key is set and its last four characters.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { CreateEnvironmentInput, EnvironmentsState, EnvironmentView, UpdateEnvironmentInput, VaultStatus } from '@shared/environment'
import type { Result, WorkbenchError } from '@shared/result'
import { getWorkbench } from '@renderer/bridge'
import { callBridge } from '@renderer/lib/call'

type StateResult = Result<EnvironmentsState>

export const useEnvironmentsStore = defineStore('environments', () => {
  const environments = ref<EnvironmentView[]>([])
  const activeId = ref('')
  const vault = ref<VaultStatus | null>(null)
  const loaded = ref(false)
  /** Pending calls; the UI disables buttons while > 0. */
  const pending = ref(0)
  /** The last failure of an action that has no form of its own to show it (load, select, delete, remove key). */
  const lastError = ref<WorkbenchError | null>(null)

  const active = computed(() => environments.value.find((e) => e.id === activeId.value))
  const busy = computed(() => pending.value > 0)

  function apply(state: EnvironmentsState) {
    environments.value = state.environments
    activeId.value = state.activeId
    vault.value = state.vault
    loaded.value = true
  }

  /**
   * Runs one call. `report: false` is for actions whose form shows the error
   * itself (create, update, set key), so it does not appear twice.
   */
  async function run(call: () => Promise<StateResult>, report = true): Promise<StateResult> {
    pending.value++
    try {
      const result = await callBridge(call)
      if (result.ok) {
        apply(result.value)
        lastError.value = null
      } else if (report) {
        lastError.value = result.error
      }
      return result
    } finally {
      pending.value--
    }
  }

  const api = () => getWorkbench().environments

  function load(): Promise<StateResult> {
    return run(() => api().list())
  }

  /** Creates an environment and makes it the active one. */
  async function create(input: CreateEnvironmentInput): Promise<StateResult> {
    const before = new Set(environments.value.map((e) => e.id))
    const result = await run(() => api().create(input), false)
    if (!result.ok) return result
    const fresh = result.value.environments.filter((e) => !before.has(e.id))
    const added = fresh.find((e) => e.name === input.name.trim()) ?? fresh[fresh.length - 1]
    if (added && result.value.activeId !== added.id) {
      // The new environment exists either way; a failed select shows in the sidebar.
      await select(added.id)
    }
    return result
  }

  function update(input: UpdateEnvironmentInput): Promise<StateResult> {
    return run(() => api().update(input), false)
  }

  function setKey(id: string, apiKey: string): Promise<StateResult> {
    return run(() => api().setKey({ id, apiKey }), false)
  }

  function removeKey(id: string): Promise<StateResult> {
    return run(() => api().removeKey({ id }))
  }

  function remove(id: string): Promise<StateResult> {
    return run(() => api().remove({ id }))
  }

  function select(id: string): Promise<StateResult> {
    return run(() => api().select({ id }))
  }

  function clearError() {
    lastError.value = null
  }

  return {
    environments,
    activeId,
    vault,
    loaded,
    pending,
    lastError,
    active,
    busy,
    load,
    create,
    update,
    setKey,
    removeKey,
    remove,
    select,
    clearError
  }
})
