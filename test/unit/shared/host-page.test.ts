import { describe, expect, it } from 'vitest'
import { buildHostPage, hostPageCsp, withoutPreviewBlock, CONFIG_VARIABLE } from '../../../src/shared/host-page'
import { findWidget, WIDGET_CATALOG } from '../../../src/shared/widget-catalog'
import { buildWidgetConfig } from '../../../src/shared/widget-config'

const domain = 'https://acme.qrveyapp.com'

function page(widgetId: string, preview?: { parentOrigin: string }, fields = {}) {
  const widget = findWidget(widgetId)!
  const config = buildWidgetConfig({ widget, domain, token: 'eyJ.a.b.c.d', qrvey86OrNewer: true, fields })
  return buildHostPage({ widget, domain, config, preview })
}

describe('buildHostPage', () => {
  it.each(WIDGET_CATALOG.map((w) => [w.id, w] as const))('embeds %s the way Qrvey documents it', (_id, widget) => {
    const html = page(widget.id)
    for (const launcher of widget.launchers) {
      expect(html).toContain(`${domain}${launcher.path}`)
      if (launcher.type === 'module') expect(html).toContain(`<script type="module" src="${domain}${launcher.path}">`)
      if (launcher.type === 'nomodule') expect(html).toContain(`<script nomodule src="${domain}${launcher.path}">`)
    }
    expect(html).toContain(`window.${CONFIG_VARIABLE} = {"domain":"${domain}","qvToken":"eyJ.a.b.c.d"`)
    expect(html).toContain(`document.createElement("${widget.element}")`)
    expect(html).toContain(`element.setAttribute("${widget.configAttribute}", "${CONFIG_VARIABLE}")`)
  })

  it('puts the report builder flag in the config', () => {
    expect(page('report-builder')).toContain('"reports_dashboard":true')
  })

  it('cannot be broken out of by a config value', () => {
    const html = page('page-view', undefined, { dashboardId: '</script><script>alert(1)</script>' })
    expect(html).not.toContain('</script><script>alert(1)')
    expect(html).toContain('\\u003c/script\\u003e')
  })

  it('the copied page is the preview page without its reporter block', () => {
    const preview = page('single-panel', { parentOrigin: 'app://workbench' }, { qrveyId: 'sales', type: 'CHART', chartId: 'c1' })
    const copy = page('single-panel', undefined, { qrveyId: 'sales', type: 'CHART', chartId: 'c1' })
    expect(preview).toContain('postMessage')
    expect(copy).not.toContain('postMessage')
    expect(withoutPreviewBlock(preview)).toBe(copy)
  })

  it('the preview reads the sandbox\'s security notices from response headers, not from widget events, and the copy has none of it', () => {
    const preview = page('page-view', { parentOrigin: 'app://workbench' })
    expect(preview).toContain('response.headers.get("x-qrvey-sandbox-notice")')
    expect(preview).toContain("report('security', 'sandbox-security', note)")
    // Widget events are forwarded as they come; nothing is added to their detail (the sandbox's own note,
    // from its qv-sandbox-info side channel, goes in the log message).
    expect(preview).toContain("event.detail === null ? undefined : event.detail")
    expect(withoutPreviewBlock(preview)).not.toContain('x-qrvey-sandbox-notice')
  })

  it('allows what Qrvey widgets need, from the Qrvey domain only', () => {
    const csp = hostPageCsp(domain)
    expect(csp).toContain(`script-src ${domain} 'unsafe-inline'`)
    expect(csp).toContain(`connect-src ${domain} wss://acme.qrveyapp.com`)
    expect(csp).toContain('worker-src blob:')
    expect(page('page-view')).toContain(`content="${csp.replace(/'/g, "'")}"`)
  })
})

describe('demo page and integration page (issue 10)', () => {
  it('the demo page says in a comment that its token expires and where the renewing page is', () => {
    const html = page('page-view')
    expect(html).toContain('the token below is written into the page and expires')
    expect(html).toContain('"Copy integration page"')
  })

  it('the integration page fetches its token from the backend and renews on qvTokenExpired, with no token inside', async () => {
    const { buildIntegrationPage } = await import('../../../src/shared/host-page')
    const { buildCodeRequest } = await import('../../../src/shared/codegen')
    const request = buildCodeRequest({ widget: findWidget('page-view')!, domain, body: { userid: 'u', appid: 'a' }, qrvey86OrNewer: true, fields: {} })
    const html = buildIntegrationPage(request)
    expect(html).toContain("fetch(QRVEY_WIDGET.endpoint, { cache: 'no-store' })")
    expect(html).toContain('"endpoint": "/qrvey-token"')
    expect(html).toContain("document.addEventListener('qvTokenExpired', onExpired)")
    expect(html).toContain('container.replaceChildren()')
    expect(html).not.toContain('eyJ')
  })
})

describe('preview extras (issue 11.7)', () => {
  const widget = findWidget('qrvey-dashboard')!
  const config = buildWidgetConfig({ widget, domain, token: 'eyJ.a.b.c.d', qrvey86OrNewer: true, fields: {} })
  it('the dark hint is in the preview block only: a copied page has none of it', () => {
    const html = buildHostPage({ widget, domain, config, preview: { parentOrigin: 'http://127.0.0.1:1', sandboxScheme: 'dark' } })
    expect(html).toContain('data-qv-sandbox-scheme')
    expect(html).toContain('color-scheme: dark')
    const copied = withoutPreviewBlock(html)
    expect(copied).not.toContain('data-qv-sandbox-scheme')
    expect(copied).not.toContain('color-scheme: dark')
    expect(buildHostPage({ widget, domain, config, preview: { parentOrigin: 'http://127.0.0.1:1' } })).not.toContain('data-qv-sandbox-scheme')
  })
  it('the reporter forwards console warnings (the sandbox says there what it could not honour)', () => {
    const html = buildHostPage({ widget, domain, config, preview: { parentOrigin: 'http://127.0.0.1:1' } })
    expect(html).toContain("report('console-warn', 'console.warn', text)")
  })
})

