/**
 * Test connection (issue 13): runs the doctor in main for an environment
 * with the request the form holds (when it is complete), and shows each
 * step as main reports it (`doctor:step`), then the whole report.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { DoctorReport, DoctorStep } from '@shared/doctor'
import { DOCTOR_STEPS } from '@shared/doctor-steps'
import type { WorkbenchError } from '@shared/result'
import { getWorkbench } from '@renderer/bridge'
import { callBridge } from '@renderer/lib/call'
import { useTokenFormStore } from './tokenForm'

export interface DoctorRun {
  runId: string
  environmentId: string
  running: boolean
  steps: DoctorStep[]
  report: DoctorReport | null
  error: WorkbenchError | null
}

/** Every step as "waiting" until main reports it. */
function pendingSteps(): DoctorStep[] {
  return DOCTOR_STEPS.map(({ id, title }) => ({ id, title, status: 'not-run', verdict: 'Waiting…', durationMs: 0 }))
}

export const useDoctorStore = defineStore('doctor', () => {
  const current = ref<DoctorRun | null>(null)

  function widgetFields(values: Record<string, string | boolean | undefined>): Record<string, string | boolean> {
    return Object.fromEntries(Object.entries(values).filter((e): e is [string, string | boolean] => e[1] !== undefined && e[1] !== ''))
  }

  async function run(environmentId: string): Promise<void> {
    if (current.value?.running) return
    const runId = `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
    const run: DoctorRun = { runId, environmentId, running: true, steps: pendingSteps(), report: null, error: null }
    current.value = run
    const live = current.value
    const form = useTokenFormStore()
    const body = form.isValid ? form.assembled.body : undefined
    const wb = getWorkbench()
    const stop = wb.on('doctor:step', (progress) => {
      if (progress.runId !== runId) return
      live.steps = live.steps.map((s) => (s.id === progress.step.id ? progress.step : s))
    })
    try {
      const result = await callBridge(() =>
        wb.doctor.run({ environmentId, runId, ...(body ? { body, widgetId: form.widgetId, fields: widgetFields(form.currentWidgetValues), qrvey86OrNewer: form.qrvey86 } : {}) })
      )
      if (result.ok) {
        live.report = result.value
        live.steps = result.value.steps
      } else {
        live.error = result.error
      }
    } finally {
      stop()
      live.running = false
    }
  }

  function clear() {
    if (!current.value?.running) current.value = null
  }

  return { current, run, clear }
})
