/**
 * The behaviour every sandbox widget shares: reading the configuration the
 * Qrvey way, an open shadow root with the bundled styles, one AbortController
 * per run (aborted when the element leaves the page, which is how Qrvey
 * hosts apply a new token), Chart.js instances and window/document listeners
 * released on disconnect, and the failure states: a configuration error box,
 * an HTTP error box (status + the server's Qrvey error messages), and, on any
 * 401, `qvTokenExpired` (heard on `document` and `window`: "a global event in
 * the host application") plus an "expired session" card.
 *
 * The configuration's name comes from the `settings` / `config` property or
 * attribute (QRVEY.md §2). Qrvey's page events carry no detail (custom-events.md:
 * `new CustomEvent('qvDSHPageLoaded')`); what the workbench's preview wants
 * to know besides goes on a separate, sandbox-only event, {@link SANDBOX_INFO_EVENT}.
 *
 * The host element carries `data-qv-state` = loading | ready | error |
 * config-error | expired, so hosts and tests can wait on it.
 */
import { isAbortError, SandboxApiError, SandboxClient, TokenExpiredError } from './api'
import type { Chart } from './charts'
import { readWidgetConfig, type ConfigAttribute, type WidgetConfig } from './config'
import { append, clear, h, icon, type Children } from './dom'
import { applyPresentation } from './presentation'
import { adoptStyles } from './styles'
import { withTokenConfig } from './token-config'

/**
 * Sandbox-only side channel, dispatched on `document` just before a Qrvey
 * event: `{event, info}` says what the sandbox did (which dashboard, how many
 * panels). The workbench's preview reporter shows it beside the event; real
 * Qrvey widgets never send it, and Qrvey's own events stay detail-free.
 */
export const SANDBOX_INFO_EVENT = 'qv-sandbox-info'

export type WidgetState = 'loading' | 'ready' | 'error' | 'config-error' | 'expired'

/** What a widget's view gets for one run; everything in it stops working once the run ends. */
export interface WidgetContext {
  readonly element: QvWidgetElement
  readonly config: WidgetConfig
  readonly client: SandboxClient
  readonly signal: AbortSignal
  /** The area a view renders into (inside the shadow root). */
  readonly shell: HTMLElement
  setState(state: WidgetState): void
  /** addEventListener that is removed when the run ends. */
  listen(target: EventTarget, type: string, listener: (event: Event) => void): void
  /** Keeps a chart so it is destroyed on re-render or disconnect. */
  track(chart: Chart | undefined): void
  destroyCharts(): void
  /** Runs a user action (click, window event): failures render like load failures. */
  action(task: () => Promise<void>): void
  /**
   * A failure that belongs to one part of the view (a panel): 401 still
   * expires the whole widget; anything else renders inside `target`.
   */
  showLocalError(error: unknown, target: HTMLElement): void
  /**
   * Dispatches a Qrvey widget event on `document` exactly as documented (no
   * detail); `info` goes on the sandbox-only side channel first.
   */
  emit(name: string, info?: Record<string, unknown>): void
  toast(text: string): void
}

export interface MessageOptions {
  title: string
  text: string
  meta?: string
}

export function messageBox(options: MessageOptions, extraClass = ''): HTMLElement {
  return h('div', { class: `qv-message ${extraClass}`.trim(), attrs: { role: 'alert' }, data: { qv: 'error' } }, [
    icon('alert'),
    h('div', {}, [
      h('div', { class: 'qv-message-title', text: options.title }),
      h('p', { class: 'qv-message-text', data: { qv: 'error-message' }, text: options.text }),
      options.meta ? h('div', { class: 'qv-message-meta', text: options.meta }) : null
    ])
  ])
}

/** The error box for an API failure: status, the server's messages, the request. */
export function apiErrorBox(error: SandboxApiError, extraClass = ''): HTMLElement {
  const title =
    error.status === 0
      ? 'Cannot reach the Qrvey server'
      : error.status === 403
        ? 'Access denied (HTTP 403)'
        : error.status === 404
          ? 'Not found (HTTP 404)'
          : error.status >= 500
            ? `Server error (HTTP ${error.status})`
            : `Request failed (HTTP ${error.status})`
  const box = messageBox({ title, text: error.messages.join('\n'), meta: `${error.method} ${error.path}` }, extraClass)
  box.dataset.status = String(error.status)
  return box
}

export abstract class QvWidgetElement extends HTMLElement {
  static get observedAttributes(): string[] {
    return ['settings', 'config']
  }

  /** The attribute Qrvey documents for this element (either is accepted). */
  protected abstract readonly configAttribute: ConfigAttribute
  /** Name used in qvTokenExpired's `detail.trigger`, e.g. "Dashboard View Widget". */
  protected abstract triggerName(config: WidgetConfig | undefined): string
  /** Product name shown in the header, e.g. "Dashboard View". */
  protected abstract productName(config: WidgetConfig | undefined): string
  /** Loads and renders; throws (SandboxApiError, TokenExpiredError…) to show a failure. */
  protected abstract run(context: WidgetContext): Promise<void>
  /** Whether the configuration must authenticate (Web Form End User embeds with only domain + hash). */
  protected needsAuth(): boolean {
    return true
  }

  #settingsName: unknown
  #configName: unknown
  /** Filters the host applied with `atApplyUserFilters`; they replace the config's userFilters. */
  #appliedUserFilters: unknown
  #hasAppliedUserFilters = false
  readonly #onApplyUserFilters = (event: Event): void => {
    // dashboard-view.md: window.dispatchEvent(new CustomEvent('atApplyUserFilters', {detail: userFilters}))
    this.#appliedUserFilters = (event as CustomEvent).detail
    this.#hasAppliedUserFilters = true
    if (this.#started && this.isConnected) this.#schedule()
  }

  /**
   * The name of the global variable holding the configuration, as a DOM
   * property: the seed's own snippet does `ancc.settings = 'config'`. Not
   * reflected to the attribute (Stencil props are not either).
   */
  get settings(): unknown {
    return this.#settingsName ?? this.getAttribute('settings') ?? undefined
  }

  set settings(value: unknown) {
    this.#settingsName = value
    if (this.#started && this.isConnected) this.#schedule()
  }

  get config(): unknown {
    return this.#configName ?? this.getAttribute('config') ?? undefined
  }

  set config(value: unknown) {
    this.#configName = value
    if (this.#started && this.isConnected) this.#schedule()
  }

  readonly #shell: HTMLDivElement
  #controller: AbortController | undefined
  #cleanups: Array<() => void> = []
  #charts = new Set<Chart>()
  #scheduled = false
  #started = false
  #expired = false
  #config: WidgetConfig | undefined

  constructor() {
    super()
    const root = this.attachShadow({ mode: 'open' })
    adoptStyles(root)
    this.#shell = h('div', { class: 'qv-shell', attrs: { part: 'shell' } })
    root.append(this.#shell)
    // A host may create the element and set el.settings before the launcher
    // has defined it: that value is an own property shadowing the accessor.
    for (const name of ['settings', 'config'] as const) {
      if (Object.hasOwn(this, name)) {
        const value = (this as Record<string, unknown>)[name]
        delete (this as Record<string, unknown>)[name]
        this[name] = value
      }
    }
  }

  connectedCallback(): void {
    window.addEventListener('atApplyUserFilters', this.#onApplyUserFilters)
    this.#schedule()
  }

  disconnectedCallback(): void {
    window.removeEventListener('atApplyUserFilters', this.#onApplyUserFilters)
    this.#stop()
  }

  attributeChangedCallback(name: string, oldValue: string | null, newValue: string | null): void {
    // The attribute written last wins over an earlier property assignment.
    if (name === 'settings') this.#settingsName = undefined
    if (name === 'config') this.#configName = undefined
    if (oldValue !== newValue && this.#started && this.isConnected) this.#schedule()
  }

  /** Loads again with the current configuration (e.g. after the host changed window[name]). */
  reload(): void {
    if (this.isConnected) this.#schedule()
  }

  /** Charts alive right now (for tests and diagnostics). */
  get chartCount(): number {
    return this.#charts.size
  }

  /**
   * Starting in a microtask lets a host that appends the element first and
   * sets its attribute or global right after still be read correctly.
   */
  #schedule(): void {
    if (this.#scheduled) return
    this.#scheduled = true
    queueMicrotask(() => {
      this.#scheduled = false
      if (!this.isConnected) return
      this.#stop()
      this.#start()
    })
  }

  #stop(): void {
    this.#controller?.abort()
    this.#controller = undefined
    for (const cleanup of this.#cleanups.splice(0)) cleanup()
    this.#destroyCharts()
  }

  #destroyCharts(): void {
    for (const chart of this.#charts) chart.destroy()
    this.#charts.clear()
  }

  #setState(state: WidgetState): void {
    this.dataset.qvState = state
  }

  #start(): void {
    this.#started = true
    this.#expired = false
    const result = readWidgetConfig(this, this.configAttribute, globalThis, this.needsAuth())
    if (!result.ok && document.readyState === 'loading') {
      // Qrvey's launchers load their components asynchronously, so a page that
      // defines its config in a script after the element still works there:
      // look again once the document is parsed before calling it a mistake.
      const retry = (): void => this.#schedule()
      document.addEventListener('DOMContentLoaded', retry, { once: true })
      this.#cleanups.push(() => document.removeEventListener('DOMContentLoaded', retry))
      this.#setState('loading')
      return
    }
    if (!result.ok) {
      this.#config = undefined
      console.error(`<${this.localName}> ${result.message}`)
      this.#setState('config-error')
      clear(this.#shell)
      this.#shell.append(messageBox({ title: `${this.productName(undefined)}: configuration problem`, text: result.message }, 'qv-standalone'))
      return
    }
    let config = result.config
    this.#config = config
    const controller = new AbortController()
    this.#controller = controller
    const { signal } = controller
    const client = new SandboxClient({ domain: config.domain, auth: config.auth, clientId: config.clientId, userId: config.userId, appId: config.appId, signal })
    const problems = [
      ...applyPresentation(this, config),
      ...client.setUserFilters(this.#hasAppliedUserFilters ? this.#appliedUserFilters : config.raw.userFilters)
    ]
    for (const problem of problems) console.warn(`<${this.localName}> ${problem}`)
    const context: WidgetContext = {
      element: this,
      // The page's configuration with the token's own keys laid over it, once the app answer tells them.
      get config() {
        return config
      },
      client,
      signal,
      shell: this.#shell,
      setState: (state) => {
        if (!signal.aborted) this.#setState(state)
      },
      listen: (target, type, listener) => {
        if (signal.aborted) return
        target.addEventListener(type, listener)
        this.#cleanups.push(() => target.removeEventListener(type, listener))
      },
      track: (chart) => {
        if (!chart) return
        if (signal.aborted) chart.destroy()
        else this.#charts.add(chart)
      },
      destroyCharts: () => this.#destroyCharts(),
      action: (task) => {
        if (signal.aborted) return
        task().catch((error: unknown) => this.#fail(error, signal))
      },
      showLocalError: (error, target) => {
        if (signal.aborted || isAbortError(error)) return
        if (error instanceof TokenExpiredError) return this.#expire(error, controller)
        console.error(`<${this.localName}>`, error)
        clear(target)
        target.append(error instanceof SandboxApiError ? apiErrorBox(error) : messageBox({ title: 'Something went wrong', text: errorText(error) }))
      },
      emit: (name, info) => {
        if (signal.aborted) return
        if (info) document.dispatchEvent(new CustomEvent(SANDBOX_INFO_EVENT, { detail: { event: name, info } }))
        document.dispatchEvent(new CustomEvent(name))
      },
      toast: (text) => this.#toast(text, signal)
    }
    this.#setState('loading')
    clear(this.#shell)
    this.#shell.append(h('div', { class: 'qv-loading', data: { qv: 'loading' } }, [h('div', { class: 'qv-spinner' }), `Loading ${this.productName(config)}…`]))
    // The app answer first: it carries the config keys inside the token, which the views must honour.
    // Only a token carries any: API-key mode and Web Form End User (no authentication) start at once.
    const tokenConfig = this.needsAuth() && config.auth.mode === 'token' ? client.getApp().then((app) => app.tokenConfig) : Promise.resolve(undefined)
    tokenConfig
      .then((keys) => {
        config = withTokenConfig(config, keys)
        this.#config = config
        return this.run(context)
      })
      .catch((error: unknown) => this.#fail(error, signal))
  }

  #fail(error: unknown, signal: AbortSignal): void {
    if (signal.aborted || isAbortError(error)) return
    if (error instanceof TokenExpiredError) return this.#expire(error, this.#controller)
    console.error(`<${this.localName}>`, error)
    this.#setState('error')
    this.#destroyCharts()
    clear(this.#shell)
    this.#shell.append(
      error instanceof SandboxApiError
        ? apiErrorBox(error, 'qv-standalone')
        : messageBox({ title: `${this.productName(this.#config)} failed`, text: errorText(error) }, 'qv-standalone')
    )
  }

  #expire(error: TokenExpiredError, controller: AbortController | undefined): void {
    if (this.#expired || controller !== this.#controller) return
    this.#expired = true
    // Nothing else this run does can succeed: stop it, keep the element.
    this.#stop()
    const trigger = this.triggerName(this.#config)
    console.warn(`<${this.localName}> the token was refused (HTTP 401: ${error.messages.join('; ')}); dispatching qvTokenExpired.`)
    this.#setState('expired')
    clear(this.#shell)
    const iconBox = h('div', { class: 'qv-expired-icon' }, [icon('lock')])
    this.#shell.append(
      h('div', { class: 'qv-expired', data: { qv: 'expired' }, attrs: { role: 'alert' } }, [
        iconBox,
        h('h3', { text: 'Your session has expired' }),
        h('p', {}, [
          'The security token was refused',
          error.messages.length > 0 ? ` (${error.messages.join('; ')})` : '',
          '. The host application has been notified with ',
          h('span', { class: 'qv-code', text: 'qvTokenExpired' }),
          ' and needs to load this widget again with a new token.'
        ])
      ])
    )
    // "A global event in the host application": dispatched on document and
    // bubbling to window, so a listener on either hears it once.
    document.dispatchEvent(new CustomEvent('qvTokenExpired', { detail: { trigger }, bubbles: true }))
  }

  #toast(text: string, signal: AbortSignal): void {
    if (signal.aborted) return
    const toast = h('div', { class: 'qv-toast', attrs: { role: 'status' }, data: { qv: 'toast' }, text })
    this.#shell.append(toast)
    const timer = window.setTimeout(() => toast.remove(), 2600)
    this.#cleanups.push(() => window.clearTimeout(timer))
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The bar at the top of every widget: logo, app / product names, extras on the right. */
export function header(title: string, subtitle: string, right?: Children): HTMLElement {
  const bar = h('div', { class: 'qv-header' }, [
    h('div', { class: 'qv-logo', attrs: { 'aria-hidden': 'true' }, text: 'Q' }),
    h('div', { class: 'qv-brand' }, [h('div', { class: 'qv-brand-name', data: { qv: 'app-name' }, text: title }), h('div', { class: 'qv-brand-sub', text: subtitle })]),
    h('div', { class: 'qv-spacer' })
  ])
  append(bar, right)
  bar.append(h('span', { class: 'qv-pill', attrs: { title: 'Offline Qrvey sandbox: sample data, no network' }, text: 'Sandbox' }))
  return bar
}
