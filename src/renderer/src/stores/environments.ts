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

  /** `keepActive`: the state is older than a selection asked for since; its list and vault are news, its active one is not. */
  function apply(state: EnvironmentsState, keepActive = false) {
    environments.value = state.environments
    if (!keepActive || !state.environments.some((e) => e.id === activeId.value)) activeId.value = state.activeId
    vault.value = state.vault
    loaded.value = true
  }

  /**
   * Selections so far. A state main sent before the latest selection was asked for is older than
   * it: applied late (answers may come in any order), its active environment would show the
   * earlier choice again.
   */
  let selections = 0
  /**
   * The newest selection whose turn is over (answered, failed or skipped). While one is still
   * waiting its turn or on its way, main may answer another call before it has seen that
   * selection: that state's active environment is older than the user's choice too.
   */
  let selectionsDone = 0
  /** The environment asked for by the newest selection. */
  let lastChosen = ''

  /** Whether a selection asked for is still waiting its turn or on its way to main. */
  function isSelecting(): boolean {
    return selectionsDone !== selections
  }

  /**
   * Whether `id` is what the user chose last: the newest selection's while one is under way,
   * else the active one. A click on an environment compares with this, not with the active one
   * alone: clicked back while another choice is on its way, it must be selected again.
   */
  function isChosen(id: string): boolean {
    return (isSelecting() ? lastChosen : activeId.value) === id
  }

  /**
   * Runs one call. `report: false` is for actions whose form shows the error
   * itself (create, update, set key), so it does not appear twice.
   * `selection`: the number of the selection this call makes (its answer is the newest state).
   */
  async function run(call: () => Promise<StateResult>, report = true, selection?: number): Promise<StateResult> {
    pending.value++
    const asked = selections
    const selectionUnderway = isSelecting()
    try {
      const result = await callBridge(call)
      if (result.ok) {
        if (selection === undefined) apply(result.value, selectionUnderway || asked !== selections)
        else if (selection === selections) apply(result.value)
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

  /** The selection being sent or answered: selections go to main one at a time, in order. */
  let selecting: Promise<unknown> = Promise.resolve()

  /**
   * Makes `id` the active environment. The last choice wins: a selection asked for while another
   * is on its way waits for it, and is not sent at all when a newer one came meanwhile (it then
   * answers CANCELLED, without an error in the sidebar).
   */
  function select(id: string): Promise<StateResult> {
    const selection = ++selections
    lastChosen = id
    const turn = selecting.then((): Promise<StateResult> => {
      if (selection !== selections) {
        return Promise.resolve({ ok: false, error: { code: 'CANCELLED', message: 'Another environment was chosen before this one was selected.' } })
      }
      return run(() => api().select({ id }), true, selection)
    })
    selecting = turn.catch(() => {})
    void selecting.then(() => (selectionsDone = Math.max(selectionsDone, selection)))
    return turn
  }

  /**
   * Resolves once every selection asked for so far has had its turn. An action that uses the
   * active environment (Generate) waits for it: clicked right after another environment, it
   * must go to that one, not to the one main still reports as active (issue 15's CI caught
   * a Generate that went to the previous environment).
   */
  async function settled(): Promise<void> {
    while (isSelecting()) await selecting
  }

  /** Whether this environment is the offline sandbox (previews are dressed for it; see lib/preview-dark.ts). */
  function isSandbox(id: string): boolean {
    return environments.value.find((e) => e.id === id)?.kind === 'sandbox'
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
    isChosen,
    isSelecting,
    settled,
    isSandbox,
    clearError
  }
})
