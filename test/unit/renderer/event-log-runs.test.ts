/**
 * Issue 11, small items: the event log's error count belongs to the preview
 * shown now, not to every preview since the log was cleared; earlier
 * previews' entries stay readable (dimmed).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { PREVIEW_SOURCE, type PreviewReport } from '@shared/preview-messages'
import { setWorkbench } from '@renderer/bridge'
import { useAppStore } from '@renderer/stores/app'
import { useEnvironmentsStore } from '@renderer/stores/environments'
import { usePreviewStore } from '@renderer/stores/preview'
import { useTokenFormStore } from '@renderer/stores/tokenForm'
import { useTokenResultStore } from '@renderer/stores/tokenResult'
import EventLog from '@renderer/components/EventLog.vue'
import { createFakeWorkbench, settle } from './fake-workbench'

const tid = (id: string) => `[data-testid="${id}"]`
const report = (kind: PreviewReport['kind'], name: string): PreviewReport => ({ source: PREVIEW_SOURCE, kind, name, message: name, time: Date.now() })

beforeEach(() => {
  setActivePinia(createPinia())
  setWorkbench(createFakeWorkbench())
})
afterEach(() => setWorkbench(undefined))

async function started() {
  await useAppStore().load()
  await useEnvironmentsStore().load()
  Object.assign(useTokenFormStore().fields, { userid: 'u1', appid: '59VShVtjM' })
  useTokenFormStore().setWidgetField('dashboardId', 'd1')
  await useTokenResultStore().generate()
  const preview = usePreviewStore()
  preview.connect({ post: () => true })
  expect(await preview.start()).toBe(true)
  return preview
}

describe('event log error count per preview', () => {
  it('starts at zero when a new preview starts; earlier entries stay, marked as earlier', async () => {
    const preview = await started()
    preview.receive(report('network-error', 'http-500'))
    preview.receive(report('console-error', 'console'))
    const w = mount(EventLog, { props: { entries: preview.log, cap: 500, run: preview.run } })
    expect(w.get(tid('event-log-errors')).text()).toBe('2 errors in this preview')

    expect(await preview.start()).toBe(true)
    await w.setProps({ entries: preview.log, run: preview.run })
    await settle()
    expect(w.get(tid('event-log-count')).text()).toContain('4 entries')
    expect(w.get(tid('event-log-errors')).text()).toBe('no errors in this preview')
    expect(w.get(tid('event-log-errors')).attributes('title')).toContain('Earlier previews had 2 more')
    const rows = w.findAll(tid('event-log-entry'))
    expect(rows.map((r) => r.classes().includes('is-earlier'))).toEqual([true, true, true, false])

    preview.receive(report('page-error', 'uncaught-error'))
    await w.setProps({ entries: preview.log, run: preview.run })
    expect(w.get(tid('event-log-errors')).text()).toBe('1 error in this preview')
    w.unmount()
  })

  it('a preview that could not start leaves the count with the preview still shown', async () => {
    const preview = await started()
    preview.receive(report('network-error', 'http-500'))
    const run = preview.run
    const fake = createFakeWorkbench()
    fake.preview.create.mockResolvedValueOnce({ ok: false, error: { code: 'NOT_FOUND', message: 'gone' } })
    setWorkbench(fake)
    expect(await preview.start()).toBe(false)
    expect(preview.run).toBe(run)
    const w = mount(EventLog, { props: { entries: preview.log, cap: 500, run: preview.run } })
    // The failed start is an error of the run still on screen.
    expect(w.get(tid('event-log-errors')).text()).toBe('2 errors in this preview')
    w.unmount()
  })
})
