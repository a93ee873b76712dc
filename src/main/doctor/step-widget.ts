/**
 * Step 8: the widget rendered from the host page a customer would serve, with
 * the token of step 5, in a real browser: done when it says qvDSHItemsLoaded
 * (QRVEY.md §3), or for widgets without it, when it is ready. The page carries
 * the preview's reporter block (it only listens and records), so the render
 * reads the same signals as the preview pane and `qwb run`.
 */
import { buildHostPage, hostPageCsp } from '../../shared/host-page'
import { buildWidgetConfig } from '../../shared/widget-config'
import { expectsItemsLoaded } from '../headless/loaded-rules'
import { outcome, type DoctorStepRun } from './doctor-types'

const RENDER_TIMEOUT_MS = 20_000

export const checkWidget: DoctorStepRun = async (ctx) => {
  if (!ctx.realRequest) return outcome('skip', 'No setup given, so no real widget configuration to render.', { fix: 'Pass --setup FILE (or use Test connection with a filled-in form) to render a widget.' })
  const renderer = ctx.deps.renderer
  if (!renderer) return outcome('skip', 'No headless browser here to render the widget in.', { fix: 'Open the preview (Preview) to see the widget, or run "qwb doctor" where Chromium is installed.' })
  const domain = (ctx.url as URL).origin
  const config = buildWidgetConfig({ widget: ctx.widget, domain, token: ctx.token as string, qrvey86OrNewer: ctx.qrvey86OrNewer, fields: ctx.fields })
  // The reporter accepts messages from this origin only; at the top level nothing posts to it.
  const html = buildHostPage({ widget: ctx.widget, domain, config, preview: { parentOrigin: ctx.deps.pageOrigin ?? domain } })
  const timeoutMs = ctx.deps.renderTimeoutMs ?? RENDER_TIMEOUT_MS
  const waitForItemsLoaded = expectsItemsLoaded(ctx.widget.id, ctx.fields, ctx.body as Record<string, unknown>)
  const result = await renderer.render({ html, csp: hostPageCsp(domain), element: ctx.widget.element, waitForItemsLoaded, timeoutMs, keys: ctx.target.apiKey ? [ctx.target.apiKey] : [] })
  ctx.render = result
  if (!result.available) return outcome('skip', `The widget was not rendered: ${result.reason}.`, { fix: 'Install Chromium or set CHROMIUM_PATH, or check the widget in the workbench\'s preview.' })
  const detail = [
    `Events: ${result.events.join(', ') || '(none)'}`,
    ...(result.warnings.length ? ['Widget warnings:', ...result.warnings.slice(0, 10).map((w) => `  ${w}`)] : []),
    ...(result.consoleErrors.length ? ['Console errors:', ...result.consoleErrors.slice(0, 10).map((e) => `  ${e}`)] : []),
    ...(result.failedRequests.length ? ['Failed requests:', ...result.failedRequests.slice(0, 10).map((r) => `  ${r}`)] : []),
    `Took ${result.durationMs} ms.`
  ].join('\n')
  if (result.tokenExpired) {
    return outcome('fail', `${ctx.widget.name} reported qvTokenExpired: the widget's API refused the token.`, { fix: 'Check the token body (userid, appid, permissions) and that the token is for this instance.', detail })
  }
  if (result.settledBy === 'error-state') {
    return outcome('fail', `${ctx.widget.name} shows an error (state ${result.state}).`, {
      fix: result.consoleErrors.length ? `Fix what the console says: ${result.consoleErrors[0]}` : 'Check the widget fields (dashboardId, qrveyId, ...) and the token body; open the preview to see the widget.',
      detail
    })
  }
  if (result.settledBy === 'not-opened') {
    return outcome('fail', `The browser could not open the widget's page: ${result.reason.replace(/^the page could not be opened: /, '')}.`, { fix: 'Try again; if it keeps failing, send the support bundle (it holds this detail).', detail })
  }
  if (!result.loaded) {
    const scriptFailed = result.failedRequests.find((r) => ctx.widget.launchers.some((l) => r.includes(l.path)))
    const waited = waitForItemsLoaded ? 'report qvDSHItemsLoaded' : 'finish loading'
    const verdict = scriptFailed
      ? `The browser could not load the launcher script (${scriptFailed}).`
      : result.settledBy === 'script-error'
        ? `${ctx.widget.name} did not start: ${result.reason}`
        : `${ctx.widget.name} did not ${waited} within ${timeoutMs / 1000} s${/never defined/.test(result.reason) ? `: the launcher never defined <${ctx.widget.element}>` : ''}.`
    return outcome('fail', verdict, {
      fix: result.consoleErrors.length ? `Fix what the console says first: ${result.consoleErrors[0]}` : 'Check the widget fields (dashboardId, qrveyId, ...) in the setup; open the preview to see the widget and its event log.',
      detail
    })
  }
  if (result.warnings.length) {
    // The widget drew something, but said it could not do what the setup asks (an unknown dashboardId opens another one).
    return outcome('warn', `${ctx.widget.name} rendered, but warned: ${result.warnings[0]}`, { fix: 'Check the widget fields (dashboardId, themeId, ...) against what this instance has.', detail })
  }
  if (result.consoleErrors.length || result.failedRequests.length) {
    return outcome('warn', `${ctx.widget.name} rendered, with ${result.consoleErrors.length} console error(s) and ${result.failedRequests.length} failed request(s).`, { fix: 'See the detail; open the preview\'s event log for more.', detail })
  }
  const how = result.settledBy === 'items-loaded' ? 'qvDSHItemsLoaded' : result.settledBy === 'ready' ? 'the widget says it is ready' : 'its element has content and its requests finished'
  return outcome('pass', `${ctx.widget.name} rendered (${how}) after ${result.durationMs} ms, no console errors, no failed requests.`, { detail })
}
