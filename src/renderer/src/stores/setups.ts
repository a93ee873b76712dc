/**
 * The workspace's setups and the one open in the form. Opening a setup
 * applies it to the token form and selects its environment by name;
 * "modified" compares what the form stands for now with the saved file;
 * leaving a modified setup (open another, new, another folder, re-run) asks
 * first: Save, Discard or Cancel. Main tells of changes on disk through
 * `workspace:changed`; the list follows, and the open setup is reloaded
 * when it changed on disk and has no edits of its own.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { WorkspaceState } from '@shared/ipc-contract'
import type { KeptDraft } from '@shared/draft'
import type { Result, WorkbenchError } from '@shared/result'
import type { Setup } from '@shared/setup'
import type { SetupSummary } from '@shared/workspace'
import { getWorkbench } from '@renderer/bridge'
import { callBridge } from '@renderer/lib/call'
import { installLeaveGuard } from '@renderer/lib/leave-guard'
import { emptyFormSnapshot, formFromSetup, formKey, isFormModified, type FormSnapshot } from '@renderer/lib/setup-form'
import { useEnvironmentsStore } from './environments'
import { useSettingsStore } from './settings'
import { formChecks, loadFormChecks } from '@renderer/lib/form-checks-loader'
import { useTokenFormStore } from './tokenForm'
import { useTokenResultStore } from './tokenResult'
import { keepDrafts } from './setups-draft'
import { createListActions, describeDroppedList } from './setups-list-actions'
import { createToasts } from './setups-toasts'
import { createListWindow } from './setups-list-window'
import { applyToForm as applySnapshot, snapshotForm as snapshotOf } from './setups-form-snapshot'
import { createSaveActions } from './setups-save'
import { createUnsavedGuard } from './setups-unsaved-guard'
import { createEnvironmentLink } from './setups-environment'
import { followDiskChanges } from './setups-follow-disk'
import type { OpenFileVersion, SaveConflict, SetupNotice } from './setups-types'

export { describeDroppedList }
export type { Toast, ToastKind } from './setups-toasts'

export type { ConflictChoice, SaveConflict, SetupNotice, UnsavedChoice, UnsavedPrompt } from './setups-types'

export const useSetupsStore = defineStore('setups', () => {
  const form = useTokenFormStore()
  const environments = useEnvironmentsStore()
  const settingsStore = useSettingsStore()
  const api = () => getWorkbench().workspace

  // Shallow: the state is replaced as a whole on every change, never edited in place.
  const workspace = shallowRef<WorkspaceState | null>(null)
  const loadError = ref<WorkbenchError | null>(null)
  const query = ref('')
  const pending = ref(0)
  /** The rows of the list for the current query, a page at a time (setups-list-window.ts). */
  const rows = createListWindow({
    workspace,
    query,
    fetchPage: (request) => callBridge(() => api().page(request)),
    onError: (error) => (actionError.value = error)
  })
  /** The open setup's row (its file, revision, problems), kept in step with the file. */
  const currentSummary = shallowRef<SetupSummary | undefined>(undefined)

  /** The open setup's id; null for a draft. */
  const currentId = ref<string | null>(null)
  /** The open setup as its file says (the baseline of "modified"). */
  const saved = shallowRef<Setup | null>(null)
  /** The file's version the form started from (its revision goes back with Save). */
  const file: OpenFileVersion = { modifiedAt: undefined, revision: undefined }
  /** A save refused because the file changed since it was opened: the user chooses what happens. */
  const conflict = ref<SaveConflict | null>(null)
  /**
   * For a draft: what the form was when it started (null: a draft that had a
   * name, deleted on disk, which counts as modified). Kept as the form, not
   * its key, so both sides of the comparison are keyed with the same checks
   * (they arrive just after start, see form-checks-loader.ts).
   */
  const draftBaseline = shallowRef<FormSnapshot | null>(null)
  const draftName = ref('')
  const notice = ref<SetupNotice | null>(null)
  /** The environment the open setup uses (setups-environment.ts). */
  const { environmentOverride, environmentName, environmentNotice, findEnvironment, follow, useActiveEnvironment } = createEnvironmentLink({ environments, saved, notice })
  const actionError = ref<WorkbenchError | null>(null)
  const toasts = createToasts()
  const { toast, showToast, dismissToast } = toasts

  // ------------------------------------------------------------ the form

  const snapshotForm = () => snapshotOf(form)
  const applyToForm = (snapshot: FormSnapshot) => applySnapshot(form, snapshot)

  const snapshot = computed(snapshotForm)
  /** A draft's key leaves the environment out: switching environments is not an edit of a draft. */
  const draftKey = (s: FormSnapshot) => formKey(s, { name: '', environment: '' })

  const modified = computed(() => {
    // Without the checks nothing can be keyed as a setup: no verdict yet, so nothing is kept or guarded.
    if (!formChecks.value) return false
    if (saved.value) return isFormModified(snapshot.value, saved.value, environmentName.value)
    return !draftBaseline.value || draftKey(snapshot.value) !== draftKey(draftBaseline.value)
  })

  /** A copy that later edits of the form cannot reach. */
  const copyOf = (s: FormSnapshot): FormSnapshot => JSON.parse(JSON.stringify(s)) as FormSnapshot

  draftBaseline.value = copyOf(snapshotForm())

  const drafts = keepDrafts({ snapshot, modified, currentId, draftName, environmentName })

  const currentName = computed(() => saved.value?.name ?? '')
  /** The rows loaded from the top of the list (the whole list of a small workspace); `rows` has the rest. */
  const list = rows.loaded
  /** How many setups the folder has. */
  const total = computed(() => workspace.value?.total ?? 0)
  const busy = computed(() => pending.value > 0)

  async function run<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
    pending.value++
    try {
      return await callBridge(call)
    } finally {
      pending.value--
    }
  }

  // ------------------------------------------------------------ the list

  async function applyState(state: WorkspaceState): Promise<void> {
    workspace.value = state
    loadError.value = null
    await rows.refresh(state)
    await followDisk()
  }

  /** The row of one setup, from main (the list holds only pages of it); undefined when it is gone. */
  async function lookup(id: string): Promise<SetupSummary | undefined> {
    const loaded = rows.find(id)
    if (loaded) return loaded
    const reply = await callBridge(() => api().summaries({ ids: [id] }))
    return reply.ok ? (reply.value[0] ?? undefined) : undefined
  }

  async function load(): Promise<void> {
    const result = await run(() => api().info())
    if (result.ok) await applyState(result.value)
    else loadError.value = result.error
  }

  async function reload(): Promise<void> {
    const result = await run(() => api().reload())
    if (result.ok) await applyState(result.value)
    else loadError.value = result.error
  }

  /** Opens another workspace folder (by `call`); returns whether it opened. */
  async function switchFolder(call: () => Promise<Result<WorkspaceState>>): Promise<boolean> {
    if (!(await confirmLeave())) return false
    const before = workspace.value?.path
    const result = await run(call)
    if (!result.ok) {
      actionError.value = result.error
      return false
    }
    if (result.value.path !== before) {
      // The open setup belonged to the other folder: the form stays, as a draft.
      detach('')
      await environments.load()
    }
    await applyState(result.value)
    return true
  }

  async function chooseFolder(): Promise<void> {
    await switchFolder(() => api().chooseFolder())
  }

  /** Browser mode: opens the workspace at a typed path (no folder dialog there). Returns whether it opened. */
  function openFolder(path: string): Promise<boolean> {
    return switchFolder(() => api().openFolder({ path }))
  }

  /** Searches in main (the index is there); the list shows the first page of hits and fetches more as it scrolls. */
  function setQuery(text: string): Promise<void> {
    query.value = text
    return rows.refresh()
  }

  /** Brings the open setup in line with its file when the file changed on disk (setups-follow-disk.ts). */
  const followDisk = () =>
    followDiskChanges({ currentId, saved, currentSummary, file, modified, notice, detach, adopt, applySetupToForm })

  /** Drops the link to a file; the form stays as a draft (modified when it had a name). */
  function detach(name: string): void {
    currentId.value = null
    currentSummary.value = undefined
    saved.value = null
    file.modifiedAt = undefined
    file.revision = undefined
    conflict.value = null
    draftName.value = name
    draftBaseline.value = name ? null : copyOf(snapshotForm())
    environmentOverride.value = null
  }

  function adopt(id: string, setup: Setup, modifiedAt: string, revision: string | undefined, summary?: SetupSummary): void {
    currentId.value = id
    currentSummary.value = summary
    saved.value = setup
    file.modifiedAt = modifiedAt
    file.revision = revision
    draftName.value = ''
  }

  // ------------------------------------------------------------ open / new

  /** Fills the form from a setup and selects its environment by name; returns what could not be applied as it is. */
  async function applySetupToForm(setup: Setup): Promise<string[]> {
    const applied = formFromSetup(setup)
    applyToForm(applied.form)
    await follow(setup.environment)
    return applied.warnings
  }

  /**
   * Opens a setup: applies it to the form and selects its environment.
   * Asks first when the form has unsaved changes (unless `guard` is false).
   */
  async function open(id: string, options: { guard?: boolean } = {}): Promise<boolean> {
    if (id === currentId.value && !modified.value) return true
    if (options.guard !== false && !(await confirmLeave())) return false
    const record = await run(() => api().get({ id }))
    if (!record.ok) {
      actionError.value = record.error
      return false
    }
    actionError.value = null
    notice.value = null
    conflict.value = null
    adopt(id, record.value.setup, record.value.summary.modifiedAt, record.value.summary.revision, record.value.summary)
    const warnings = await applySetupToForm(record.value.setup)
    if (warnings.length) notice.value = { kind: 'warning', message: warnings.join(' ') }
    void settingsStore.update({ lastSetupId: id })
    return true
  }

  /** A new, empty setup (a draft until it is saved with a name). */
  async function newSetup(): Promise<boolean> {
    if (!(await confirmLeave())) return false
    applyToForm(emptyFormSnapshot())
    detach('')
    notice.value = null
    actionError.value = null
    // The last token error belonged to the form that was there.
    useTokenResultStore().error = null
    void settingsStore.update({ lastSetupId: null })
    return true
  }

  /**
   * Puts `next` into the form as a new, unsaved draft (History "re-run"):
   * the open setup is closed, never written to; unsaved edits ask first.
   * The draft counts as modified against a blank form, so it is kept and
   * leaving it asks too.
   */
  async function openAsDraft(next: FormSnapshot, message: string): Promise<boolean> {
    if (!(await confirmLeave())) return false
    applyToForm(next)
    detach('')
    draftBaseline.value = emptyFormSnapshot()
    actionError.value = null
    notice.value = { kind: 'rerun-draft', message }
    void settingsStore.update({ lastSetupId: null })
    return true
  }

  /** Brings back the form kept from the last session, over its setup when that still exists. */
  async function restoreDraft(draft: KeptDraft): Promise<void> {
    const summary = draft.setupId ? await lookup(draft.setupId) : undefined
    if (!environments.loaded) await environments.load()
    if (summary && !summary.error) {
      if (!(await open(summary.id, { guard: false }))) return
      applyToForm(draft.form)
    } else {
      applyToForm(draft.form)
      detach(draft.draftName)
      if (!draft.draftName) draftBaseline.value = emptyFormSnapshot()
      const env = draft.environment ? findEnvironment(draft.environment) : undefined
      if (env && !environments.isChosen(env.id)) await environments.select(env.id)
    }
    const when = new Date(draft.savedAt)
    const at = Number.isNaN(when.getTime()) ? '' : ` (kept ${when.toLocaleString()})`
    notice.value = { kind: 'draft-restored', message: `Your unsaved changes from the last session are back${at}. Save them to keep them in a setup file.` }
  }

  /** Discards the edits and shows the file's version again. */
  async function revert(): Promise<void> {
    const id = currentId.value
    if (!id) return
    const record = await run(() => api().get({ id }))
    if (!record.ok) {
      actionError.value = record.error
      return
    }
    adopt(id, record.value.setup, record.value.summary.modifiedAt, record.value.summary.revision, record.value.summary)
    await applySetupToForm(record.value.setup)
    notice.value = null
    conflict.value = null
  }

  // ------------------------------------------------------------ save (setups-save.ts) and the unsaved-changes guard (setups-unsaved-guard.ts)

  const { save, saveAs, resolveConflict, dismissConflict } = createSaveActions({
    snapshot,
    environmentName,
    currentId,
    saved,
    file,
    conflict,
    notice,
    actionError,
    toasts,
    loadedRows: () => rows.loaded.value,
    run,
    load,
    adopt,
    revert,
    rememberLast: (id) => void settingsStore.update({ lastSetupId: id })
  })

  const { unsaved, confirmLeave, answerUnsaved } = createUnsavedGuard({
    modified,
    describe: () => ({ name: currentName.value || draftName.value, needsName: !currentId.value }),
    save,
    saveAs
  })

  // ------------------------------------------------------------ list actions

  const listActions = createListActions({
    workspace,
    findRow: rows.find,
    currentId,
    saved,
    actionError,
    toasts,
    run,
    load,
    adopt,
    closeDeleted: () => {
      detach('')
      notice.value = null
      void settingsStore.update({ lastSetupId: null })
    },
    rememberLast: (id) => void settingsStore.update({ lastSetupId: id })
  })

  function clearError(): void {
    actionError.value = null
  }

  function dismissNotice(): void {
    notice.value = null
  }

  // ------------------------------------------------------------ start

  /**
   * Loads the list, reopens the setup opened last, and follows main's
   * events. Returns the function that stops listening.
   */
  function start(): () => void {
    const wb = getWorkbench()
    const stops = [
      wb.on('workspace:changed', (state) => void applyState(state)),
      wb.on('environments:changed', () => void environments.load()),
      installLeaveGuard(() => modified.value, () => void drafts.flush())
    ]
    void (async () => {
      // The kept draft and the last setup are weighed against the form as setups: that needs the checks.
      await load()
      if (!formChecks.value) await loadFormChecks()
      const kept = await drafts.take()
      if (kept && !currentId.value && !modified.value) {
        await restoreDraft(kept)
        drafts.begin()
        return
      }
      drafts.begin()
      const settings = await settingsStore.load()
      const last = settings.ok ? settings.value.settings.lastSetupId : undefined
      const summary = last ? await lookup(last) : undefined
      if (summary && !summary.error && !currentId.value && !modified.value) {
        if (!environments.loaded) await environments.load()
        await open(summary.id, { guard: false })
      }
    })()
    return () => stops.forEach((stop) => stop())
  }

  return {
    workspace,
    loadError,
    query,
    list,
    total,
    /** The list a page at a time (setups-list-window.ts): how many rows match the query, row i, load rows [start, end). */
    matchTotal: rows.total,
    rowAt: rows.rowAt,
    ensureRows: rows.ensure,
    busy,
    currentId,
    currentName,
    currentSummary,
    saved,
    draftName,
    modified,
    environmentName,
    environmentOverride,
    environmentNotice,
    notice,
    actionError,
    toast,
    unsaved,
    conflict,
    resolveConflict,
    dismissConflict,
    start,
    load,
    reload,
    chooseFolder,
    openFolder,
    setQuery,
    open,
    newSetup,
    revert,
    useActiveEnvironment,
    save,
    saveAs,
    confirmLeave,
    answerUnsaved,
    ...listActions,
    openAsDraft,
    flushDraft: drafts.flush,
    showToast,
    dismissToast,
    clearError,
    dismissNotice,
    applyState
  }
})
