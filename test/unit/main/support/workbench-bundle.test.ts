/**
 * The workbench's support bundle (issue 13, point 3) through the real
 * composition and its IPC handler: what the page sends (the last preview's
 * log, the request as the Result pane shows it) may hold the key in any
 * encoding or a full token; none of it reaches the bundle. The doctor's
 * last report for the environment is in it; the key never is.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createMainApp } from '../../../../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../../../../src/main/app/node-options'
import { containsCompactJose } from '../../../../src/shared/jose-scan'
import type { EnvironmentsState } from '../../../../src/shared/environment'
import type { DoctorReport } from '../../../../src/shared/doctor'
import type { SupportBundle } from '../../../../src/shared/support-bundle'
import { FAKE_JWE, startQrveyLike } from '../../../support/doctor-servers'
import { findKeyEncodings, keyEncodings, makeSentinel } from '../../../support/key-encodings'
import { makeTempDir } from '../../../support/temp-dir'

const ORIGIN = 'app://workbench'
const trusted = { url: `${ORIGIN}/index.html`, isMainFrame: true }
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function start() {
  const temp = makeTempDir('qwb-bundle-')
  const app = await createMainApp(nodeMainAppOptions(temp.dir, { rendererOrigin: ORIGIN }))
  cleanups.push(temp.cleanup, () => app.close())
  const call = async <T>(channel: string, payload?: unknown): Promise<T> => {
    const result = await app.registry.invoke(channel, payload, trusted)
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
    return result.value as T
  }
  return { app, call }
}

describe('support:bundle', () => {
  it('lists its contents and holds no key (any encoding) and no full token, whatever the page sent', async () => {
    // The printable sentinel an environment form accepts (as the security tests use it).
    const key = makeSentinel({ withSpace: false, withNonAscii: false })
    const server = await startQrveyLike({ apiKey: key })
    cleanups.push(() => server.close())
    const { call } = await start()
    const state = await call<EnvironmentsState>('environments:create', { name: 'Acme', domain: server.url, apiKey: key, timeoutMs: 3000 })
    const environmentId = state.activeId
    const report = await call<DoctorReport>('doctor:run', { environmentId, runId: 'r1', widgetId: 'page-view', body: { userid: 'u1', appid: 'a1' }, fields: { dashboardId: 'd1' } })
    // No renderer in this composition: the widget step is skipped and says why.
    expect(report.steps.find((s) => s.id === 'widget')?.status).toBe('skip')

    const encodings = keyEncodings(key).map((e) => e.form)
    const bundle = await call<SupportBundle>('support:bundle', {
      environmentId,
      setup: { name: 'Acme setup', widgetId: 'page-view', body: { userid: 'u1', appid: 'a1', notes: `pasted ${encodings[0]}` }, fields: { dashboardId: 'd1' }, qrvey86OrNewer: true },
      request: { method: 'POST', url: `${server.url}/devapi/v4/core/login/token`, headers: { 'x-api-key': '…' + key.slice(-4), 'Content-Type': 'application/json' }, body: { userid: 'u1', appid: 'a1' } },
      tokenHeader: { alg: 'dir', enc: 'A256GCM', kid: 'test-kid' },
      preview: {
        widgetId: 'page-view',
        log: [
          { time: 1_700_000_000_000, kind: 'event', name: 'qvDSHItemsLoaded', message: 'qvDSHItemsLoaded' },
          { time: 1_700_000_000_100, kind: 'console-error', name: 'console.error', message: `boom ${encodings.join(' | ')}` },
          { time: 1_700_000_000_200, kind: 'network-error', name: 'http-401', message: `GET /x?token=${FAKE_JWE} answered 401`, detail: { url: `/x?qv_token=${FAKE_JWE}`, token: FAKE_JWE } }
        ]
      }
    })
    expect(bundle.items.map((i) => i.title)).toEqual(['Setup', 'Environment', 'Token request as sent', 'Token header', 'Last preview', 'Doctor result', 'Versions', 'Removed as secrets'])
    expect(bundle.items.find((i) => i.title === 'Last preview')?.summary).toBe("the workbench's preview: 1 event(s), 1 console error(s), 1 failed request(s)")
    expect(bundle.items.find((i) => i.title === 'Doctor result')?.summary).toMatch(/^passed/)
    expect(bundle.items.at(-1)?.summary).toContain('token(s) inside texts')
    expect(bundle.removed).toContain('lastPreview.failedRequests[0].detail.token')
    expect(findKeyEncodings(bundle.text, key)).toEqual([])
    expect(containsCompactJose(bundle.text)).toBe(false)
    expect(bundle.text).not.toContain(FAKE_JWE.split('.')[3])
    const parsed = JSON.parse(bundle.text)
    expect(parsed.environment).toEqual({ name: 'Acme', kind: 'remote', domain: server.url, timeoutMs: 3000, keySet: true })
    expect(parsed.requestAsSent.headers).toEqual(['x-api-key: (redacted)', 'Content-Type: application/json'])
    expect(parsed.tokenHeader.kid).toBe('test-kid')
    expect(parsed.doctor.ok).toBe(true)
    expect(bundle.fileName).toMatch(/^qwb-support-Acme-\d{4}-\d\d-\d\dT[\d-]+\.json$/)
  })

  it('an unknown environment is refused', async () => {
    const { app } = await start()
    const result = await app.registry.invoke('support:bundle', { environmentId: 'nope' }, trusted)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('NOT_FOUND')
  })
})
