/** "Start with a demo" (issue 11, point 2): the list, and a demo opening as a draft on the sandbox. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { setWorkbench } from '@renderer/bridge'
import { useEnvironmentsStore } from '@renderer/stores/environments'
import { useSetupsStore } from '@renderer/stores/setups'
import { useTokenFormStore } from '@renderer/stores/tokenForm'
import DemoList from '@renderer/components/DemoList.vue'
import { createFakeWorkbench, settle, type Fake } from './fake-workbench'

let fake: Fake
let pinia: Pinia
let wrapper: VueWrapper | undefined
const tid = (id: string) => `[data-testid="${id}"]`
const ACME = { id: 'env-acme', name: 'Acme staging', kind: 'remote' as const, domain: 'https://acme.qrveyapp.com', timeoutMs: 15000, createdAt: '2024-01-01T00:00:00.000Z', key: { set: true, last4: '7781' } }

beforeEach(async () => {
  pinia = createPinia()
  setActivePinia(pinia)
  fake = createFakeWorkbench({ activeId: 'env-acme' })
  fake.state.environments.push(ACME)
  setWorkbench(fake)
  await useEnvironmentsStore().load()
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  setWorkbench(undefined)
})

describe('Start with a demo', () => {
  it('lists the demos, and opens one as a new draft on the sandbox', async () => {
    wrapper = mount(DemoList, { global: { plugins: [pinia] }, attachTo: document.body })
    await settle()
    expect(wrapper.findAll(tid('demo-start'))).toHaveLength(2)
    expect(wrapper.text()).toContain('RLS')
    await wrapper.get('[data-demo-id="rls-europe"]').trigger('click')
    await settle()
    const form = useTokenFormStore()
    expect(form.fields.userid).toBe('europe-manager')
    expect(JSON.parse(form.permissionsText)[0].record_permissions[0].values).toEqual(['Europe'])
    expect(form.currentWidgetValues).toEqual({ dashboardId: 'overview' })
    expect(useEnvironmentsStore().activeId).toBe('sandbox')
    const setups = useSetupsStore()
    expect(setups.currentId).toBeNull()
    expect(setups.notice?.message).toContain('RLS – Europe only')
    expect(fake.workspace.save).not.toHaveBeenCalled()
  })

  it('asks main for the demos once, however many lists show them (issue 15: one demos call at start)', async () => {
    const second = mount(DemoList, { props: { compact: true }, global: { plugins: [pinia] }, attachTo: document.body })
    wrapper = mount(DemoList, { global: { plugins: [pinia] }, attachTo: document.body })
    await settle()
    expect(wrapper.findAll(tid('demo-start'))).toHaveLength(2)
    expect(second.findAll(tid('demo-start'))).toHaveLength(2)
    expect(fake.discovery.demos).toHaveBeenCalledTimes(1)
    second.unmount()
  })

  it('asks again after a failed call, so a later list still shows the demos', async () => {
    fake.discovery.demos.mockResolvedValueOnce({ ok: false, error: { code: 'INTERNAL', message: 'not now' } })
    const first = mount(DemoList, { global: { plugins: [pinia] }, attachTo: document.body })
    await settle()
    expect(first.findAll(tid('demo-start'))).toHaveLength(0)
    first.unmount()
    wrapper = mount(DemoList, { global: { plugins: [pinia] }, attachTo: document.body })
    await settle()
    expect(wrapper.findAll(tid('demo-start'))).toHaveLength(2)
    expect(fake.discovery.demos).toHaveBeenCalledTimes(2)
  })
})
