/**
 * The history of token requests and preview runs, as main records them.
 * Refreshed after every token answer (Generate, renewals) and every preview
 * outcome; "Re-run" opens a recorded request as a new draft and
 * generates again. The preview store reports its runs through
 * `previewStarted` / `previewReported`, and the first data or the first
 * problem of each run is recorded once.
 */
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type { HistoryEntry, HistoryKind, HistoryStatus } from '@shared/history'
import type { PreviewReport } from '@shared/preview-messages'
import type { WorkbenchError } from '@shared/result'
import { getWorkbench } from '@renderer/bridge'
import { callBridge } from '@renderer/lib/call'
import { formFromHistoryRequest } from '@renderer/lib/setup-form'
import { useEnvironmentsStore } from './environments'
import { useSetupsStore } from './setups'
import { useTokenResultStore } from './tokenResult'

export const HISTORY_PAGE = 200

/** A preview run being watched for its outcome. */
interface PreviewRun {
  sessionId: number
  startedAt: number
  environmentId: string
  widgetId: string
  setupName?: string
  mountedMs?: number
  recorded: boolean
}

export interface PreviewStart {
  environmentId: string
  widgetId: string
}

const elapsed = (from: number, to: number) => Math.min(3_600_000, Math.max(0, Math.round(to - from)))

/**
 * Only dashboard widgets send qvDSHItemsLoaded (Single Panel, Analytic Suite
 * and the Report Builder do not). A run without it, and without a problem,
 * is recorded as a success this long after the widget was created.
 */
export const QUIET_RUN_MS = 8_000

export const useHistoryStore = defineStore('history', () => {
  const entries = ref<HistoryEntry[]>([])
  const text = ref('')
  const kind = ref<HistoryKind | ''>('')
  const status = ref<HistoryStatus | ''>('')
  const loaded = ref(false)
  const loading = ref(false)
  const error = ref<WorkbenchError | null>(null)
  /** Why the last re-run did not generate (the form was filled, or not). */
  const rerunError = ref<WorkbenchError | null>(null)
  const rerunningId = ref<string | null>(null)
  let seq = 0
  let run: PreviewRun | null = null

  const tokens = useTokenResultStore()
  const api = () => getWorkbench().history

  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    const query = {
      limit: HISTORY_PAGE,
      ...(text.value.trim() ? { text: text.value.trim().slice(0, 500) } : {}),
      ...(kind.value ? { kind: kind.value } : {}),
      ...(status.value ? { status: status.value } : {})
    }
    const result = await callBridge(() => api().list(query))
    if (mine !== seq) return
    loading.value = false
    if (result.ok) {
      entries.value = result.value
      error.value = null
      loaded.value = true
    } else {
      error.value = result.error
    }
  }

  function setText(next: string): Promise<void> {
    text.value = next
    return load()
  }

  async function clear(): Promise<boolean> {
    const result = await callBridge(() => api().clear())
    if (!result.ok) {
      error.value = result.error
      return false
    }
    await load()
    return true
  }

  /**
   * Opens the entry's request as a new draft (environment, token body,
   * timeout, widget and its fields) and generates the token again. The open
   * setup is closed, never written to; unsaved edits ask first.
   */
  async function rerun(entry: HistoryEntry): Promise<boolean> {
    rerunError.value = null
    const request = entry.request
    if (!request) {
      rerunError.value = { code: 'INVALID_INPUT', message: 'This entry has no token request to run again.' }
      return false
    }
    const environments = useEnvironmentsStore()
    const env = environments.environments.find((e) => e.id === request.environmentId)
    if (!env) {
      rerunError.value = {
        code: 'NOT_FOUND',
        message: `The environment this request went to${entry.environmentName ? ` ("${entry.environmentName}")` : ''} no longer exists; nothing was changed.`
      }
      return false
    }
    const setups = useSetupsStore()
    const from = setups.currentName
    const when = new Date(entry.time)
    const label = `the ${Number.isNaN(when.getTime()) ? '' : `${when.toLocaleTimeString()} `}request${entry.setupName ? ` of "${entry.setupName}"` : ''}`
    const opened = await setups.openAsDraft(
      formFromHistoryRequest(request),
      `Re-run opened ${label} as a new draft${from ? `; "${from}" is unchanged` : ''}. Save it under a name to keep it.`
    )
    if (!opened) return false
    rerunningId.value = entry.id
    try {
      if (environments.activeId !== env.id) {
        const selected = await environments.select(env.id)
        if (!selected.ok) {
          rerunError.value = selected.error
          return false
        }
      }
      const blocked = tokens.blockedReason
      if (blocked) {
        rerunError.value = { code: 'INVALID_INPUT', message: `The request is back in the form, but it cannot be sent yet: ${blocked}` }
        return false
      }
      await tokens.generate()
      return true
    } finally {
      rerunningId.value = null
    }
  }

  // ------------------------------------------------------------ preview runs

  /** The preview store calls this when a preview page starts loading. */
  let quietTimer: ReturnType<typeof setTimeout> | undefined

  function previewStarted(sessionId: number, start: PreviewStart): void {
    clearTimeout(quietTimer)
    const setupName = useSetupsStore().currentName
    run = { sessionId, startedAt: Date.now(), environmentId: start.environmentId, widgetId: start.widgetId, recorded: false, ...(setupName ? { setupName } : {}) }
  }

  /**
   * The running page was built again for a theme change: the same preview, so no new History entry.
   * A run not recorded yet follows the new page (its first data still counts from the click).
   */
  function previewRebuilt(previousSessionId: number, sessionId: number): void {
    if (run && run.sessionId === previousSessionId) run.sessionId = sessionId
  }

  /**
   * The preview store hands over each report of the running page; the first
   * data (qvDSHItemsLoaded) or the first problem is recorded, once per run.
   */
  function previewReported(sessionId: number, report: PreviewReport, problem?: { title: string; message: string }): void {
    const current = run
    if (!current || current.sessionId !== sessionId || current.recorded) return
    const at = Number.isFinite(report.time) ? report.time : Date.now()
    if (report.kind === 'lifecycle' && report.name === 'mounted') {
      current.mountedMs = elapsed(current.startedAt, at)
      clearTimeout(quietTimer)
      quietTimer = setTimeout(() => finish(current, { status: 'success' }, { mountedMs: current.mountedMs as number }), QUIET_RUN_MS)
    }
    if (report.kind === 'event' && report.name === 'qvDSHItemsLoaded') {
      finish(current, { status: 'success' }, { firstDataMs: elapsed(current.startedAt, at) })
    } else if (problem) {
      finish(current, { status: 'failure', error: `${problem.title}: ${problem.message}`.slice(0, 2000) }, { failedAfterMs: elapsed(current.startedAt, at) })
    }
  }

  /** Records the run's outcome, once. */
  function finish(current: PreviewRun, outcome: { status: HistoryStatus; error?: string }, timings: Record<string, number>): void {
    if (current.recorded || run !== current) return
    current.recorded = true
    clearTimeout(quietTimer)
    if (current.mountedMs !== undefined) timings.mountedMs = current.mountedMs
    void recordPreview({
      environmentId: current.environmentId,
      widgetId: current.widgetId,
      ...(current.setupName ? { setupName: current.setupName.slice(0, 500) } : {}),
      status: outcome.status,
      timings,
      ...(outcome.error ? { error: outcome.error } : {})
    })
  }

  async function recordPreview(input: Parameters<ReturnType<typeof getWorkbench>['history']['recordPreview']>[0]): Promise<void> {
    const result = await callBridge(() => api().recordPreview(input))
    if (result.ok) await load()
  }

  // Every token answer (Generate, a renewal, a re-run) is a new entry.
  watch(
    () => [tokens.result, tokens.error] as const,
    ([result, failure]) => {
      if (result || failure) void load()
    }
  )

  return {
    entries,
    text,
    kind,
    status,
    loaded,
    loading,
    error,
    rerunError,
    rerunningId,
    load,
    setText,
    clear,
    rerun,
    previewStarted,
    previewRebuilt,
    previewReported,
    recordPreview
  }
})
