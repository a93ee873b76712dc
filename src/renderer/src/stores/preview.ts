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
import type { PreviewCreated } from '@shared/ipc-contract'
import { WORKBENCH_SOURCE, type PreviewReport, type RenewMessage } from '@shared/preview-messages'
import type { WorkbenchError } from '@shared/result'
import type { GenerateTokenRequest } from '@shared/token-request'
import type { WidgetFieldValues } from '@shared/widget-catalog'
import { getWorkbench } from '@renderer/bridge'
import { callBridge } from '@renderer/lib/call'
import { appendCapped, levelOf, problemOf, type LogEntry, type LogLevel, type PreviewProblem } from '@renderer/lib/preview-log'
import { checkRenewal, RENEWAL_LIMIT, renewalStopReason } from '@renderer/lib/renewal-guard'
import { dressForScheme } from '@renderer/lib/preview-dark'
import { useAppStore } from './app'
import { useEnvironmentsStore } from './environments'
import { useThemeStore } from './theme'
import { useHistoryStore } from './history'
import { useTokenFormStore } from './tokenForm'
import { useTokenResultStore } from './tokenResult'

/** How the store reaches the preview page; the pane provides it (iframe.contentWindow.postMessage). */
export interface PreviewChannel {
  /** Posts to the preview page; false when there is no page to post to. */
  post(message: RenewMessage): boolean
}

export interface PreviewSession extends PreviewCreated {
  /** Increases with every Preview, so the pane reloads the frame even for an equal URL. */
  id: number
  environmentId: string
  environmentName: string
  widgetId: string
  widgetName: string
  element: string
  configAttribute: 'settings' | 'config'
  /** The token the page runs with now. */
  token: string
  /** The request that produced that token: what a renewal sends again. */
  request: GenerateTokenRequest
  /** What the page was built from, to tell when the form moved on. */
  fieldsKey: string
  qrvey86OrNewer: boolean
  /** Whether the workbench was dark when the page was built (the widget is dressed to match). */
  dark: boolean
}

/** loading: page requested, widget not yet mounted; running: mounted; failed: a script problem stopped it. */
export type PreviewStatus = 'idle' | 'starting' | 'loading' | 'running' | 'failed'

const MAX_PROBLEMS = 5

function definedFields(values: WidgetFieldValues): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {}
  for (const [key, value] of Object.entries(values)) if (value !== undefined) out[key] = value
  return out
}

function fieldsKeyOf(values: WidgetFieldValues): string {
  return JSON.stringify(Object.entries(definedFields(values)).sort(([a], [b]) => a.localeCompare(b)))
}

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
  const log = ref<LogEntry[]>([])
  const problems = ref<PreviewProblem[]>([])
  const autoRenew = ref(true)
  /** The preview takes the whole window (sidebar and request column hidden). */
  const expanded = ref(false)
  /** Set when the token expired and no renewal is under way or coming; says why. */
  const expired = ref<string | null>(null)
  const renewing = ref(false)
  /** Set once the renewal guard tripped; cleared by a new token or a new preview. */
  const renewalHalted = ref<string | null>(null)
  let renewalTimes: number[] = []
  let nextId = 1
  let sessionCounter = 0
  const channel = shallowRef<PreviewChannel | null>(null)

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

  function add(kind: LogEntry['kind'], name: string, message: string, options: { detail?: unknown; time?: number; level?: LogLevel } = {}) {
    const entry: LogEntry = {
      id: nextId++,
      time: options.time ?? Date.now(),
      kind,
      name,
      message,
      level: options.level ?? 'info',
      ...(options.detail === undefined ? {} : { detail: options.detail })
    }
    log.value = appendCapped(log.value, entry)
  }

  function note(name: string, message: string, level: LogLevel = 'info', detail?: unknown) {
    add('workbench', name, message, { level, detail })
  }

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

  async function start(): Promise<boolean> {
    if (blockedReason.value) return false
    const result = previewSource()
    const request = result?.request
    const info = app.info
    if (!result || !request || !info) return false
    const widget = form.widget
    const dark = theme.dark
    const sandbox = environments.environments.find((e) => e.id === request.environmentId)?.kind === 'sandbox'
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
    // The history records this run's first data or first problem.
    history.previewStarted(session.value.id, { environmentId: request.environmentId, widgetId: widget.id })
    problems.value = []
    expired.value = null
    renewalHalted.value = null
    renewalTimes = []
    awaitingRenewal = false
    note('preview-started', `Preview started: ${widget.name} <${widget.element}> from ${result.environmentName}.`, 'info', { url: reply.value.url })
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
    if (report.kind === 'lifecycle' && report.name === 'token-renewed') {
      awaitingRenewal = false
      expired.value = null
      noteKeptState(report.detail)
    }
    if (report.kind === 'event' && report.name === 'qvTokenExpired') void tokenExpired()
  }

  /** Says in the log whether the re-created widget returned to where the user was. */
  function noteKeptState(detail: unknown): void {
    const d = (detail ?? {}) as { keptPage?: unknown; userFilters?: unknown }
    const filters = d.userFilters === true ? ' The userFilters of the configuration apply again.' : ''
    if (typeof d.keptPage === 'string' && d.keptPage) {
      note('state-kept', `State kept: the widget returned to the page it showed (dashboardId "${d.keptPage}").${filters}`)
    } else {
      note('state-not-kept', `State not kept: the widget did not say which page it showed, so it opens where its configuration says.${filters}`, 'warn')
    }
  }

  /**
   * A renewal was posted and the page has not yet said it re-created the
   * widget: a qvTokenExpired now comes from the old widget (several panels
   * failing at once), not from the new token, and must not renew again.
   */
  let awaitingRenewal = false

  async function tokenExpired(): Promise<void> {
    const s = session.value
    if (!s || renewing.value) return
    if (awaitingRenewal) {
      note('token-expired-echo', 'qvTokenExpired from the widget being replaced (the new token is on its way to it): no second renewal.')
      return
    }
    if (!autoRenew.value) {
      expired.value = 'The token expired and auto-renew is off: generate a new token, and the preview applies it.'
      note('token-expired', 'Token expired; auto-renew is off — generate a new token.', 'warn')
      return
    }
    if (renewalHalted.value) {
      expired.value = renewalHalted.value
      note('token-expired', 'Token expired; auto-renew is stopped (see above) — generate a new token.', 'warn')
      return
    }
    const now = Date.now()
    const check = checkRenewal(renewalTimes, now)
    renewalTimes = check.recent
    if (!check.allowed) {
      renewalHalted.value = renewalStopReason()
      expired.value = renewalHalted.value
      note('renewal-stopped', renewalHalted.value, 'error')
      return
    }
    renewalTimes = [...renewalTimes, now]
    renewing.value = true
    expired.value = null
    note('renewal-requested', `Token expired: requesting a new one from ${s.environmentName} with the same request (renewal ${renewalTimes.length} of at most ${RENEWAL_LIMIT.max} in ${RENEWAL_LIMIT.windowMs / 1000} s).`)
    try {
      const reply = await tokens.renew(s.request)
      if (session.value !== s) return
      if (!reply.ok) {
        expired.value = `The token expired and renewing it failed: ${reply.error.message}`
        note('renewal-failed', `Renewal failed: ${reply.error.message}`, 'error', reply.error.detail)
        return
      }
      awaitingRenewal = send(reply.value.token, s.request, 'renewal-sent', 'New token sent to the preview; the page re-creates the widget.')
    } finally {
      renewing.value = false
    }
  }

  /** Applies a token to the running page: postMessage, no reload. */
  function send(token: string, request: GenerateTokenRequest, name: string, message: string): boolean {
    const s = session.value
    if (!s) return false
    const posted = channel.value?.post({ source: WORKBENCH_SOURCE, kind: 'renew', token }) ?? false
    if (!posted) {
      note('token-not-applied', 'The preview page is not open, so the new token could not be applied: press Preview.', 'warn')
      return false
    }
    session.value = { ...s, token, request }
    note(name, message)
    return true
  }

  // A token generated by hand while a preview runs goes to the page the Qrvey way.
  watch(
    () => tokens.result?.token,
    (token) => {
      const s = session.value
      const request = tokens.lastRequest
      if (!token || !s || renewing.value || token === s.token || !request) return
      if (request.environmentId !== s.environmentId) {
        note('token-not-applied', `The new token is from ${tokens.result?.environmentName}; the preview runs against ${s.environmentName}. Press Preview to load it.`, 'warn')
        return
      }
      renewalTimes = []
      renewalHalted.value = null
      expired.value = null
      send(token, request, 'token-applied', 'New token applied to the preview without reloading the page: the widget is re-created with it.')
      if (stale.value) note('preview-stale', `${stale.value} The new token is applied, but only Preview loads the changed widget or fields.`, 'warn')
    },
    { flush: 'sync' }
  )

  /**
   * Re-creates the widget with the token it already has (after the sandbox
   * fast-forwarded it to expiry): its next request meets the expiry, as a
   * widget left open would.
   */
  function replayToken(message: string): void {
    const s = session.value
    if (!s) return
    send(s.token, s.request, 'token-fast-forwarded', message)
  }

  function setAutoRenew(on: boolean): void {
    if (autoRenew.value === on) return
    autoRenew.value = on
    if (on) {
      renewalHalted.value = null
      renewalTimes = []
    }
    note('auto-renew', on ? 'Auto-renew switched on.' : 'Auto-renew switched off: expired tokens are reported, not renewed.')
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
      if (!s || s.dark === dark || renewing.value || expired.value || status.value === 'starting') return
      const sameForm = form.widgetId === s.widgetId && fieldsKeyOf(form.currentWidgetValues) === s.fieldsKey && form.qrvey86 === s.qrvey86OrNewer
      if (!sameForm || previewSource()?.token !== s.token) return
      note('theme-changed', `The workbench is ${dark ? 'dark' : 'light'} now: the preview is built again to match.`)
      void start()
    }
  )

  /** The pane's frame: where renewals are posted. Returns the disconnect. */
  function connect(next: PreviewChannel): () => void {
    channel.value = next
    return () => {
      if (channel.value === next) channel.value = null
    }
  }

  function clearLog(): void {
    log.value = []
  }

  function dismissProblem(key: string): void {
    problems.value = problems.value.filter((p) => p.key !== key)
  }

  return {
    session,
    status,
    startError,
    log,
    problems,
    autoRenew,
    expanded,
    expired,
    renewing,
    renewalHalted,
    previewOrigin,
    canPopOut,
    blockedReason,
    stale,
    start,
    receive,
    setAutoRenew,
    replayToken,
    popOut,
    connect,
    clearLog,
    dismissProblem
  }
})
