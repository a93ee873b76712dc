/**
 * The workspace's personas (issue 12): the list (followed through main's
 * `personas:changed`), the one open in the persona editor, and what the
 * list does to files (new, duplicate, rename, delete with Undo, export,
 * share text, the sandbox's demo personas). Other screens (the compare
 * view) read `list` and `fetch(id)` / `findByName(name)`.
 */
import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import type { ExportedFile } from '@shared/ipc-contract'
import type { Result, WorkbenchError } from '@shared/result'
import { describeDropped } from '@shared/secret-fields'
import type { Persona } from '@shared/personas/persona'
import { serializePersona } from '@shared/personas/persona-text'
import type { PersonaRecord, PersonaSummary } from '@shared/personas/persona-workspace'
import { setupNameKey } from '@shared/setup-text'
import { getWorkbench } from '@renderer/bridge'
import { callBridge } from '@renderer/lib/call'
import { downloadText } from '@renderer/lib/import-file'
import { emptyPersonaForm, formFromPersona, type PersonaForm, type PersonaFormField } from '@renderer/lib/persona-form-basics'
import type { PersonaFormCheck, PersonaFromForm } from '@renderer/lib/persona-form'
import { CHECKING_FORM, formChecks, loadFormChecks } from '@renderer/lib/form-checks-loader'
import { createToasts } from './setups-toasts'

export type { Toast } from './setups-toasts'

export const usePersonasStore = defineStore('personas', () => {
  const api = () => getWorkbench().personas

  const list = ref<PersonaSummary[]>([])
  const loaded = ref(false)
  const loadError = ref<WorkbenchError | null>(null)
  const pending = ref(0)
  const busy = computed(() => pending.value > 0)

  /** The persona open in the editor; null with `editing` for a new one not saved yet. */
  const currentId = ref<string | null>(null)
  const editing = ref(false)
  const form = reactive<PersonaForm>(emptyPersonaForm())
  /** The open persona as its file says (serialized), the baseline of `modified`. */
  const baseline = ref('')
  let revision: string | undefined
  const error = ref<WorkbenchError | null>(null)
  const fieldError = ref<{ field: PersonaFormField; message: string } | null>(null)
  const toasts = createToasts()

  /** Leaving a persona with unsaved edits (open another, New): what happens next waits for Save, Discard or Cancel. */
  const leaving = ref<{ name: string; next: () => Promise<unknown> | unknown } | null>(null)

  // The checks arrive just after start (form-checks-loader.ts); before that the texts have no verdict and nothing is a persona yet.
  const unchecked = (text: string) => ({ errors: [], empty: text.trim() === '' })
  const check = computed<PersonaFormCheck>(
    () => formChecks.value?.checkPersonaForm(form) ?? { permissions: unchecked(form.permissionsText), assetPermissions: unchecked(form.assetPermissionsText), extra: unchecked(form.extraText) }
  )
  const draft = computed<PersonaFromForm>(() => formChecks.value?.personaFromForm(form, check.value) ?? { ok: false, field: 'name', message: CHECKING_FORM })
  /** The persona as the form stands now, when it is valid. */
  const current = computed<Persona | undefined>(() => (draft.value.ok ? draft.value.persona : undefined))
  const modified = computed(() => editing.value && !!formChecks.value && (!draft.value.ok || serializePersona(draft.value.persona) !== baseline.value))
  const currentSummary = computed(() => list.value.find((p) => p.id === currentId.value))

  async function run<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
    pending.value++
    try {
      return await callBridge(call)
    } finally {
      pending.value--
    }
  }

  async function load(): Promise<void> {
    const result = await run(() => api().list())
    if (result.ok) {
      list.value = result.value
      loadError.value = null
    } else {
      loadError.value = result.error
    }
    loaded.value = true
  }

  /** One persona from its file (the compare view uses this too). */
  function fetch(id: string): Promise<Result<PersonaRecord>> {
    return callBridge(() => api().get({ id }))
  }

  /** The readable persona summary with this name (case- and space-insensitive), as setups name personas. */
  function findByName(name: string): PersonaSummary | undefined {
    const key = setupNameKey(name)
    return list.value.find((p) => !p.error && setupNameKey(p.name) === key)
  }

  function adopt(id: string | null, persona: Persona, rev?: string): void {
    Object.assign(form, formFromPersona(persona))
    baseline.value = serializePersona(persona)
    revision = rev
    currentId.value = id
    editing.value = true
    error.value = null
    fieldError.value = null
  }

  /**
   * Which open() is the newest. Opens can overlap (the demo personas open the first one they added
   * while the user clicks another; a double click): only the newest may fill the form, else an
   * older answer arriving last replaced what the user had started typing into the persona they chose.
   * New and close count as newer than any open still under way.
   */
  let openTicket = 0

  async function open(id: string): Promise<boolean> {
    const ticket = ++openTicket
    const modifiedBefore = modified.value
    const record = await run(() => api().get({ id }))
    if (ticket !== openTicket) return false
    if (!record.ok) {
      error.value = record.error
      return false
    }
    const show = () => adopt(record.value.summary.id, record.value.persona, record.value.summary.revision)
    // Edits typed into the persona still on screen while this one loaded: the guard passed at the
    // click, when there were none yet; ask now, as it would have, instead of replacing them unasked.
    if (!modifiedBefore && modified.value) {
      askBeforeLeaving(show)
      return false
    }
    show()
    return true
  }

  /** A new persona in the editor (saved on Save). */
  function newPersona(): void {
    openTicket++
    let name = 'New persona'
    for (let n = 2; findByName(name); n++) name = `New persona (${n})`
    Object.assign(form, emptyPersonaForm(name))
    baseline.value = ''
    revision = undefined
    currentId.value = null
    editing.value = true
    error.value = null
    fieldError.value = null
  }

  function close(): void {
    openTicket++
    editing.value = false
    currentId.value = null
    error.value = null
    fieldError.value = null
  }

  /** Back to the file's version. */
  async function revert(): Promise<void> {
    if (currentId.value) await open(currentId.value)
    else newPersona()
  }

  async function save(): Promise<boolean> {
    if (!formChecks.value) await loadFormChecks()
    const built = draft.value
    if (!built.ok) {
      fieldError.value = { field: built.field, message: built.message }
      return false
    }
    fieldError.value = null
    const id = currentId.value ?? undefined
    const result = await run(() => api().save({ ...(id ? { id } : {}), ...(revision ? { baseRevision: revision } : {}), persona: { ...built.persona } }))
    if (!result.ok) {
      error.value = result.error
      if (result.error.field === 'name') fieldError.value = { field: 'name', message: result.error.message }
      return false
    }
    const { summary, dropped } = result.value
    const again = await fetch(summary.id)
    adopt(summary.id, again.ok ? again.value.persona : built.persona, summary.revision)
    if (dropped.length) toasts.showToast(`Saved "${summary.name}" without the secrets it contained.`, { kind: 'warning', details: dropped.map(describeDropped) })
    else toasts.showToast(`Saved "${summary.name}".`)
    await load()
    return true
  }

  async function rename(id: string, name: string): Promise<boolean> {
    const result = await run(() => api().rename({ id, name }))
    if (!result.ok) {
      error.value = result.error
      return false
    }
    if (currentId.value === id) {
      form.name = result.value.summary.name
      const record = await fetch(result.value.summary.id)
      if (record.ok) {
        baseline.value = serializePersona(record.value.persona)
        revision = record.value.summary.revision
      }
      currentId.value = result.value.summary.id
    }
    await load()
    return true
  }

  async function duplicate(id: string): Promise<boolean> {
    const result = await run(() => api().duplicate({ id }))
    if (!result.ok) {
      error.value = result.error
      return false
    }
    toasts.showToast(`Duplicated as "${result.value.summary.name}".`)
    await load()
    await open(result.value.summary.id)
    return true
  }

  async function remove(id: string): Promise<boolean> {
    const name = list.value.find((p) => p.id === id)?.name ?? id
    const result = await run(() => api().remove({ ids: [id] }))
    if (!result.ok) {
      error.value = result.error
      return false
    }
    if (currentId.value === id) close()
    toasts.showToast(`Deleted "${name}".`, { undoToken: result.value.undoToken })
    await load()
    return true
  }

  async function undoDelete(): Promise<void> {
    const token = toasts.toast.value?.undoToken
    if (!token) return
    toasts.dismissToast()
    const result = await run(() => api().restore({ undoToken: token }))
    if (!result.ok) {
      error.value = result.error
      return
    }
    toasts.showToast(result.value.length === 1 ? `Restored "${result.value[0].name}".` : `Restored ${result.value.length} personas.`)
    await load()
  }

  /** Downloads an export of these personas (secrets never included; the toast says what was left out). */
  async function exportPersonas(ids: string[] | 'all'): Promise<Result<ExportedFile>> {
    const result = await run(() => api().exportPersonas({ ids }))
    if (!result.ok) {
      error.value = result.error
      return result
    }
    const { fileName, text, dropped, skipped } = result.value
    downloadText(fileName, text)
    const details = [...dropped.map(describeDropped), ...skipped.map((id) => `Left out personas/${id}.json: it cannot be read.`)]
    toasts.showToast(`Exported ${fileName}.${dropped.length ? ' Secrets were left out.' : ' It carries no API keys or tokens.'}`, { kind: details.length ? 'warning' : 'info', details })
    return result
  }

  async function copyShareText(id: string): Promise<void> {
    const result = await run(() => api().shareText({ id }))
    if (!result.ok) {
      error.value = result.error
      return
    }
    try {
      await navigator.clipboard.writeText(result.value.text)
      toasts.showToast('Shareable text copied: paste it into a ticket or Import > Paste; it carries no API key or token.')
    } catch (e) {
      toasts.showToast(`The clipboard refused the text: ${e instanceof Error ? e.message : String(e)}`, { kind: 'error' })
    }
  }

  /** Saves the sandbox's demo personas (those whose names are free) and opens the first one added. */
  async function addDemos(): Promise<boolean> {
    const result = await run(() => api().addDemos())
    if (!result.ok) {
      error.value = result.error
      return false
    }
    const { added, kept } = result.value
    toasts.showToast(
      added.length ? `Added ${added.length} demo persona${added.length === 1 ? '' : 's'}: ${added.map((a) => a.name).join(', ')}.` : 'The demo personas are already in this workspace.',
      kept.length && added.length ? { details: [`Already here, left as they are: ${kept.join(', ')}.`] } : {}
    )
    await load()
    if (added[0] && !editing.value) await open(added[0].id)
    return true
  }

  /** Runs `next` now, or, when the open persona has unsaved edits, after the user chose Save or Discard. */
  async function guard(next: () => Promise<unknown> | unknown): Promise<void> {
    if (!modified.value) {
      await next()
      return
    }
    askBeforeLeaving(next)
  }

  /** The unsaved-changes question about the persona on screen; `next` runs after Save or Discard. */
  function askBeforeLeaving(next: () => Promise<unknown> | unknown): void {
    leaving.value = { name: form.name.trim() || 'this persona', next }
  }

  async function answerLeave(choice: 'save' | 'discard' | 'cancel'): Promise<void> {
    const pendingLeave = leaving.value
    if (!pendingLeave) return
    if (choice === 'cancel') {
      leaving.value = null
      return
    }
    if (choice === 'save' && !(await save())) return
    leaving.value = null
    await pendingLeave.next()
  }

  function clearError(): void {
    error.value = null
  }

  /** Follows main's events: changes on disk, another workspace folder. Returns the stop function. */
  function start(): () => void {
    const wb = getWorkbench()
    const stop = wb.on('personas:changed', (next) => {
      list.value = next
      if (currentId.value && !next.some((p) => p.id === currentId.value) && !modified.value) close()
    })
    void load()
    return stop
  }

  return {
    list,
    loaded,
    loadError,
    busy,
    currentId,
    currentSummary,
    editing,
    form,
    check,
    current,
    modified,
    leaving,
    guard,
    answerLeave,
    error,
    fieldError,
    toast: toasts.toast,
    showToast: toasts.showToast,
    dismissToast: toasts.dismissToast,
    load,
    fetch,
    findByName,
    open,
    newPersona,
    close,
    revert,
    save,
    rename,
    duplicate,
    remove,
    undoDelete,
    exportPersonas,
    copyShareText,
    addDemos,
    clearError,
    start
  }
})
