import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { HistoryEntry } from '@shared/history'
import { PREVIEW_SOURCE, type PreviewReport } from '@shared/preview-messages'
import { setWorkbench } from '@renderer/bridge'
import { useAppStore } from '@renderer/stores/app'
import { useEnvironmentsStore } from '@renderer/stores/environments'
import { QUIET_RUN_MS, useHistoryStore } from '@renderer/stores/history'
import { useSetupsStore } from '@renderer/stores/setups'
import { useSettingsStore } from '@renderer/stores/settings'
import { useTokenFormStore } from '@renderer/stores/tokenForm'
import { useTokenResultStore } from '@renderer/stores/tokenResult'
import HistoryPanel from '@renderer/components/HistoryPanel.vue'
import SetupUnsavedDialog from '@renderer/components/SetupUnsavedDialog.vue'
import StartupNotices from '@renderer/components/StartupNotices.vue'
import { createFakeWorkbench, settle, type Fake } from './fake-workbench'

let fake: Fake
let pinia: Pinia
let wrapper: VueWrapper | undefined
const tid = (id: string) => `[data-testid="${id}"]`

const ACME = { id: 'env-acme', name: 'Acme staging', kind: 'remote' as const, domain: 'https://acme.qrveyapp.com', timeoutMs: 15000, createdAt: '2024-01-01T00:00:00.000Z', key: { set: true, last4: '7781' } }
const PERMISSIONS = [{ dataset_id: '*', record_permissions: [{ security_name: 'region', validation_type: 'EQUAL', values: ['North'] }] }]

const TOKEN_ENTRY: HistoryEntry = {
  id: 'h-old',
  time: '2024-03-01T09:00:00.000Z',
  kind: 'token',
  status: 'success',
  setupName: 'Acme – panel',
  environmentName: 'Acme staging',
  widget: 'page-view',
  userid: 'izfZIkc',
  appid: '59VShVtjM',
  httpStatus: 200,
  timings: { total: 240 },
  request: {
    environmentId: 'env-acme',
    body: { userid: 'izfZIkc', appid: '59VShVtjM', expiresIn: '10m', version: '2', permissions: PERMISSIONS, orgId: 'acme' },
    timeoutMs: 30000,
    widgetId: 'page-view'
  }
}

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
  document.body.innerHTML = ''
  setWorkbench(undefined)
})

describe('history', () => {
  it('lists entries with time, setup, environment, widget, status and timings', async () => {
    fake.folder.addHistory(TOKEN_ENTRY)
    wrapper = mount(HistoryPanel, { global: { plugins: [pinia] }, attachTo: document.body })
    await settle()
    const entry = wrapper.find(tid('history-entry'))
    expect(entry.find(tid('history-status')).text()).toBe('200')
    expect(entry.find(tid('history-setup')).text()).toBe('Acme – panel')
    expect(entry.find(tid('history-meta')).text()).toBe('Acme staging · Page View · izfZIkc')
    expect(entry.find(tid('history-timings')).text()).toBe('total 240 ms')
    await wrapper.find(tid('history-search')).setValue('nothing-like-this')
    await settle()
    expect(fake.history.list).toHaveBeenLastCalledWith({ limit: 200, text: 'nothing-like-this' })
    expect(wrapper.findAll(tid('history-entry'))).toHaveLength(0)
  })

  it('Re-run opens the recorded request as a new draft, widget fields and all, and generates again', async () => {
    const history = useHistoryStore()
    const form = useTokenFormStore()
    form.selectWidget('analytic-suite')
    const entry: HistoryEntry = { ...TOKEN_ENTRY, request: { ...TOKEN_ENTRY.request!, widgetFields: { dashboardId: 'products', fitPanelButton: true }, qrvey86OrNewer: false } }
    expect(await history.rerun(entry)).toBe(true)
    expect(form.widgetId).toBe('page-view')
    expect(form.currentWidgetValues).toEqual({ dashboardId: 'products', fitPanelButton: true })
    expect(form.qrvey86).toBe(false)
    expect(form.fields).toEqual({ userid: 'izfZIkc', appid: '59VShVtjM', clientid: '', expiresIn: '10m' })
    expect(JSON.parse(form.permissionsText)).toEqual(PERMISSIONS)
    expect(JSON.parse(form.extraText)).toEqual({ orgId: 'acme' })
    expect(form.timeoutText).toBe('30000')
    expect(useEnvironmentsStore().activeId).toBe('env-acme')
    expect(fake.tokens.generate).toHaveBeenCalledWith({
      // Each request carries its own id, which Cancel names (issue 11).
      requestId: expect.any(String),
      environmentId: 'env-acme',
      timeoutMs: 30000,
      body: TOKEN_ENTRY.request!.body,
      context: { widgetId: 'page-view', widgetFields: { dashboardId: 'products', fitPanelButton: true }, qrvey86OrNewer: false }
    })
    expect(useTokenResultStore().result?.status).toBe(200)
    const setups = useSetupsStore()
    expect(setups.currentId).toBeNull()
    expect(setups.notice?.kind).toBe('rerun-draft')
    // The history refreshes after the answer.
    await settle()
    expect(fake.history.list).toHaveBeenCalled()
  })

  it('Re-run over an open, unmodified setup closes it (never writes into it) and opens a draft', async () => {
    const id = fake.folder.seed({ name: 'Customer 4711 single panel', environment: 'Acme staging', widget: 'single-panel', token: { userid: 'mine', appid: 'a' }, widgetFields: { qrveyId: 'q1', type: 'CHART', chartId: 'c1' } })
    const setups = useSetupsStore()
    await setups.load()
    await setups.open(id)
    expect(setups.modified).toBe(false)
    expect(await useHistoryStore().rerun(TOKEN_ENTRY)).toBe(true)
    expect(setups.currentId).toBeNull()
    expect(setups.currentName).toBe('')
    expect(setups.notice?.message).toContain('"Customer 4711 single panel" is unchanged')
    // Saving now needs a name: the setup cannot be overwritten by it.
    const saved = await setups.save()
    expect(saved.ok).toBe(false)
    expect(fake.workspace.save).not.toHaveBeenCalled()
  })

  it('Re-run asks first when the open setup has unsaved changes; Cancel changes nothing', async () => {
    const id = fake.folder.seed({ name: 'Mine', environment: 'Offline sandbox', token: { userid: 'mine', appid: 'a' } })
    const setups = useSetupsStore()
    await setups.load()
    await setups.open(id)
    useTokenFormStore().fields.userid = 'edited'
    const running = useHistoryStore().rerun(TOKEN_ENTRY)
    await settle()
    expect(setups.unsaved).not.toBeNull()
    await setups.answerUnsaved('cancel')
    expect(await running).toBe(false)
    expect(useTokenFormStore().fields.userid).toBe('edited')
    expect(setups.currentId).toBe(id)
    expect(fake.tokens.generate).not.toHaveBeenCalled()
  })

  it('says so when the environment of the request is gone', async () => {
    const history = useHistoryStore()
    expect(await history.rerun({ ...TOKEN_ENTRY, request: { ...TOKEN_ENTRY.request!, environmentId: 'deleted' } })).toBe(false)
    expect(history.rerunError?.message).toContain('no longer exists')
    expect(fake.tokens.generate).not.toHaveBeenCalled()
  })

  it('records a preview run once: its first data, with the time it took', async () => {
    const history = useHistoryStore()
    const report = (kind: PreviewReport['kind'], name: string, time: number): PreviewReport => ({ source: PREVIEW_SOURCE, kind, name, message: name, time })
    history.previewStarted(7, { environmentId: 'env-acme', widgetId: 'page-view' })
    const started = Date.now()
    history.previewReported(7, report('lifecycle', 'mounted', started + 300))
    history.previewReported(6, report('event', 'qvDSHItemsLoaded', started + 500))
    history.previewReported(7, report('event', 'qvDSHItemsLoaded', started + 900))
    history.previewReported(7, report('event', 'qvDSHItemsLoaded', started + 1900))
    await settle()
    expect(fake.history.recordPreview).toHaveBeenCalledTimes(1)
    const recorded = fake.history.recordPreview.mock.calls[0][0]
    expect(recorded).toMatchObject({ environmentId: 'env-acme', widgetId: 'page-view', status: 'success' })
    expect(recorded.timings.firstDataMs).toBeGreaterThanOrEqual(890)
    expect(recorded.timings.mountedMs).toBeGreaterThanOrEqual(290)
  })

  it('records a run of a widget that never sends qvDSHItemsLoaded (Single Panel) once it has stayed quiet', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const history = useHistoryStore()
      history.previewStarted(3, { environmentId: 'sandbox', widgetId: 'single-panel' })
      history.previewReported(3, { source: PREVIEW_SOURCE, kind: 'lifecycle', name: 'mounted', message: 'mounted', time: Date.now() + 120 })
      vi.advanceTimersByTime(QUIET_RUN_MS - 1)
      expect(fake.history.recordPreview).not.toHaveBeenCalled()
      vi.advanceTimersByTime(1)
      vi.useRealTimers()
      await settle()
      expect(fake.history.recordPreview).toHaveBeenCalledTimes(1)
      expect(fake.history.recordPreview.mock.calls[0][0]).toMatchObject({ widgetId: 'single-panel', status: 'success', timings: { mountedMs: expect.any(Number) } })
      // A later report of the same run changes nothing.
      history.previewReported(3, { source: PREVIEW_SOURCE, kind: 'event', name: 'qvDSHItemsLoaded', message: '', time: Date.now() })
      await settle()
      expect(fake.history.recordPreview).toHaveBeenCalledTimes(1)
    } finally {
      vi.useRealTimers()
    }
  })

  it('records a preview problem as a failure', async () => {
    const history = useHistoryStore()
    history.previewStarted(1, { environmentId: 'sandbox', widgetId: 'single-panel' })
    history.previewReported(1, { source: PREVIEW_SOURCE, kind: 'script-error', name: 'script-load-failed', message: 'app.js 404', time: Date.now() }, {
      title: 'The widget script did not load',
      message: 'app.js 404'
    })
    await settle()
    expect(fake.history.recordPreview).toHaveBeenCalledWith(expect.objectContaining({ status: 'failure', error: 'The widget script did not load: app.js 404' }))
  })
})

describe('unsaved-changes dialog', () => {
  it('offers Save, Discard and Cancel, and Discard lets the new setup start', async () => {
    const id = fake.folder.seed({ name: 'Mine', environment: 'Offline sandbox', token: { userid: 'mine', appid: 'a' } })
    const setups = useSetupsStore()
    await setups.load()
    await setups.open(id)
    wrapper = mount(SetupUnsavedDialog, { global: { plugins: [pinia] }, attachTo: document.body })
    useTokenFormStore().fields.userid = 'edited'
    const creating = setups.newSetup()
    await settle()
    const dialog = wrapper.find(tid('unsaved-dialog'))
    expect(dialog.attributes('aria-modal')).toBe('true')
    expect(dialog.text()).toContain('Mine has changes that are not saved')
    expect(dialog.find(tid('unsaved-save')).exists()).toBe(true)
    expect(dialog.find(tid('unsaved-cancel')).exists()).toBe(true)
    await dialog.find(tid('unsaved-discard')).trigger('click')
    expect(await creating).toBe(true)
    await settle()
    expect(wrapper.find(tid('unsaved-dialog')).exists()).toBe(false)
    expect(useTokenFormStore().fields.userid).toBe('')
    expect(fake.folder.setupOf(id)?.token.userid).toBe('mine')
  })

  it('Escape is Cancel', async () => {
    const setups = useSetupsStore()
    await setups.load()
    wrapper = mount(SetupUnsavedDialog, { global: { plugins: [pinia] }, attachTo: document.body })
    useTokenFormStore().fields.userid = 'draft'
    const creating = setups.newSetup()
    await settle()
    expect(wrapper.find(tid('unsaved-name-input')).exists()).toBe(true)
    await wrapper.find('.setup-modal-backdrop').trigger('keydown', { key: 'Escape' })
    expect(await creating).toBe(false)
    expect(useTokenFormStore().fields.userid).toBe('draft')
  })
})

describe('start-up notices', () => {
  it('shows app notices and the settings report as dismissible banners', async () => {
    fake.app.info.mockResolvedValueOnce({
      ok: true,
      value: {
        version: '9.9.9',
        sandboxUrl: 'http://127.0.0.1:1',
        previewOrigin: 'http://127.0.0.1:2',
        compareOrigins: [],
        canPopOut: false,
        canChooseFolder: false,
        notices: ['The settings file was damaged and was moved aside to /data/settings.json.damaged-1; the app started with a fresh one.']
      }
    })
    fake.folder.setSettings({}, { resetFields: ['ui.theme'] })
    await useAppStore().load()
    await useSettingsStore().load()
    wrapper = mount(StartupNotices, { global: { plugins: [pinia] } })
    const notices = wrapper.findAll(tid('startup-notice'))
    expect(notices.map((n) => n.text())).toEqual([
      expect.stringContaining('moved aside to /data/settings.json.damaged-1'),
      expect.stringContaining('reset to their defaults: ui.theme')
    ])
    await notices[0].find(tid('startup-notice-dismiss')).trigger('click')
    expect(wrapper.findAll(tid('startup-notice'))).toHaveLength(1)
  })
})
