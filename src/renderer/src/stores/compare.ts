/**
 * The compare view (issue 12 points 2-4): a setup, 2-6 personas, one token
 * and one preview per persona (compare:start, through main), the values each
 * token sees (compare:values, sandbox only), what each preview reports, and
 * the setup's expectations per persona, evaluated live and saved back into
 * the setup's `personas` list.
 *
 * The store never touches the frames: the previews component hands over the
 * reports it accepted and posts the page changes this store asks for.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { ComparedPersona, ReadingOrError } from '@shared/personas/compare'
import { MIN_COMPARED_PERSONAS, observationOfReading } from '@shared/personas/compare'
import { evaluateExpectations } from '@shared/personas/evaluate-expectations'
import type { Expectation, ExpectationResult, PersonaObservation } from '@shared/personas/expectations'
import { MAX_COMPARED_PERSONAS, type Persona } from '@shared/personas/persona'
import { findPersonaByName } from '@shared/personas/token-for-persona'
import type { PreviewReport } from '@shared/preview-messages'
import type { WorkbenchError } from '@shared/result'
import type { Setup } from '@shared/setup'
import { getWorkbench } from '@renderer/bridge'
import { dressForScheme } from '@renderer/lib/preview-dark'
import { findWidget } from '@shared/widget-catalog'
import { callBridge } from '@renderer/lib/call'
import { appendCapped } from '@renderer/lib/preview-log'
import { frameStateOf, observationOfReports, pageOf, type FrameState } from '@renderer/lib/compare-observation'
import { targetOfSetup, type CompareTarget } from '@renderer/lib/compare-target'
import { useEnvironmentsStore } from './environments'
import { usePersonasStore } from './personas'
import { useThemeStore } from './theme'

export interface ComparedFrame extends ComparedPersona {
  reports: PreviewReport[]
  /** The page the widget shows, once it said so. */
  page?: string
  reading?: ReadingOrError
}

export interface CompareSession {
  id: number
  target: CompareTarget
  environmentName: string
  valuesReadable: boolean
  frames: ComparedFrame[]
  /** When Compare was pressed (performance.now), for the "all rendered in" figure. */
  startedAt: number
  /** The workbench's theme the previews were dressed for at Compare (a theme switch does not redo N token requests). */
  dark: boolean
}

/** The saved setup the view runs and saves expectations into. */
interface ChosenSetup {
  id: string
  setup: Setup
  revision: string
}

const REPORT_CAP = 300
const VALUES_DELAY_MS = 4_000

export const useCompareStore = defineStore('compare', () => {
  const environments = useEnvironmentsStore()
  const personas = usePersonasStore()

  const chosen = shallowRef<ChosenSetup | null>(null)
  const selected = ref<string[]>([])
  const session = ref<CompareSession | null>(null)
  const running = ref(false)
  const error = ref<WorkbenchError | null>(null)
  const valuesError = ref<string | null>(null)
  const syncPages = ref(true)
  /** Expectations per persona name, as edited here (saved into the setup by saveExpectations). */
  const expectations = ref<Record<string, Expectation[]>>({})
  const expectationsDirty = ref(false)
  const saving = ref(false)
  const saveMessage = ref<string | null>(null)
  /** Time from Compare to every preview rendered, ms; undefined until then. */
  const allRenderedMs = ref<number | undefined>()
  let sessions = 0

  const target = computed(() => (chosen.value ? targetOfSetup(chosen.value.setup, environments.environments, environments.activeId) : undefined))

  const blockedReason = computed<string | undefined>(() => {
    if (running.value) return 'Starting the previews…'
    if (!chosen.value) return 'Pick a setup first.'
    if (target.value && !target.value.ok) return target.value.problem
    if (selected.value.length < MIN_COMPARED_PERSONAS) return `Pick at least ${MIN_COMPARED_PERSONAS} personas.`
    if (selected.value.length > MAX_COMPARED_PERSONAS) return `Pick at most ${MAX_COMPARED_PERSONAS} personas.`
    return undefined
  })

  /** Opens a saved setup: its personas are preselected and its expectations loaded. */
  async function chooseSetup(id: string): Promise<void> {
    error.value = null
    const record = await callBridge(() => getWorkbench().workspace.get({ id }))
    if (!record.ok) {
      error.value = record.error
      return
    }
    chosen.value = { id, setup: record.value.setup, revision: record.value.summary.revision }
    if (!personas.loaded) await personas.load()
    const listed = record.value.setup.personas ?? []
    expectations.value = Object.fromEntries(listed.map((p) => [p.persona, p.expect.map((e) => ({ ...e }))]))
    expectationsDirty.value = false
    saveMessage.value = null
    const ids = listed.map((p) => findPersonaByName(personas.list, p.persona)?.id).filter((x): x is string => !!x)
    if (ids.length) selected.value = ids.slice(0, MAX_COMPARED_PERSONAS)
  }

  function toggle(id: string, on: boolean): void {
    selected.value = on ? [...new Set([...selected.value, id])] : selected.value.filter((x) => x !== id)
  }

  async function loadPersonas(): Promise<{ ok: true; personas: Persona[] } | { ok: false; error: WorkbenchError }> {
    const records = await Promise.all(selected.value.map((id) => personas.fetch(id)))
    const out: Persona[] = []
    for (const record of records) {
      if (!record.ok) return { ok: false, error: record.error }
      out.push(record.value.persona)
    }
    return { ok: true, personas: out }
  }

  async function run(): Promise<boolean> {
    if (blockedReason.value || !target.value?.ok) return false
    const t = target.value.target
    const startedAt = performance.now()
    running.value = true
    error.value = null
    valuesError.value = null
    allRenderedMs.value = undefined
    try {
      const loaded = await loadPersonas()
      if (!loaded.ok) {
        error.value = loaded.error
        return false
      }
      // Dressed for the workbench's theme as a single preview is (lib/preview-dark.ts), when the compare starts.
      const widget = findWidget(t.widgetId)
      const sandbox = environments.isSandbox(t.environmentId)
      const dark = useThemeStore().dark
      const dress = widget ? dressForScheme(widget, t.fields, { dark, sandbox }) : { fields: t.fields }
      const reply = await callBridge(() =>
        getWorkbench().compare.start({
          environmentId: t.environmentId,
          widgetId: t.widgetId,
          fields: dress.fields,
          ...(dress.sandboxScheme ? { sandboxScheme: dress.sandboxScheme } : {}),
          qrvey86OrNewer: t.qrvey86OrNewer,
          base: t.base,
          personas: loaded.personas.map((p) => ({ name: p.name, token: p.token })),
          setupName: t.setupName,
          ...(t.timeoutMs ? { timeoutMs: t.timeoutMs } : {})
        })
      )
      if (!reply.ok) {
        error.value = reply.error
        return false
      }
      const id = ++sessions
      session.value = {
        id,
        target: t,
        environmentName: reply.value.environmentName,
        valuesReadable: reply.value.valuesReadable,
        frames: reply.value.personas.map((p) => ({ ...p, reports: [] })),
        startedAt,
        dark
      }
      for (const p of reply.value.personas) if (!(p.name in expectations.value)) expectations.value[p.name] = []
      // Values are read once the previews settled (or after VALUES_DELAY_MS): their queries
      // would otherwise compete with the widgets' own for the sandbox and the CPU.
      if (reply.value.valuesReadable) valuesTimer = setTimeout(() => void readValuesOnce(id), VALUES_DELAY_MS)
      return true
    } finally {
      running.value = false
    }
  }

  let valuesTimer: ReturnType<typeof setTimeout> | undefined
  let valuesRead = 0
  function readValuesOnce(id: number): Promise<void> {
    clearTimeout(valuesTimer)
    if (valuesRead === id) return Promise.resolve()
    valuesRead = id
    return readValues(id)
  }

  async function readValues(id: number): Promise<void> {
    const s = session.value
    if (!s || s.id !== id) return
    const withTokens = s.frames.filter((f) => f.token)
    if (!withTokens.length) return
    const reply = await callBridge(() => getWorkbench().compare.values({ environmentId: s.target.environmentId, tokens: withTokens.map((f) => f.token!) }))
    if (session.value?.id !== id) return
    if (!reply.ok) {
      valuesError.value = reply.error.message
      return
    }
    withTokens.forEach((frame, i) => (frame.reading = reply.value.readings[i]))
  }

  /** A report the previews component accepted from frame `index`; returns the page to post to other frames, if any. */
  function receive(index: number, report: PreviewReport): { page: string; to: number[] } | undefined {
    const s = session.value
    const frame = s?.frames[index]
    if (!s || !frame) return undefined
    frame.reports = appendCapped(frame.reports, report, REPORT_CAP)
    if (allRenderedMs.value === undefined && s.frames.every((f) => !f.preview || frameStateOf(f.reports) !== 'loading')) {
      allRenderedMs.value = performance.now() - s.startedAt
      if (s.valuesReadable) void readValuesOnce(s.id)
    }
    const page = pageOf(report)
    if (!page) return undefined
    const before = frame.page
    frame.page = page
    // The first page a frame shows is where its configuration opened it; a later change is the user's: the others follow.
    if (!syncPages.value || before === undefined || before === page || report.name !== 'page-shown') return undefined
    const to = s.frames.map((f, i) => (i !== index && f.page !== undefined && f.page !== page ? i : -1)).filter((i) => i >= 0)
    for (const i of to) s.frames[i].page = page
    return to.length ? { page, to } : undefined
  }

  function observationOf(frame: ComparedFrame): PersonaObservation {
    const fromReading = frame.reading?.ok ? observationOfReading(frame.reading.reading) : {}
    return { ...fromReading, ...observationOfReports(frame.reports) }
  }

  function stateOf(frame: ComparedFrame): FrameState {
    return frame.preview ? frameStateOf(frame.reports) : 'failed'
  }

  function resultsOf(frame: ComparedFrame): ExpectationResult[] {
    return evaluateExpectations(expectations.value[frame.name] ?? [], observationOf(frame))
  }

  function addExpectation(persona: string, expectation: Expectation): void {
    const list = expectations.value[persona] ?? []
    if (list.some((e) => JSON.stringify(e) === JSON.stringify(expectation))) return
    expectations.value = { ...expectations.value, [persona]: [...list, expectation] }
    expectationsDirty.value = true
    saveMessage.value = null
  }

  function removeExpectation(persona: string, index: number): void {
    const list = [...(expectations.value[persona] ?? [])]
    list.splice(index, 1)
    expectations.value = { ...expectations.value, [persona]: list }
    expectationsDirty.value = true
    saveMessage.value = null
  }

  /** Writes the expectations into the setup's `personas` list (other personas listed there are kept). */
  async function saveExpectations(): Promise<boolean> {
    const c = chosen.value
    if (!c) return false
    saving.value = true
    error.value = null
    try {
      const listed = c.setup.personas ?? []
      const names = new Set(listed.map((p) => p.persona))
      const next = listed.map((p) => (p.persona in expectations.value ? { persona: p.persona, expect: expectations.value[p.persona] } : p))
      for (const [persona, expect] of Object.entries(expectations.value)) if (!names.has(persona)) next.push({ persona, expect })
      const setup: Setup = { ...c.setup, personas: next }
      const saved = await callBridge(() => getWorkbench().workspace.save({ id: c.id, baseRevision: c.revision, setup }))
      if (!saved.ok) {
        error.value = saved.error
        return false
      }
      chosen.value = { id: saved.value.summary.id, setup, revision: saved.value.summary.revision }
      expectationsDirty.value = false
      saveMessage.value = `Saved the expectations into "${setup.name}".`
      return true
    } finally {
      saving.value = false
    }
  }

  return {
    chosen,
    selected,
    session,
    running,
    error,
    valuesError,
    syncPages,
    expectations,
    expectationsDirty,
    saving,
    saveMessage,
    allRenderedMs,
    target,
    blockedReason,
    chooseSetup,
    toggle,
    run,
    receive,
    observationOf,
    stateOf,
    resultsOf,
    addExpectation,
    removeExpectation,
    saveExpectations
  }
})
