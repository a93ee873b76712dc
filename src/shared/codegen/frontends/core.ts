/**
 * The browser side every front end shares, written once: fetch a token from
 * the backend's endpoint, load the widget's launcher scripts from the Qrvey
 * domain, put the configuration in the global variable the element's
 * attribute names, create the element, and on `qvTokenExpired` fetch a new
 * token and create the element again (QRVEY.md §2, §3). Emitted as JS, or as
 * TS for Angular.
 */
import { CODE_CONTRACT as C, type CodeRequest } from '../model'
import { jsString, jsValue, scriptSafe } from '../escape'

export function widgetSettings(request: CodeRequest): Record<string, unknown> {
  return {
    endpoint: C.endpoint,
    element: request.widget.element,
    attribute: request.widget.configAttribute,
    tokenKey: request.tokenKey,
    launchers: request.widget.launchers.map((l) => ({ path: l.path, type: l.type })),
    config: request.config
  }
}

/**
 * The helper as source text. `ts`: with the few type annotations TypeScript
 * needs; `inHtml`: its values made safe inside a <script> element.
 */
export function mountHelper(request: CodeRequest, options: { ts?: boolean; inHtml?: boolean } = {}): string {
  const t = (annotation: string) => (options.ts ? annotation : '')
  const settings = jsValue(widgetSettings(request))
  return `// What this widget needs besides the token and the domain (both from ${C.endpoint}).
const QRVEY_WIDGET${t(': { endpoint: string; element: string; attribute: string; tokenKey: string; launchers: { path: string; type: string }[]; config: Record<string, unknown> }')} = ${options.inHtml ? scriptSafe(settings) : settings}

const loadedScripts${t(': Record<string, Promise<unknown>>')} = {}

/** Loads the widget's launcher scripts from the Qrvey domain, once per page. */
function loadLaunchers(domain${t(': string')}) {
  return Promise.all(
    QRVEY_WIDGET.launchers.map((launcher) => {
      const src = domain + launcher.path
      if (!loadedScripts[src]) {
        loadedScripts[src] = new Promise((resolve, reject) => {
          const script = document.createElement('script')
          script.src = src
          if (launcher.type === 'module') script.type = 'module'
          if (launcher.type === 'nomodule') script.noModule = true
          script.onload = resolve
          script.onerror = () => reject(new Error('Could not load the widget script ' + src))
          document.head.append(script)
          // Browsers that run modules never load a nomodule script: nothing to wait for.
          if (launcher.type === 'nomodule') resolve(undefined)
        })
      }
      return loadedScripts[src]
    })
  )
}

/**
 * Mounts the widget in \`container\` with a token from your backend and renews
 * it when the widget reports qvTokenExpired. Returns a function that stops.
 */
export function mountQrveyWidget(container${t(': HTMLElement')}, onStatus${t(': (text: string, isError: boolean) => void')} = () => {}) {
  let stopped = false
  let mountedAt = 0
  let quickExpiries = 0

  async function mount() {
    onStatus('Fetching a token…', false)
    try {
      const response = await fetch(QRVEY_WIDGET.endpoint, { cache: 'no-store' })
      const answer = await response.json().catch(() => ({}))
      if (!response.ok || typeof answer.token !== 'string') throw new Error(answer.error || 'Token request failed (' + response.status + ')')
      await loadLaunchers(answer.domain)
      if (stopped) return
      // The widget reads its configuration from the global variable its attribute names.
      ;(window${t(' as any')}).${C.configVariable} = { domain: answer.domain, [QRVEY_WIDGET.tokenKey]: answer.token, ...QRVEY_WIDGET.config }
      // A widget takes a new token only when its element is created again.
      container.replaceChildren()
      const element = document.createElement(QRVEY_WIDGET.element)
      element.setAttribute(QRVEY_WIDGET.attribute, ${jsString(C.configVariable)})
      container.append(element)
      mountedAt = Date.now()
      onStatus('Token issued at ' + new Date().toLocaleTimeString(), false)
    } catch (error) {
      onStatus(String((error${t(' as Error')}).message || error), true)
    }
  }

  // Qrvey widgets dispatch qvTokenExpired on a 401. Tokens that expire at once
  // (clocks apart) would loop forever, so stop after three quick expiries.
  function onExpired() {
    if (stopped) return
    const quick = Date.now() - mountedAt < 5000
    quickExpiries = quick ? quickExpiries + 1 : 0
    if (quickExpiries >= 3) {
      onStatus('New tokens expire at once: check the clocks of your token service and Qrvey. Stopped renewing.', true)
      return
    }
    setTimeout(mount, quick ? 2000 : 0)
  }

  document.addEventListener('qvTokenExpired', onExpired)
  mount()
  return () => {
    stopped = true
    document.removeEventListener('qvTokenExpired', onExpired)
    container.replaceChildren()
  }
}
`
}
