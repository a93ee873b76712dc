/**
 * The live preview: the generated token running in the real widget, on a
 * page of its own origin (main's preview server), as a customer's host page
 * would run it. The store starts previews, keeps the event log (the preview
 * page's reports and the workbench's own actions), turns failures into
 * banners, and renews expired tokens the Qrvey way: a new token posted to
 * the page, which re-creates the widget element without reloading.
 *
 * It never touches the iframe: the pane connects a PreviewChannel (posting
 * to the frame) and hands over reports it accepted (lib/preview-log).
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { PreviewReport } from '@shared/preview-messages'
import type { WorkbenchError } from '@shared/result'
import type { GenerateTokenRequest } from '@shared/token-request'
import { getWorkbench } from '@renderer/bridge'
import { callBridge } from '@renderer/lib/call'
import { levelOf, problemOf, type PreviewProblem } from '@renderer/lib/preview-log'
import { dressForScheme } from '@renderer/lib/preview-dark'
import { useAppStore } from './app'
import { useEnvironmentsStore } from './environments'
import { useThemeStore } from './theme'
import { useHistoryStore } from './history'
import { useTokenFormStore } from './tokenForm'
import { useTokenResultStore } from './tokenResult'
import { createPreviewLog } from './preview-event-log'
import { createRenewal } from './preview-renewal'
import { definedFields, fieldsKeyOf, type PreviewChannel, type PreviewSession, type PreviewStatus } from './preview-session'

export type { PreviewChannel, PreviewSession, PreviewStatus } from './preview-session'

const MAX_PROBLEMS = 5

export const usePreviewStore = defineStore('preview', () => {
  const app = useAppStore()
  const form = useTokenFormStore()
  const tokens = useTokenResultStore()
  const history = useHistoryStore()
  const environments = useEnvironmentsStore()
  const theme = useThemeStore()

  const session = ref<PreviewSession | null>(null)
  const status = ref<PreviewStatus>('idle')
  /** Why the last Preview could not start. */
  const startError = ref<WorkbenchError | null>(null)
  const problems = ref<PreviewProblem[]>([])
  /** The preview takes the whole window (sidebar and request column hidden). */
  const expanded = ref(false)
  let sessionCounter = 0
  const channel = shallowRef<PreviewChannel | null>(null)
  /** The event log (preview-event-log.ts). */
  const { log, run, add, note, clearLog } = createPreviewLog()

  const previewOrigin = computed(() => app.info?.previewOrigin ?? '')
  const canPopOut = computed(() => !!app.info?.canPopOut)

  /** Why Preview cannot be pressed now, or undefined when it can. */
  const blockedReason = computed<string | undefined>(() => {
    if (!app.info) return app.error ? 'The workbench could not read its settings; restart it.' : 'Loading…'
    if (status.value === 'starting') return 'Starting the preview…'
    if (tokens.busy) return 'A token request is on its way.'
    if (!previewSource()) return 'Generate a token first.'
    const missing = Object.values(form.widgetErrors)[0]
    if (missing) return missing
    return undefined
  })

  /** The form moved on from what the running page was built from: only Preview applies that. */
  const stale = computed<string | undefined>(() => {
    const s = session.value
    if (!s) return undefined
    if (form.widgetId !== s.widgetId) return `The form now configures ${form.widget.name}; the preview still shows ${s.widgetName}.`
    if (fieldsKeyOf(form.currentWidgetValues) !== s.fieldsKey) return 'The widget fields changed since this preview started.'
    if (form.qrvey86 !== s.qrvey86OrNewer) return 'The Qrvey 8.6+ switch changed since this preview started.'
    if (theme.dark !== s.dark) return `The workbench is ${theme.dark ? 'dark' : 'light'} now; the widget was dressed for ${s.dark ? 'dark' : 'light'}.`
    return undefined
  })

  /** Renewing the running page's token (preview-renewal.ts). */
  const renewal = createRenewal({ session, channel, tokens, stale, note })

  /**
   * The token a Preview uses: the last generated one, or, after a failed
   * request, the one the running preview has (issue 11: "Preview again"
   * stays available while a preview runs).
   */
  function previewSource(): { token: string; request: GenerateTokenRequest; environmentName: string } | undefined {
    if (tokens.result && tokens.lastRequest) return { token: tokens.result.token, request: tokens.lastRequest, environmentName: tokens.result.environmentName }
    const s = session.value
    return s ? { token: s.token, request: s.request, environmentName: s.environmentName } : undefined
  }

  /** Preview: builds the page for the current token, widget and fields. */
  function start(): Promise<boolean> {
    return build()
  }

  /**
   * Builds the preview page. `themeChange`: the running preview is built again for the new theme
   * (the watcher below); its log entry says so instead of a second "preview started".
   */
  async function build(themeChange?: { dark: boolean }): Promise<boolean> {
    if (blockedReason.value) return false
    const result = previewSource()
    const request = result?.request
    const info = app.info
    if (!result || !request || !info) return false
    const widget = form.widget
    const dark = theme.dark
    const sandbox = environments.isSandbox(request.environmentId)
    const dress = dressForScheme(widget, definedFields(form.currentWidgetValues), { dark, sandbox })
    const fields = dress.fields
    const qrvey86OrNewer = form.qrvey86
    const before = status.value
    status.value = 'starting'
    startError.value = null
    const reply = await callBridge(() =>
      getWorkbench().preview.create({
        environmentId: request.environmentId,
        widgetId: widget.id,
        token: result.token,
        fields,
        qrvey86OrNewer,
        ...(dress.sandboxScheme ? { sandboxScheme: dress.sandboxScheme } : {})
      })
    )
    if (!reply.ok) {
      startError.value = reply.error
      status.value = before
      note('preview-failed', `Preview could not start: ${reply.error.message}`, 'error', reply.error.detail)
      return false
    }
    const previousId = session.value?.id
    session.value = {
      ...reply.value,
      id: ++sessionCounter,
      environmentId: request.environmentId,
      environmentName: result.environmentName,
      widgetId: widget.id,
      widgetName: widget.name,
      element: widget.element,
      configAttribute: widget.configAttribute,
      token: result.token,
      request,
      fieldsKey: fieldsKeyOf(form.currentWidgetValues),
      qrvey86OrNewer,
      dark
    }
    status.value = 'loading'
    // The history records this run's first data or first problem; a theme rebuild is the same run, not a new entry.
    if (themeChange && previousId !== undefined) history.previewRebuilt(previousId, session.value.id)
    else history.previewStarted(session.value.id, { environmentId: request.environmentId, widgetId: widget.id })
    problems.value = []
    renewal.reset()
    // From here on the log counts this run's errors; earlier runs' entries stay readable above.
    run.value = session.value.id
    if (themeChange) note('theme-changed', `The workbench is ${themeChange.dark ? 'dark' : 'light'} now: the preview is built again to match.`, 'info', { url: reply.value.url })
    else note('preview-started', `Preview started: ${widget.name} <${widget.element}> from ${result.environmentName}.`, 'info', { url: reply.value.url })
    if (dress.note) note('dark-theme', dress.note)
    return true
  }

  /** A report the pane accepted from the preview page. */
  function receive(report: PreviewReport): void {
    if (!session.value) return
    add(report.kind, report.name, report.message, { detail: report.detail, time: report.time, level: levelOf(report.kind) })
    const problem = problemOf(report)
    history.previewReported(session.value.id, report, problem)
    // "Element not defined" after a script that failed to load or threw is that failure's consequence: logged, no second banner.
    const consequence = report.name === 'element-undefined' && problems.value.length > 0
    if (problem && !consequence && !problems.value.some((p) => p.key === problem.key)) {
      problems.value = [...problems.value, problem].slice(-MAX_PROBLEMS)
    }
    // A launcher problem, or an error before the widget mounted, means it is not running; a later page error is shown, not fatal.
    if (problem && (report.kind === 'script-error' || status.value === 'loading')) status.value = 'failed'
    if (report.kind === 'lifecycle' && report.name === 'mounted' && status.value === 'loading') status.value = 'running'
    if (report.kind === 'lifecycle' && report.name === 'token-renewed') renewal.renewed(report.detail)
    if (report.kind === 'event' && report.name === 'qvTokenExpired') void renewal.tokenExpired()
  }

  async function popOut(): Promise<void> {
    const s = session.value
    if (!s) return
    const reply = await callBridge(() => getWorkbench().preview.popOut({ url: s.url }))
    if (reply.ok) note('pop-out', 'Preview opened in a window of its own. Its events are not logged here.')
    else note('pop-out-failed', `Pop out failed: ${reply.error.message}`, 'error')
  }

  /**
   * The preview follows the workbench's light/dark theme: a running page is built again, dressed for the
   * new theme, when nothing else changed since it started (same widget, fields, switch and token).
   * Otherwise, or while a token is renewed, the stale notice asks for Preview again.
   */
  watch(
    () => theme.dark,
    (dark) => {
      const s = session.value
      if (!s || s.dark === dark || renewal.renewing.value || renewal.expired.value || status.value === 'starting') return
      const sameForm = form.widgetId === s.widgetId && fieldsKeyOf(form.currentWidgetValues) === s.fieldsKey && form.qrvey86 === s.qrvey86OrNewer
      if (!sameForm || previewSource()?.token !== s.token) return
      void build({ dark })
    }
  )

  /** The pane's frame: where renewals are posted. Returns the disconnect. */
  function connect(next: PreviewChannel): () => void {
    channel.value = next
    return () => {
      if (channel.value === next) channel.value = null
    }
  }

  function dismissProblem(key: string): void {
    problems.value = problems.value.filter((p) => p.key !== key)
  }

  return {
    session,
    status,
    startError,
    log,
    run,
    problems,
    autoRenew: renewal.autoRenew,
    expanded,
    expired: renewal.expired,
    renewing: renewal.renewing,
    renewalHalted: renewal.renewalHalted,
    previewOrigin,
    canPopOut,
    blockedReason,
    stale,
    start,
    receive,
    setAutoRenew: renewal.setAutoRenew,
    replayToken: renewal.replayToken,
    popOut,
    connect,
    clearLog,
    dismissProblem
  }
})
