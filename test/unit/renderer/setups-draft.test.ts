/**
 * Unsaved work survives a reload (issue 11, point 6): the setups store
 * hands a modified form to main (drafts:put), drops it once saved, and
 * brings it back at start, over its setup when that still exists.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { setWorkbench } from '@renderer/bridge'
import { useEnvironmentsStore } from '@renderer/stores/environments'
import { useSetupsStore } from '@renderer/stores/setups'
import { DRAFT_DELAY_MS } from '@renderer/stores/setups-draft'
import { useTokenFormStore } from '@renderer/stores/tokenForm'
import { createFakeWorkbench, settle, type Fake } from './fake-workbench'

let fake: Fake
let stop: (() => void) | undefined

beforeEach(async () => {
  setActivePinia(createPinia())
  fake = createFakeWorkbench()
  setWorkbench(fake)
  await useEnvironmentsStore().load()
})

afterEach(() => {
  stop?.()
  stop = undefined
  vi.useRealTimers()
  setWorkbench(undefined)
})

const wait = () => new Promise((resolve) => setTimeout(resolve, DRAFT_DELAY_MS + 50))

async function started() {
  const setups = useSetupsStore()
  stop = setups.start()
  await settle()
  return setups
}

describe('kept drafts', () => {
  it('hands a modified form to main, and drops it once the form is saved', async () => {
    const setups = await started()
    const form = useTokenFormStore()
    form.fields.userid = 'typed-before-reload'
    form.setWidgetField('dashboardId', 'products')
    await wait()
    await settle()
    expect(fake.drafts.put).toHaveBeenCalled()
    expect(fake.drafts.kept?.form.fields.userid).toBe('typed-before-reload')
    expect(fake.drafts.kept?.form.widgetValues['page-view']).toEqual({ dashboardId: 'products' })
    expect(fake.drafts.kept?.setupId).toBeNull()

    form.fields.appid = 'a1'
    expect((await setups.saveAs('Kept')).ok).toBe(true)
    await wait()
    await settle()
    expect(fake.drafts.clear).toHaveBeenCalled()
    expect(fake.drafts.kept).toBeNull()
  })

  it('brings a kept draft back at start over its setup, as unsaved changes', async () => {
    const id = fake.folder.seed({ name: 'Mine', environment: 'Offline sandbox', widget: 'page-view', token: { userid: 'saved-user', appid: 'a' } })
    fake.drafts.kept = {
      setupId: id,
      draftName: '',
      environment: 'Offline sandbox',
      savedAt: '2024-01-03T00:00:00.000Z',
      form: {
        widgetId: 'page-view',
        widgetValues: { 'page-view': { dashboardId: 'products' } },
        fields: { userid: 'edited-user', appid: 'a', clientid: '', expiresIn: '' },
        timeoutText: '',
        permissionsText: '',
        extraText: '',
        qrvey86: true
      }
    }
    const setups = await started()
    await settle()
    expect(setups.currentName).toBe('Mine')
    expect(useTokenFormStore().fields.userid).toBe('edited-user')
    expect(useTokenFormStore().currentWidgetValues).toEqual({ dashboardId: 'products' })
    expect(setups.modified).toBe(true)
    expect(setups.notice?.kind).toBe('draft-restored')
  })

  it('brings back a draft that was never saved, and asks before leaving the page while modified', async () => {
    fake.drafts.kept = {
      setupId: null,
      draftName: '',
      environment: 'Offline sandbox',
      savedAt: '2024-01-03T00:00:00.000Z',
      form: { widgetId: 'single-panel', widgetValues: {}, fields: { userid: 'draft-user', appid: '', clientid: '', expiresIn: '1h' }, timeoutText: '', permissionsText: '[', extraText: '', qrvey86: true }
    }
    const setups = await started()
    await settle()
    expect(setups.currentId).toBeNull()
    expect(useTokenFormStore().widgetId).toBe('single-panel')
    expect(useTokenFormStore().permissionsText).toBe('[')
    expect(setups.modified).toBe(true)
    const event = new Event('beforeunload', { cancelable: true })
    window.dispatchEvent(event)
    expect(event.defaultPrevented).toBe(true)
  })

  it('does not ask before leaving when nothing is unsaved', async () => {
    await started()
    const event = new Event('beforeunload', { cancelable: true })
    window.dispatchEvent(event)
    expect(event.defaultPrevented).toBe(false)
  })
})
