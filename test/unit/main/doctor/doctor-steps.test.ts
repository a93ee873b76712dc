/**
 * Issue 13, point 2: the doctor against real local servers that fail at
 * each step names that step, says what it found and what to do, and runs
 * nothing after it. Certificates are made by openssl for the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { doctorInputFor, runDoctor } from '../../../../src/main/doctor/doctor'
import type { DoctorDeps, DoctorTarget } from '../../../../src/main/doctor/doctor-types'
import { createHttpClient } from '../../../../src/main/http/http-client'
import { createChromiumRenderer } from '../../../../src/main/doctor/chromium-renderer'
import { startPreviewServer } from '../../../../src/main/preview/preview-server'
import type { DoctorReport } from '../../../../src/shared/doctor'
import { closedPortUrl } from '../../../support/failure-servers'
import { makeTestCerts, startQrveyLike, type RunningQrveyLike, type TestCerts } from '../../../support/doctor-servers'
import { makeTempDir } from '../../../support/temp-dir'
import { findKeyEncodings, keyAcrossCut, makeSentinel } from '../../../support/key-encodings'

const KEY = 'doctor-test-key-0001'

function target(domain: string, apiKey: string | undefined = KEY): DoctorTarget {
  return { name: 'Test env', kind: 'remote', domain, apiKey, timeoutMs: 3000 }
}

async function doctor(domain: string, deps: Partial<DoctorDeps> = {}, apiKey?: string): Promise<DoctorReport> {
  // A real request (body given) so the steps after the token run too; no renderer: the widget step skips.
  const input = doctorInputFor(target(domain, apiKey ?? KEY), { widgetId: 'page-view', body: { userid: 'u1', appid: 'a1', expiresIn: '5m' } as never, fields: { dashboardId: 'd1' } })
  return runDoctor(input, { http: createHttpClient(), ...deps })
}

function step(report: DoctorReport, id: string) {
  return report.steps.find((s) => s.id === id)!
}

/** The failing step is the named one, everything before it passed or was skipped, nothing after it ran. */
function expectFailedAt(report: DoctorReport, id: string) {
  expect(report.ok).toBe(false)
  expect(report.failedStep).toBe(id)
  const index = report.steps.findIndex((s) => s.id === id)
  expect(report.steps.slice(0, index).every((s) => s.status === 'pass' || s.status === 'skip' || s.status === 'warn')).toBe(true)
  expect(report.steps.slice(index + 1).every((s) => s.status === 'not-run')).toBe(true)
  expect(step(report, id).fix, 'a failed step says what to do').toBeTruthy()
}

let certs: TestCerts
const temp = makeTempDir('qwb-doctor-certs-')
const servers: RunningQrveyLike[] = []
async function serve(options: Parameters<typeof startQrveyLike>[0]) {
  const server = await startQrveyLike(options)
  servers.push(server)
  return server
}

beforeAll(() => {
  certs = makeTestCerts(temp.dir)
})
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
  temp.cleanup()
})

describe('the doctor names the step that fails', () => {
  it('URL shape: plain http to a non-loopback host', async () => {
    const report = await doctor('http://qrvey.example.com')
    expectFailedAt(report, 'url')
    expect(step(report, 'url').verdict).toContain('Plain http://')
  })

  it('DNS: a name that does not resolve', async () => {
    const report = await doctor('https://no-such-host.invalid')
    expectFailedAt(report, 'dns')
    expect(step(report, 'dns').verdict).toContain('no-such-host.invalid could not be found')
  })

  it('TCP: connection refused', async () => {
    const report = await doctor(await closedPortUrl())
    expectFailedAt(report, 'tcp')
    expect(step(report, 'tcp').verdict).toMatch(/refused the connection: nothing is listening on port \d+/)
  })

  it('TLS: a self-signed certificate', async () => {
    const server = await serve({ apiKey: KEY, tls: certs.selfSigned })
    const report = await doctor(server.url, { trustedCa: [certs.ca] })
    expectFailedAt(report, 'tls')
    expect(step(report, 'tls').verdict).toContain('is self-signed')
    expect(server.requests, 'no request (and no key) went over a refused certificate').toEqual([])
  })

  it('TLS: an expired certificate (from a trusted CA)', async () => {
    const server = await serve({ apiKey: KEY, tls: certs.expired })
    const report = await doctor(server.url, { trustedCa: [certs.ca] })
    expectFailedAt(report, 'tls')
    expect(step(report, 'tls').verdict).toContain('expired on 2020-02-01')
    expect(step(report, 'tls').detail).toContain('qwb doctor test CA')
  })

  it('TLS: a certificate for another host name', async () => {
    const server = await serve({ apiKey: KEY, tls: certs.otherHost })
    const report = await doctor(server.url, { trustedCa: [certs.ca] })
    expectFailedAt(report, 'tls')
    expect(step(report, 'tls').verdict).toContain('is for another host name (DNS:other.example)')
  })

  it('TLS passes with a trusted certificate, and the run goes on to the token (which the system CA store does not trust: the token request refuses it)', async () => {
    const server = await serve({ apiKey: KEY, tls: certs.good })
    const report = await doctor(server.url, { trustedCa: [certs.ca] })
    expect(step(report, 'tls').status).toBe('pass')
    expect(step(report, 'tls').verdict).toContain('is trusted, matches the host name')
    // The token service trusts only the system's CAs: the doctor's extra CA is for its TLS step alone.
    expectFailedAt(report, 'token')
  })

  it('token: 401 (a wrong key), with the token service\'s explanation', async () => {
    const server = await serve({ apiKey: 'the-right-key-9999' })
    const report = await doctor(server.url)
    expectFailedAt(report, 'token')
    expect(step(report, 'token').verdict).toContain('The API key was rejected (401)')
    expect(step(report, 'token').verdict).toContain('Invalid API key')
    expect(JSON.stringify(report)).not.toContain(KEY)
  })

  it('token: 5xx is the server\'s problem', async () => {
    const server = await serve({ apiKey: KEY, tokenStatus: 503 })
    const report = await doctor(server.url)
    expectFailedAt(report, 'token')
    expect(step(report, 'token').verdict).toContain('The Qrvey server failed (503)')
  })

  it('token: no key at all', async () => {
    const server = await serve({ apiKey: KEY })
    const input = doctorInputFor({ ...target(server.url), apiKey: undefined }, {})
    const report = await runDoctor(input, { http: createHttpClient() })
    expectFailedAt(report, 'token')
    expect(server.requests.filter((r) => r.method === 'POST')).toEqual([])
  })

  it('launcher: 404', async () => {
    const server = await serve({ apiKey: KEY, launcher: 'missing' })
    const report = await doctor(server.url)
    expectFailedAt(report, 'launcher')
    expect(step(report, 'launcher').verdict).toContain('/widgets-launcher/app.js is not on this domain (404)')
  })

  it('launcher: served without CORS', async () => {
    const server = await serve({ apiKey: KEY, launcher: 'no-cors' })
    const report = await doctor(server.url, { pageOrigin: 'http://127.0.0.1:5555' })
    expectFailedAt(report, 'launcher')
    expect(step(report, 'launcher').verdict).toContain('does not allow other origins (no Access-Control-Allow-Origin header)')
    const launcherRequest = server.requests.find((r) => r.url === '/widgets-launcher/app.js')
    expect(launcherRequest?.headers.origin).toBe('http://127.0.0.1:5555')
    expect(launcherRequest?.headers['x-api-key'], 'a page never has the key: neither does the launcher check').toBeUndefined()
  })

  it('launcher: an HTML page instead of the script (a login page)', async () => {
    const server = await serve({ apiKey: KEY, launcher: 'html' })
    const report = await doctor(server.url)
    expectFailedAt(report, 'launcher')
    expect(step(report, 'launcher').verdict).toContain('an HTML page answered')
  })

  it('data API: the token is refused (401)', async () => {
    const server = await serve({ apiKey: KEY, dataApi: 'reject' })
    const report = await doctor(server.url)
    expectFailedAt(report, 'data-api')
    expect(step(report, 'data-api').verdict).toContain('The data API refused the token (401)')
  })

  it('data API: a key echoed across the cut of the detail is not shown in part (the cut came before the scrub)', async () => {
    const key = makeSentinel()
    const encoded = encodeURIComponent(key)
    // The copy starts 10 characters before the 300 shown: cut first, those 10 characters passed every scrub.
    const server = await serve({ apiKey: key, dataApiEcho: (sent) => keyAcrossCut(encodeURIComponent(sent), 0, 300, 10) })
    const report = await doctor(server.url, {}, key)
    expectFailedAt(report, 'data-api')
    const detail = step(report, 'data-api').detail ?? ''
    expect(detail).not.toContain(encoded.slice(0, 10))
    expect(detail).toContain('[redacted')
    expect(findKeyEncodings(JSON.stringify(report), key)).toEqual([])
  })

  it('widget: it never says qvDSHItemsLoaded (real headless Chromium, the preview server)', async () => {
    const server = await serve({ apiKey: KEY, launcher: 'silent' })
    const previews = await startPreviewServer({ frameAncestors: "'none'" })
    try {
      const report = await doctor(server.url, { renderer: createChromiumRenderer(previews.publish), pageOrigin: previews.origin, renderTimeoutMs: 3000 })
      expectFailedAt(report, 'widget')
      expect(step(report, 'widget').verdict).toContain('did not report qvDSHItemsLoaded within 3 s')
    } finally {
      await previews.close()
    }
  }, 30_000)

  it('widget: a console error holding the key across the 500 characters a line is cut to shows no part of it (found in review)', async () => {
    const server = await serve({ apiKey: KEY, launcher: 'console-key' })
    const previews = await startPreviewServer({ frameAncestors: "'none'" })
    try {
      const report = await doctor(server.url, { renderer: createChromiumRenderer(previews.publish), pageOrigin: previews.origin, renderTimeoutMs: 3000 })
      const detail = step(report, 'widget').detail ?? ''
      expect(detail).toContain('x'.repeat(485))
      expect(detail).toContain('[redacted')
      for (const part of [KEY.slice(0, 8), KEY.slice(8, 15)]) expect(detail).not.toContain(part)
      expect(findKeyEncodings(JSON.stringify(report), KEY)).toEqual([])
    } finally {
      await previews.close()
    }
  }, 30_000)

  it('widget: it says qvTokenExpired', async () => {
    const server = await serve({ apiKey: KEY, launcher: 'expires' })
    const previews = await startPreviewServer({ frameAncestors: "'none'" })
    try {
      const report = await doctor(server.url, { renderer: createChromiumRenderer(previews.publish), pageOrigin: previews.origin, renderTimeoutMs: 10_000 })
      expectFailedAt(report, 'widget')
      expect(step(report, 'widget').verdict).toContain('reported qvTokenExpired')
    } finally {
      await previews.close()
    }
  }, 30_000)

  it('widget: no Chromium where CHROMIUM_PATH points: skipped, and says how to fix it', async () => {
    const server = await serve({ apiKey: KEY })
    const previews = await startPreviewServer({ frameAncestors: "'none'" })
    try {
      const report = await doctor(server.url, { renderer: createChromiumRenderer(previews.publish, { CHROMIUM_PATH: '/nonexistent/chromium' }) })
      expect(step(report, 'widget').status).toBe('skip')
      expect(step(report, 'widget').verdict).toContain('no Chromium at /nonexistent/chromium (CHROMIUM_PATH)')
    } finally {
      await previews.close()
    }
  })

  it('every step passes up to the widget, which is skipped without a browser and says so', async () => {
    const server = await serve({ apiKey: KEY })
    const report = await doctor(server.url)
    expect(report.ok).toBe(true)
    expect(report.steps.map((s) => [s.id, s.status])).toEqual([
      ['url', 'pass'],
      ['dns', 'pass'],
      ['tcp', 'pass'],
      ['tls', 'skip'],
      ['token', 'pass'],
      ['launcher', 'pass'],
      ['data-api', 'pass'],
      ['widget', 'skip']
    ])
    expect(step(report, 'token').detail).toContain('"kid":"test-kid"')
    expect(step(report, 'token').detail).not.toContain('Y2lwaGVy')
    expect(server.requests.find((r) => r.url?.startsWith('/devapi/v4/user/'))?.headers.authorization).toMatch(/^Bearer /)
  })

  it('without a setup for a remote environment, the data API and widget steps skip and say what to pass', async () => {
    const server = await serve({ apiKey: KEY })
    const report = await runDoctor(doctorInputFor(target(server.url)), { http: createHttpClient() })
    expect(step(report, 'data-api').status).toBe('skip')
    expect(step(report, 'data-api').fix).toContain('--setup FILE')
  })

  it('each finished step is reported as it comes, in order', async () => {
    const server = await serve({ apiKey: KEY, launcher: 'missing' })
    const seen: string[] = []
    await runDoctor(doctorInputFor(target(server.url)), { http: createHttpClient() }, (s) => seen.push(`${s.id}:${s.status}`))
    expect(seen).toEqual(['url:pass', 'dns:pass', 'tcp:pass', 'tls:skip', 'token:pass', 'launcher:fail', 'data-api:not-run', 'widget:not-run'])
  })
})
