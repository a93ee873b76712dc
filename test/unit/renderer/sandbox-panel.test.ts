import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { setWorkbench } from '@renderer/bridge'
import { useSandboxStore } from '@renderer/stores/sandbox'
import SandboxPanel from '@renderer/components/SandboxPanel.vue'
import StatusBar from '@renderer/components/StatusBar.vue'
import App from '@renderer/App.vue'
import { createFakeWorkbench, settle, type Fake } from './fake-workbench'

let fake: Fake
let pinia: Pinia
let wrappers: VueWrapper[] = []

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  fake = createFakeWorkbench()
  setWorkbench(fake)
})

afterEach(() => {
  for (const w of wrappers) w.unmount()
  wrappers = []
  setWorkbench(undefined)
})

const tid = (id: string) => `[data-testid="${id}"]`

async function panelAndBar() {
  await useSandboxStore().load()
  const panel = mount(SandboxPanel, { global: { plugins: [pinia] }, attachTo: document.body })
  const bar = mount(StatusBar, { global: { plugins: [pinia] }, attachTo: document.body })
  wrappers.push(panel, bar)
  await settle()
  return { panel, bar }
}

describe('sandbox settings panel', () => {
  it('starts from the modes main reports; no badge while all is normal', async () => {
    const { panel, bar } = await panelAndBar()
    expect((panel.get(tid('sandbox-latency')).element as HTMLInputElement).value).toBe('0')
    expect((panel.get(tid('sandbox-token-ttl')).element as HTMLInputElement).value).toBe('')
    expect(bar.find(tid('sandbox-modes-badge')).exists()).toBe(false)
  })

  it('applies every mode and keeps each visible in the status bar while on', async () => {
    const { panel, bar } = await panelAndBar()
    await panel.get(tid('sandbox-latency')).setValue('500')
    await panel.get(tid('sandbox-failure-rate')).setValue('20')
    await panel.get(tid('sandbox-reject-key')).setValue(true)
    await panel.get(tid('sandbox-token-ttl')).setValue('5')
    await panel.get(tid('sandbox-clock-skew')).setValue('-7200')
    expect(panel.get(tid('sandbox-dirty')).text()).toBe('Not applied yet')
    await panel.get(tid('sandbox-apply')).trigger('submit')
    await settle()
    expect(fake.sandbox.setModes).toHaveBeenCalledWith({ latencyMs: 500, failureRate: 0.2, rejectKey: true, tokenLifetimeSeconds: 5, clockSkewSeconds: -7200 })
    expect(bar.get(tid('sandbox-modes-badge')).text()).toBe('Sandbox: latency 500 ms · 20% failures · key rejected · tokens live 5 s · clock −2 h')
    expect(panel.get(tid('sandbox-saved')).text()).toBe('Applied')

    await panel.get(tid('sandbox-reset')).trigger('click')
    await settle()
    expect(fake.sandbox.resetModes).toHaveBeenCalledTimes(1)
    expect(bar.find(tid('sandbox-modes-badge')).exists()).toBe(false)
    expect((panel.get(tid('sandbox-latency')).element as HTMLInputElement).value).toBe('0')
  })

  it('shows what is wrong next to each field and sends nothing', async () => {
    const { panel } = await panelAndBar()
    await panel.get(tid('sandbox-latency')).setValue('fast')
    await panel.get(tid('sandbox-token-ttl')).setValue('0')
    await panel.get('form').trigger('submit')
    await settle()
    expect(fake.sandbox.setModes).not.toHaveBeenCalled()
    expect(panel.get(tid('sandbox-latency-error')).text()).toBe('Latency (ms) must be a whole number from 0 to 30000')
    expect(panel.get(tid('sandbox-latency')).attributes('aria-invalid')).toBe('true')
    expect(panel.get(tid('sandbox-token-ttl-error')).text()).toMatch(/from 1 to 86400, or empty/)
    // Typing again clears that field's message.
    await panel.get(tid('sandbox-latency')).setValue('10')
    expect(panel.find(tid('sandbox-latency-error')).exists()).toBe(false)
  })

  it("puts main's refusal next to the field it names", async () => {
    const { panel } = await panelAndBar()
    fake.sandbox.setModes.mockResolvedValueOnce({ ok: false, error: { code: 'INVALID_INPUT', message: 'failureRate must be from 0 to 1', field: 'failureRate' } })
    await panel.get('form').trigger('submit')
    await settle()
    expect(panel.get(tid('sandbox-failure-rate-error')).text()).toBe('failureRate must be from 0 to 1')
  })

  it('shows a failure that belongs to no field as an alert', async () => {
    const { panel } = await panelAndBar()
    fake.sandbox.resetModes.mockRejectedValueOnce(new Error('IPC down'))
    await panel.get(tid('sandbox-reset')).trigger('click')
    await settle()
    expect(panel.get(`${tid('sandbox-error')} ${tid('error-message')}`).text()).toMatch(/could not reach its main process/)
  })
})

describe('in the app', () => {
  it('shows the panel while the sandbox is the active environment, and loads the modes at start', async () => {
    const w = mount(App, { global: { plugins: [pinia] }, attachTo: document.body })
    wrappers.push(w)
    await settle()
    expect(fake.sandbox.modes).toHaveBeenCalledTimes(1)
    expect(w.find(tid('sandbox-panel')).exists()).toBe(true)
    await w.get(tid('env-add')).trigger('click')
    await settle() // the form is a chunk of its own, loaded when first shown
    await w.get(tid('env-form-name')).setValue('Acme')
    await w.get(tid('env-form-domain')).setValue('https://acme.qrveyapp.com')
    await w.get(tid('env-form')).trigger('submit')
    await settle()
    expect(w.get('[data-active="true"]').text()).toContain('Acme')
    expect(w.find(tid('sandbox-panel')).exists()).toBe(false)
  })
})
