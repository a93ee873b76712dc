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
import { computed, ref, shallowRef, watch } from 'vue'
import type { WorkspaceState } from '@shared/ipc-contract'
import type { KeptDraft } from '@shared/draft'
import { fail, type Result, type WorkbenchError } from '@shared/result'
import type { Setup } from '@shared/setup'
import { serializeSetup, setupNameKey } from '@shared/setup-text'
import type { SaveSetupResult, SetupSummary } from '@shared/workspace'
import { getWorkbench } from '@renderer/bridge'
import { callBridge } from '@renderer/lib/call'
import { installLeaveGuard } from '@renderer/lib/leave-guard'
import { emptyFormSnapshot, formFromSetup, formKey, isFormModified, setupFromForm, type FormSnapshot } from '@renderer/lib/setup-form'
import { useEnvironmentsStore } from './environments'
import { useSettingsStore } from './settings'
import { formChecks, loadFormChecks } from '@renderer/lib/form-checks-loader'
import { useTokenFormStore } from './tokenForm'
import { useTokenResultStore } from './tokenResult'
import { keepDrafts } from './setups-draft'
import { createListActions, describeDroppedList } from './setups-list-actions'
import { createToasts } from './setups-toasts'
import { createListWindow } from './setups-list-window'

export { describeDroppedList }
export type { Toast, ToastKind } from './setups-toasts'

export type UnsavedChoice = 'save' | 'discard' | 'cancel'

export interface UnsavedPrompt {
  /** The open setup's name; empty for a draft that was never saved. */
  name: string
  /** A draft: Save needs a name. */
  needsName: boolean
  busy: boolean
  error: WorkbenchError | null
}

/** A notice about the open setup (its environment, a change on disk). */
export interface SetupNotice {
  kind: 'missing-environment' | 'no-environment' | 'disk-changed' | 'disk-removed' | 'warning' | 'draft-restored' | 'rerun-draft'
  message: string
}

/** A save refused because another save (window, workbench, editor) changed the file first. */
export interface SaveConflict {
  message: string
  busy: boolean
}

export type ConflictChoice = 'reload' | 'overwrite' | 'copy'

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
  let savedModifiedAt: string | undefined
  /** The revision of the file the form started from: sent with Save, so a save over a newer version is refused. */
  let savedRevision: string | undefined
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
  /** The environment the open setup names while it is not the active one (missing, or none). */
  const environmentOverride = ref<string | null>(null)
  const notice = ref<SetupNotice | null>(null)
  const actionError = ref<WorkbenchError | null>(null)
  const toasts = createToasts()
  const { toast, showToast, dismissToast } = toasts
  const unsaved = ref<UnsavedPrompt | null>(null)
  let unsavedResolve: ((proceed: boolean) => void) | null = null

  // ------------------------------------------------------------ the form

  function snapshotForm(): FormSnapshot {
    return {
      widgetId: form.widgetId,
      widgetValues: form.widgetValues,
      fields: { ...form.fields },
      timeoutText: form.timeoutText,
      permissionsText: form.permissionsText,
      extraText: form.extraText,
      qrvey86: form.qrvey86
    }
  }

  function applyToForm(snapshot: FormSnapshot): void {
    form.widgetValues = Object.fromEntries(Object.entries(snapshot.widgetValues).map(([id, values]) => [id, { ...values }]))
    form.selectWidget(snapshot.widgetId)
    Object.assign(form.fields, snapshot.fields)
    form.timeoutText = snapshot.timeoutText
    form.permissionsText = snapshot.permissionsText
    form.extraText = snapshot.extraText
    form.qrvey86 = snapshot.qrvey86
    form.markPristine()
  }

  const snapshot = computed(snapshotForm)
  const environmentName = computed(() => environmentOverride.value ?? environments.active?.name ?? '')
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

  // Choosing an environment by hand ends "the setup names another one".
  watch(
    () => environments.activeId,
    () => {
      environmentOverride.value = null
      if (notice.value?.kind === 'missing-environment' || notice.value?.kind === 'no-environment') notice.value = null
    },
    { flush: 'sync' }
  )

  // The environment a setup names was created (here, or on disk): select it.
  watch(
    () => environments.environments.map((e) => e.name).join('\n'),
    () => {
      const wanted = environmentOverride.value
      if (!wanted) return
      const env = findEnvironment(wanted)
      if (env) void environments.select(env.id)
    }
  )

  function findEnvironment(name: string) {
    const key = setupNameKey(name)
    return environments.environments.find((e) => setupNameKey(e.name) === key)
  }

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

  async function chooseFolder(): Promise<void> {
    if (!(await confirmLeave())) return
    const before = workspace.value?.path
    const result = await run(() => api().chooseFolder())
    if (!result.ok) {
      actionError.value = result.error
      return
    }
    if (result.value.path !== before) {
      // The open setup belonged to the other folder: the form stays, as a draft.
      detach('')
      await environments.load()
    }
    await applyState(result.value)
  }

  /** Browser mode: opens the workspace at a typed path (no folder dialog there). Returns whether it opened. */
  async function openFolder(path: string): Promise<boolean> {
    if (!(await confirmLeave())) return false
    const before = workspace.value?.path
    const result = await run(() => api().openFolder({ path }))
    if (!result.ok) {
      actionError.value = result.error
      return false
    }
    if (result.value.path !== before) {
      detach('')
      await environments.load()
    }
    await applyState(result.value)
    return true
  }

  /** Searches in main (the index is there); the list shows the first page of hits and fetches more as it scrolls. */
  function setQuery(text: string): Promise<void> {
    query.value = text
    return rows.refresh()
  }

  /** Brings the open setup in line with its file when the file changed on disk. */
  async function followDisk(): Promise<void> {
    const id = currentId.value
    const base = saved.value
    if (!id || !base) return
    const found = await callBridge(() => api().summaries({ ids: [id] }))
    if (!found.ok || currentId.value !== id) return
    const summary = found.value[0] ?? undefined
    if (summary) currentSummary.value = summary
    if (!summary) {
      detach(base.name)
      notice.value = { kind: 'disk-removed', message: `"${base.name}" was deleted or renamed on disk. The form keeps it: Save writes it again.` }
      return
    }
    if (summary.modifiedAt === savedModifiedAt) return
    savedModifiedAt = summary.modifiedAt
    if (summary.error) {
      notice.value = { kind: 'disk-changed', message: `"${base.name}" was changed on disk and cannot be read now (${summary.error}). The form keeps what it had.` }
      return
    }
    const record = await callBridge(() => api().get({ id }))
    if (!record.ok || currentId.value !== id) return
    if (serializeSetup(record.value.setup) === serializeSetup(base)) return
    if (!modified.value) {
      adopt(id, record.value.setup, record.value.summary.modifiedAt, record.value.summary.revision, record.value.summary)
      await applySetupToForm(record.value.setup)
      notice.value = { kind: 'disk-changed', message: `"${record.value.setup.name}" was changed on disk; the form now shows the new version.` }
    } else {
      // The user is told below that Save overwrites this version: a save from here on is made knowingly.
      saved.value = record.value.setup
      savedRevision = record.value.summary.revision
      notice.value = {
        kind: 'disk-changed',
        message: `"${record.value.setup.name}" was changed on disk. Your unsaved edits are kept: Save overwrites the file, or load the file's version.`
      }
    }
  }

  /** Drops the link to a file; the form stays as a draft (modified when it had a name). */
  function detach(name: string): void {
    currentId.value = null
    currentSummary.value = undefined
    saved.value = null
    savedModifiedAt = undefined
    savedRevision = undefined
    conflict.value = null
    draftName.value = name
    draftBaseline.value = name ? null : copyOf(snapshotForm())
    environmentOverride.value = null
  }

  function adopt(id: string, setup: Setup, modifiedAt: string, revision: string | undefined, summary?: SetupSummary): void {
    currentId.value = id
    currentSummary.value = summary
    saved.value = setup
    savedModifiedAt = modifiedAt
    savedRevision = revision
    draftName.value = ''
  }

  // ------------------------------------------------------------ open / new

  /** Fills the form from a setup and selects its environment by name; returns what could not be applied as it is. */
  async function applySetupToForm(setup: Setup): Promise<string[]> {
    const applied = formFromSetup(setup)
    applyToForm(applied.form)
    const env = setup.environment.trim() ? findEnvironment(setup.environment) : undefined
    if (env && env.id !== environments.activeId) {
      // Until main confirms the selection, the setup's own environment counts (no "modified" flash).
      environmentOverride.value = env.name
      const selected = await environments.select(env.id)
      if (!selected.ok) environmentOverride.value = null
    }
    // Set after the selection: choosing an environment clears the override.
    environmentOverride.value = env ? null : setup.environment.trim() ? setup.environment : ''
    return applied.warnings
  }

  /** The notice for the open setup's environment, if it is not the active one. */
  const environmentNotice = computed<SetupNotice | null>(() => {
    if (environmentOverride.value === null || !saved.value) return null
    const active = environments.active?.name
    if (environmentOverride.value === '') {
      return { kind: 'no-environment', message: `This setup names no environment; Generate uses the active one${active ? ` ("${active}")` : ''}.` }
    }
    return { kind: 'missing-environment', message: `The environment "${environmentOverride.value}" this setup uses does not exist here.` }
  })

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
      if (env && env.id !== environments.activeId) await environments.select(env.id)
    }
    const when = new Date(draft.savedAt)
    const at = Number.isNaN(when.getTime()) ? '' : ` (kept ${when.toLocaleString()})`
    notice.value = { kind: 'draft-restored', message: `Your unsaved changes from the last session are back${at}. Save them to keep them in a setup file.` }
  }

  /** Uses the active environment for the open setup (ends "names another environment"). */
  function useActiveEnvironment(): void {
    environmentOverride.value = null
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

  // ------------------------------------------------------------ save

  function build(name: string): Result<Setup> {
    const built = setupFromForm(snapshot.value, { name, environment: environmentName.value, notes: saved.value?.notes, personas: saved.value?.personas })
    if (!built.ok) return fail('INVALID_INPUT', `The setup cannot be saved yet: ${built.problems[0]}`)
    return { ok: true, value: built.setup }
  }

  async function afterSave(result: SaveSetupResult, fallback: Setup): Promise<void> {
    const record = await callBridge(() => api().get({ id: result.summary.id }))
    adopt(
      result.summary.id,
      record.ok ? record.value.setup : fallback,
      record.ok ? record.value.summary.modifiedAt : result.summary.modifiedAt,
      record.ok ? record.value.summary.revision : result.summary.revision,
      record.ok ? record.value.summary : result.summary
    )
    notice.value = null
    conflict.value = null
    actionError.value = null
    if (result.dropped.length) {
      showToast(`Saved "${fallback.name}" without the secrets it contained.`, { kind: 'warning', details: describeDroppedList(result.dropped) })
    } else {
      showToast(`Saved "${fallback.name}".`)
    }
    void settingsStore.update({ lastSetupId: result.summary.id })
    await load()
  }

  /** Saves the open setup under its name; a draft needs saveAs. */
  async function save(): Promise<Result<SaveSetupResult>> {
    const id = currentId.value
    if (!id || !saved.value) return fail('INVALID_INPUT', 'Give the setup a name first.', { field: 'name' })
    if (!formChecks.value) await loadFormChecks()
    const built = build(saved.value.name)
    if (!built.ok) {
      actionError.value = built.error
      return built
    }
    const result = await run(() => api().save({ id, setup: built.value, ...(savedRevision ? { baseRevision: savedRevision } : {}) }))
    if (!result.ok) {
      if (result.error.code === 'CONFLICT' && result.error.field === 'baseRevision') {
        // Nothing was written: the user chooses (load theirs, overwrite with mine, save mine as a copy).
        conflict.value = { message: result.error.message, busy: false }
        await load()
        // The conflict box says it all (and offers the ways on); no second note about the same change.
        if (notice.value?.kind === 'disk-changed') notice.value = null
        return result
      }
      actionError.value = result.error
      // Main reloaded a file changed on disk: follow it, so the next Save overwrites knowingly.
      if (result.error.code === 'CONFLICT') await load()
      return result
    }
    await afterSave(result.value, built.value)
    return result
  }

  /** Saves the form as a new setup named `name`, and opens it. */
  async function saveAs(name: string): Promise<Result<SaveSetupResult>> {
    if (!formChecks.value) await loadFormChecks()
    const built = build(name.trim())
    if (!built.ok) return built
    const result = await run(() => api().save({ setup: built.value }))
    if (!result.ok) return result
    await afterSave(result.value, built.value)
    return result
  }

  /**
   * What to do after a save was refused as a conflict: 'reload' shows the
   * file's version (the form's edits are dropped), 'overwrite' saves the
   * form over that version (knowingly), 'copy' saves the form as a new
   * setup next to it.
   */
  async function resolveConflict(choice: ConflictChoice): Promise<Result<unknown>> {
    const current = conflict.value
    const id = currentId.value
    if (!current || current.busy || !id || !saved.value) return fail('NOT_FOUND', 'There is no save conflict to resolve.')
    conflict.value = { ...current, busy: true }
    let result: Result<unknown>
    if (choice === 'reload') {
      await revert()
      result = { ok: true, value: undefined }
    } else if (choice === 'copy') {
      // Every setup named "<name> (my copy…" holds these words: one search finds the names taken.
      const similar = await callBridge(() => api().page({ query: `${saved.value?.name ?? ''} (my copy`.slice(0, 500), offset: 0, limit: 500 }))
      const taken = new Set((similar.ok ? similar.value.items : rows.loaded.value).map((s) => setupNameKey(s.name)))
      let name = `${saved.value.name} (my copy)`
      for (let n = 2; taken.has(setupNameKey(name)); n++) name = `${saved.value.name} (my copy ${n})`
      result = await saveAs(name)
    } else {
      const record = await run(() => api().get({ id }))
      if (record.ok) savedRevision = record.value.summary.revision
      result = record.ok ? await save() : record
      if (!record.ok) actionError.value = record.error
    }
    // Success clears the conflict (afterSave, revert); a new conflict replaced it; otherwise it stays, to try again.
    if (conflict.value?.busy) conflict.value = { ...conflict.value, busy: false }
    return result
  }

  function dismissConflict(): void {
    conflict.value = null
  }

  // ------------------------------------------------------------ the unsaved-changes guard

  /** True when it is fine to replace the form: nothing unsaved, or the user chose Save (and it worked) or Discard. */
  function confirmLeave(): Promise<boolean> {
    if (!modified.value) return Promise.resolve(true)
    unsavedResolve?.(false)
    unsaved.value = { name: currentName.value || draftName.value, needsName: !currentId.value, busy: false, error: null }
    return new Promise((resolve) => {
      unsavedResolve = resolve
    })
  }

  async function answerUnsaved(choice: UnsavedChoice, name?: string): Promise<void> {
    const prompt = unsaved.value
    if (!prompt || !unsavedResolve || prompt.busy) return
    if (choice === 'save') {
      unsaved.value = { ...prompt, busy: true, error: null }
      const result = prompt.needsName ? await saveAs(name ?? '') : await save()
      if (!result.ok) {
        unsaved.value = { ...prompt, busy: false, error: result.error }
        return
      }
    }
    const resolve = unsavedResolve
    unsavedResolve = null
    unsaved.value = null
    resolve(choice !== 'cancel')
  }

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
