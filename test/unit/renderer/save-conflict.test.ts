/**
 * Issue 7, point 5 in the UI: a save refused because the file changed since
 * it was opened (another window, another workbench, an editor) is never a
 * silent overwrite: the setup bar says so and offers to load the other
 * version, overwrite it with mine, or save mine as a copy. Also: notices
 * main adds while running (app:notices) appear without a reload.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { setWorkbench } from '@renderer/bridge'
import { useAppStore } from '@renderer/stores/app'
import { useEnvironmentsStore } from '@renderer/stores/environments'
import { useSetupsStore } from '@renderer/stores/setups'
import { useTokenFormStore } from '@renderer/stores/tokenForm'
import SetupBar from '@renderer/components/SetupBar.vue'
import StartupNotices from '@renderer/components/StartupNotices.vue'
import { createFakeWorkbench, settle, type Fake } from './fake-workbench'

let fake: Fake
let pinia: Pinia
let wrapper: VueWrapper | undefined
/** The setups store's listeners and leave guard, stopped after each test. */
let stop: (() => void) | undefined
const tid = (id: string) => `[data-testid="${id}"]`

const ACME = { id: 'env-acme', name: 'Acme staging', kind: 'remote' as const, domain: 'https://acme.qrveyapp.com', timeoutMs: 15000, createdAt: '2024-01-01T00:00:00.000Z', key: { set: true, last4: '7781' } }
const base = { name: 'Acme – page view', environment: 'Acme staging', widget: 'page-view', token: { userid: 'mine-before', appid: '59VShVtjM' }, widgetFields: { dashboardId: 'overview' } }

beforeEach(async () => {
  pinia = createPinia()
  setActivePinia(pinia)
  fake = createFakeWorkbench()
  fake.state.environments.push(ACME)
  setWorkbench(fake)
  await useEnvironmentsStore().load()
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  stop?.()
  stop = undefined
  setWorkbench(undefined)
})

/** Opens the setup, edits the form, and lets "another workbench" save the same file meanwhile. */
async function conflicted() {
  const id = fake.folder.seed(base)
  const setups = useSetupsStore()
  stop = setups.start()
  await settle()
  await setups.open(id)
  useTokenFormStore().fields.userid = 'mine-after'
  // Another process saves the file (no watcher event reaches this window yet).
  fake.folder.seed({ ...base, token: { userid: 'theirs', appid: '59VShVtjM' } }, id)
  wrapper = mount(SetupBar, { global: { plugins: [pinia] }, attachTo: document.body })
  await wrapper.find(tid('setup-save')).trigger('click')
  await settle()
  return { id, setups }
}

describe('a save over another version', () => {
  it('is refused, nothing is written, and the bar offers three ways on', async () => {
    const { id, setups } = await conflicted()
    expect(fake.workspace.save).toHaveBeenLastCalledWith(expect.objectContaining({ id, baseRevision: expect.stringMatching(/^rev-/) }))
    const box = wrapper!.find(tid('setup-conflict'))
    expect(box.text()).toContain('was changed on disk since you opened it')
    expect(box.find(tid('setup-conflict-reload')).text()).toBe('Load the other version')
    expect(box.find(tid('setup-conflict-overwrite')).text()).toBe('Overwrite with mine')
    expect(box.find(tid('setup-conflict-copy')).text()).toBe('Save mine as a copy')
    expect(fake.folder.setupOf(id)?.token.userid).toBe('theirs')
    expect(setups.modified).toBe(true)
  })

  it('Overwrite with mine: my edit is written over theirs, knowingly', async () => {
    const { id, setups } = await conflicted()
    await wrapper!.find(tid('setup-conflict-overwrite')).trigger('click')
    await settle()
    expect(fake.folder.setupOf(id)?.token.userid).toBe('mine-after')
    expect(wrapper!.find(tid('setup-conflict')).exists()).toBe(false)
    expect(setups.modified).toBe(false)
  })

  it('Save mine as a copy: both versions are kept', async () => {
    const { id, setups } = await conflicted()
    await wrapper!.find(tid('setup-conflict-copy')).trigger('click')
    await settle()
    expect(fake.folder.setupOf(id)?.token.userid).toBe('theirs')
    const copy = fake.folder.ids().find((other) => other !== id)!
    expect(fake.folder.setupOf(copy)).toMatchObject({ name: 'Acme – page view (my copy)', token: { userid: 'mine-after' } })
    expect(setups.currentId).toBe(copy)
    expect(wrapper!.find(tid('setup-conflict')).exists()).toBe(false)
  })

  it('Load the other version: the form shows theirs', async () => {
    const { id, setups } = await conflicted()
    await wrapper!.find(tid('setup-conflict-reload')).trigger('click')
    await settle()
    expect(useTokenFormStore().fields.userid).toBe('theirs')
    expect(fake.folder.setupOf(id)?.token.userid).toBe('theirs')
    expect(setups.modified).toBe(false)
    expect(wrapper!.find(tid('setup-conflict')).exists()).toBe(false)
  })
})

describe('notices while running', () => {
  it('a notice main adds while running shows at once', async () => {
    const app = useAppStore()
    app.listen()
    await app.load()
    wrapper = mount(StartupNotices, { global: { plugins: [pinia] } })
    expect(wrapper.findAll(tid('startup-notice'))).toHaveLength(0)
    fake.emit('app:notices', ['The API key store file was damaged while the app was running and was moved aside to /data/secrets.corrupt-1.json (…).'])
    await settle()
    expect(wrapper.findAll(tid('startup-notice')).map((n) => n.text())).toEqual([expect.stringContaining('secrets.corrupt-1.json')])
  })
})
