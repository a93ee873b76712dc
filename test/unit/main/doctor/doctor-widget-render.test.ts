/**
 * Test connection's last step over the one render loop (driverWidgetRenderer
 * with a Chromium per render, as `qwb doctor` and browser mode run it; the
 * desktop app runs the same renderer over its hidden Electron window),
 * against the real offline sandbox on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { doctorInputFor, runDoctor } from '../../../../src/main/doctor/doctor'
import { createChromiumRenderer } from '../../../../src/main/doctor/chromium-renderer'
import type { DoctorTarget } from '../../../../src/main/doctor/doctor-types'
import { createHttpClient } from '../../../../src/main/http/http-client'
import { startPreviewServer, type PreviewServerHandle } from '../../../../src/main/preview/preview-server'
import { demoSetups } from '../../../../src/sandbox/data/demo-setups'
import { generateDemoKey } from '../../../../src/sandbox/server/demo-key'
import { startSandbox, type SandboxHandle } from '../../../../src/sandbox/server/server'
import type { DoctorReport } from '../../../../src/shared/doctor'
import { tokenBodyOfSetup } from '../../../../src/shared/setup'

let sandbox: SandboxHandle
let previews: PreviewServerHandle

beforeAll(async () => {
  sandbox = await startSandbox({ apiKey: generateDemoKey(), port: 0 })
  // The workbench's own preview server only lets the workbench page frame previews; the render opens them at the top level.
  previews = await startPreviewServer({ frameAncestors: 'http://127.0.0.1:1' })
})
afterAll(async () => {
  await previews?.close()
  await sandbox?.close()
})

async function doctorOnSandbox(fields: Record<string, string | boolean> = {}): Promise<DoctorReport> {
  const demo = demoSetups().find((d) => d.id === 'page-view')!.setup
  const target: DoctorTarget = { name: 'Offline sandbox', kind: 'sandbox', domain: sandbox.url, apiKey: sandbox.apiKey, timeoutMs: 10_000 }
  const input = doctorInputFor(target, { widgetId: demo.widget, body: tokenBodyOfSetup(demo), fields: { ...demo.widgetFields, ...fields } })
  return runDoctor(input, { http: createHttpClient(), renderer: createChromiumRenderer(previews.publish), pageOrigin: previews.origin, renderTimeoutMs: 20_000 })
}

const widgetStep = (report: DoctorReport) => report.steps.find((s) => s.id === 'widget')!

describe('Test connection: a widget rendered', () => {
  it('passes on qvDSHItemsLoaded against the sandbox, with the events in its detail', async () => {
    const report = await doctorOnSandbox()
    expect(report.ok).toBe(true)
    const step = widgetStep(report)
    expect(step.status).toBe('pass')
    expect(step.verdict).toMatch(/^Page View rendered \(qvDSHItemsLoaded\) after \d+ ms, no console errors, no failed requests\.$/)
    expect(step.detail).toContain('Events: qvDSHPageLoaded, qvDSHItemsLoaded')
  }, 60_000)

  it('a dashboard id the app does not have: the widget opens another and warns; the step warns, naming it', async () => {
    const report = await doctorOnSandbox({ dashboardId: 'no-such-dashboard' })
    const step = widgetStep(report)
    expect(step.status).toBe('warn')
    expect(step.verdict).toContain('rendered, but warned')
    expect(step.verdict).toContain('no-such-dashboard')
    expect(step.fix).toContain('dashboardId')
  }, 60_000)
})
