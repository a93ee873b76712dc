/**
 * Step 6: the widget's launcher scripts, fetched as the host page's browser
 * fetches them (QRVEY.md §2: served by the Qrvey domain, loaded by a page on
 * another origin): status 200, a JavaScript content type (browsers refuse to
 * run a module served as anything else, and a login page is HTML), and CORS
 * allowing the page's origin (module scripts are loaded in CORS mode, and the
 * widget's API calls need the same). No key is sent: pages never have one.
 */
import type { Readable } from 'node:stream'
import { isAxiosError } from 'axios'
import { outcome, type DoctorStepRun, type StepOutcome } from './doctor-types'

const JS_TYPE = /^(text|application)\/(x-)?(javascript|ecmascript)\b/i

async function fetchHead(ctx: Parameters<DoctorStepRun>[0], url: string, origin: string): Promise<{ status: number; headers: Record<string, unknown> } | { error: string }> {
  try {
    const response = await ctx.deps.http.get<Readable>(url, { responseType: 'stream', timeout: ctx.target.timeoutMs, headers: { Origin: origin, Accept: '*/*' } })
    response.data.destroy()
    return { status: response.status, headers: Object.fromEntries(Object.entries(response.headers)) }
  } catch (error) {
    return { error: isAxiosError(error) ? `${error.code ?? 'ERROR'}: ${error.message}` : String(error) }
  }
}

export const checkLauncher: DoctorStepRun = async (ctx) => {
  const origin = (ctx.url as URL).origin
  const pageOrigin = ctx.deps.pageOrigin ?? 'http://localhost:8080'
  const lines: string[] = []
  for (const launcher of ctx.widget.launchers) {
    const url = `${origin}${launcher.path}`
    const answer = await fetchHead(ctx, url, pageOrigin)
    const failed = judge(answer, launcher.path, pageOrigin, ctx.widget.name)
    const line = 'error' in answer ? `GET ${url} -> ${answer.error}` : `GET ${url} (Origin: ${pageOrigin}) -> ${answer.status}, content-type ${String(answer.headers['content-type'] ?? '(none)')}, access-control-allow-origin ${String(answer.headers['access-control-allow-origin'] ?? '(none)')}`
    lines.push(line)
    if (failed) return { ...failed, detail: lines.join('\n') }
  }
  return outcome('pass', `${ctx.widget.name}'s launcher ${ctx.widget.launchers.length > 1 ? 'scripts are' : 'script is'} served as JavaScript, open to other origins (CORS).`, { detail: lines.join('\n') })
}

function judge(answer: Awaited<ReturnType<typeof fetchHead>>, path: string, pageOrigin: string, widgetName: string): StepOutcome | undefined {
  if ('error' in answer) return outcome('fail', `The launcher ${path} could not be fetched (${answer.error}).`, { fix: 'Check that this domain serves the widgets (some set-ups serve them from another host).' })
  const { status, headers } = answer
  if (status === 404) {
    return outcome('fail', `The launcher ${path} is not on this domain (404): a host page embedding ${widgetName} would get no widget.`, {
      fix: 'Use the domain that serves Qrvey\'s widgets (your instance\'s own domain), or check that this Qrvey version has this widget.'
    })
  }
  if (status < 200 || status >= 300) return outcome('fail', `The launcher ${path} answered ${status} instead of the script.`, { fix: status >= 300 && status < 400 ? 'Use the final domain (the redirect target).' : 'Ask whoever runs the server why the widget files are not served.' })
  const type = String(headers['content-type'] ?? '')
  if (!JS_TYPE.test(type)) {
    return outcome('fail', `The launcher ${path} is served as "${type || 'no content type'}", not JavaScript: browsers will not run it${/html/i.test(type) ? ' (an HTML page answered: a login page or proxy?)' : ''}.`, {
      fix: 'Serve the widget files with Content-Type: text/javascript, or check that a proxy is not answering in the instance\'s place.'
    })
  }
  const allowed = String(headers['access-control-allow-origin'] ?? '')
  if (allowed !== '*' && allowed !== pageOrigin) {
    return outcome('fail', `The launcher ${path} does not allow other origins (${allowed ? `Access-Control-Allow-Origin: ${allowed}` : 'no Access-Control-Allow-Origin header'}): the browser blocks module scripts and the widget's API calls from your page.`, {
      fix: `Have the server send Access-Control-Allow-Origin for your host page's origin (or *) on the widget files and API; on Qrvey, add your domain to the allowed origins.`
    })
  }
  return undefined
}
