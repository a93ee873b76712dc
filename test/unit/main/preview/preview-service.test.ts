import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMainApp, type MainApp } from '../../../../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../../../../src/main/app/node-options'
import { makeTempDir } from '../../../support/temp-dir'

const ORIGIN = 'app://workbench'
const trusted = { url: `${ORIGIN}/index.html`, isMainFrame: true }
const temp = makeTempDir()
let app: MainApp
const opened: string[] = []

beforeAll(async () => {
  app = await createMainApp(nodeMainAppOptions(temp.dir, { rendererOrigin: ORIGIN, popOut: (url) => opened.push(url) }))
})
afterAll(async () => {
  await app.close()
  temp.cleanup()
})

async function sandboxToken(): Promise<string> {
  const result = await app.registry.invoke('tokens:generate', { environmentId: 'sandbox', body: { userid: 'u', appid: '59VShVtjM' } }, trusted)
  if (!result.ok) throw new Error(result.error.message)
  return (result.value as { token: string }).token
}

describe('preview:create', () => {
  it('serves the host page on its own origin with the host CSP, and returns the copyable page', async () => {
    const token = await sandboxToken()
    const result = await app.registry.invoke('preview:create', { environmentId: 'sandbox', widgetId: 'page-view', token, fields: { dashboardId: 'overview' }, qrvey86OrNewer: false }, trusted)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const value = result.value as { url: string; hostPage: string; config: Record<string, unknown> }
    expect(new URL(value.url).origin).toBe(app.previewServer.origin)
    expect(app.previewServer.origin).not.toBe(app.sandbox.url)
    expect(value.config).toEqual({ domain: app.sandbox.url, qv_token: token, dashboardId: 'overview' })
    const response = await fetch(value.url)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toContain(`script-src ${app.sandbox.url}`)
    const html = await response.text()
    expect(html).toContain(`${app.sandbox.url}/widgets-launcher/app.js`)
    expect(html).toContain(token)
    expect(html).not.toContain(app.sandbox.apiKey)
    expect(value.hostPage).not.toContain('postMessage')
  })

  it('answers 404 with a sentence for an unknown preview id', async () => {
    const response = await fetch(`${app.previewServer.origin}/preview/nope`)
    expect(response.status).toBe(404)
    expect(await response.text()).toMatch(/expired/)
  })

  it('refuses a token with characters no compact token has', async () => {
    const result = await app.registry.invoke('preview:create', { environmentId: 'sandbox', widgetId: 'page-view', token: '"><script>', fields: {}, qrvey86OrNewer: true }, trusted)
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'token' } })
  })

  it('refuses an unknown widget', async () => {
    const result = await app.registry.invoke('preview:create', { environmentId: 'sandbox', widgetId: 'nope', token: 'a.b.c', fields: {}, qrvey86OrNewer: true }, trusted)
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'widgetId' } })
  })
})

describe('preview:pop-out', () => {
  it('opens only workbench preview URLs', async () => {
    expect(await app.registry.invoke('preview:pop-out', { url: 'https://evil.example/' }, trusted)).toMatchObject({ ok: false, error: { field: 'url' } })
    const url = `${app.previewServer.origin}/preview/abc`
    expect(await app.registry.invoke('preview:pop-out', { url }, trusted)).toMatchObject({ ok: true })
    expect(opened).toEqual([url])
  })

  it('says pop out needs the desktop app where there is no window opener', async () => {
    const temp2 = makeTempDir()
    const bare = await createMainApp(nodeMainAppOptions(temp2.dir, { rendererOrigin: ORIGIN, version: 't' }))
    try {
      expect(await bare.registry.invoke('preview:pop-out', { url: `${bare.previewServer.origin}/preview/x` }, trusted)).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } })
      expect(await bare.registry.invoke('app:info', undefined, trusted)).toMatchObject({ ok: true, value: { canPopOut: false } })
    } finally {
      await bare.close()
      temp2.cleanup()
    }
  })
})
