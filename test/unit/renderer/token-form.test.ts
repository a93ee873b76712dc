import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { setWorkbench } from '@renderer/bridge'
import { useEnvironmentsStore } from '@renderer/stores/environments'
import { useTokenFormStore } from '@renderer/stores/tokenForm'
import { PERMISSIONS_EXAMPLE } from '@shared/permissions-example'
import TokenForm from '@renderer/components/TokenForm.vue'
import WidgetFields from '@renderer/components/WidgetFields.vue'
import WidgetPicker from '@renderer/components/WidgetPicker.vue'
import { WIDGET_CATALOG } from '@shared/widget-catalog'
import { createFakeWorkbench, settle, tokenResult, type Fake } from './fake-workbench'

let fake: Fake
let pinia: Pinia
let wrapper: VueWrapper | undefined

beforeEach(async () => {
  pinia = createPinia()
  setActivePinia(pinia)
  fake = createFakeWorkbench()
  setWorkbench(fake)
  await useEnvironmentsStore().load()
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  setWorkbench(undefined)
})

const tid = (id: string) => `[data-testid="${id}"]`

function mountWith<T>(component: T) {
  wrapper = mount(component as never, { global: { plugins: [pinia] }, attachTo: document.body })
  return wrapper
}

const visibleFieldKeys = (w: VueWrapper) =>
  w.findAll('[data-testid^="widget-field-"]').map((e) => e.attributes('data-testid')!.replace('widget-field-', '')).filter((k) => !k.endsWith('-error'))

describe('widget picker', () => {
  it('offers every catalog widget with name, current name, element and description', () => {
    const picker = mountWith(WidgetPicker)
    for (const widget of WIDGET_CATALOG) {
      const card = picker.get(tid(`widget-card-${widget.id}`))
      expect(card.text()).toContain(widget.name)
      expect(card.text()).toContain(`<${widget.element}>`)
      expect(card.text()).toContain(widget.description)
      if (widget.currentName) expect(card.text()).toContain(widget.currentName)
    }
    expect((picker.get(tid('widget-option-page-view')).element as HTMLInputElement).checked).toBe(true)
  })

  it('selects a widget', async () => {
    const picker = mountWith(WidgetPicker)
    await picker.get(tid('widget-option-analytic-suite')).setValue(true)
    expect(useTokenFormStore().widgetId).toBe('analytic-suite')
  })
})

describe('widget fields', () => {
  it('shows each widget its own fields', async () => {
    const fields = mountWith(WidgetFields)
    const form = useTokenFormStore()
    expect(visibleFieldKeys(fields)).toEqual(['dashboardId', 'pageId', 'themeId'])
    // pageId: "replaced by dashboardId since 8.4" (QRVEY.md §1), so it is marked legacy in the form.
    expect(fields.find(tid('widget-legacy-field-pageId')).exists()).toBe(true)
    form.selectWidget('page-builder')
    await settle()
    expect(visibleFieldKeys(fields)).toEqual(['dashboardId', 'privatePages', 'styles.main_color', 'themeId'])
    expect(fields.get(tid('widget-field-privatePages')).attributes('type')).toBe('checkbox')
    // analytic-suite.md documents settings {view, mode: COMPLETE|SIMPLE, displayMode}; the old top-level
    // `mode: view|edit` field was not a documented key (issue 8) and is gone.
    form.selectWidget('analytic-suite')
    await settle()
    expect(visibleFieldKeys(fields)).toEqual(['qrveyId', 'settings.view', 'settings.mode', 'settings.displayMode', 'themeId'])
  })

  it('Single Panel: shows chartId only for type CHART, metricId only for METRIC', async () => {
    const fields = mountWith(WidgetFields)
    useTokenFormStore().selectWidget('single-panel')
    await settle()
    // themeId: single-panel.md documents it (issue 11.7 added it to the catalog).
    expect(visibleFieldKeys(fields)).toEqual(['qrveyId', 'type', 'themeId'])
    await fields.get(tid('widget-field-type')).setValue('CHART')
    expect(visibleFieldKeys(fields)).toEqual(['qrveyId', 'type', 'chartId', 'themeId'])
    await fields.get(tid('widget-field-type')).setValue('METRIC')
    expect(visibleFieldKeys(fields)).toEqual(['qrveyId', 'type', 'metricId', 'themeId'])
    await fields.get(tid('widget-field-type')).setValue('SUMMARY')
    expect(visibleFieldKeys(fields)).toEqual(['qrveyId', 'type', 'summaryId', 'themeId'])
  })

  it('says which required fields are missing once touched', async () => {
    const fields = mountWith(WidgetFields)
    useTokenFormStore().selectWidget('single-panel')
    await settle()
    expect(fields.find(tid('widget-field-qrveyId-error')).exists()).toBe(false)
    await fields.get(tid('widget-field-qrveyId')).trigger('blur')
    expect(fields.get(tid('widget-field-qrveyId-error')).text()).toBe(
      'Dataset id (qrveyId) is required for Single Panel: The dataset the widget analyses.'
    )
    await fields.get(tid('widget-field-type')).setValue('CHART')
    await fields.get(tid('widget-field-chartId')).trigger('blur')
    expect(fields.get(tid('widget-field-chartId-error')).text()).toMatch(/^Chart id is required for Single Panel/)
    await fields.get(tid('widget-field-chartId')).setValue('c1')
    expect(fields.find(tid('widget-field-chartId-error')).exists()).toBe(false)
  })

  it('keeps values per widget when switching', async () => {
    const fields = mountWith(WidgetFields)
    const form = useTokenFormStore()
    form.selectWidget('single-panel')
    await settle()
    await fields.get(tid('widget-field-qrveyId')).setValue('ds1')
    form.selectWidget('page-view')
    await settle()
    await fields.get(tid('widget-field-dashboardId')).setValue('d1')
    form.selectWidget('single-panel')
    await settle()
    expect((fields.get(tid('widget-field-qrveyId')).element as HTMLInputElement).value).toBe('ds1')
    form.selectWidget('page-view')
    await settle()
    expect((fields.get(tid('widget-field-dashboardId')).element as HTMLInputElement).value).toBe('d1')
  })
})

describe('token form', () => {
  it('labels its inputs', () => {
    const form = mountWith(TokenForm)
    for (const key of ['userid', 'appid', 'clientid', 'expiresIn', 'timeout']) {
      const id = form.get(tid(`input-${key}`)).attributes('id')
      expect(form.find(`label[for="${id}"]`).exists()).toBe(true)
    }
  })

  it('validates userid, appid and expiresIn as the user types', async () => {
    const form = mountWith(TokenForm)
    expect(form.find(tid('input-userid-error')).exists()).toBe(false)
    await form.get(tid('input-userid')).setValue('u')
    await form.get(tid('input-userid')).setValue('')
    expect(form.get(tid('input-userid-error')).text()).toBe('userid is required: the Qrvey user who owns the content')
    await form.get(tid('input-appid')).trigger('blur')
    expect(form.get(tid('input-appid-error')).text()).toBe('appid is required: the Qrvey application to embed')
    await form.get(tid('input-expiresIn')).setValue('1 hour')
    expect(form.get(tid('input-expiresIn-error')).text()).toMatch(/^expiresIn must be a whole number and a unit/)
    await form.get(tid('input-expiresIn')).setValue('10m')
    expect(form.find(tid('input-expiresIn-error')).exists()).toBe(false)
    await form.get(tid('input-userid')).setValue('u1')
    expect(form.find(tid('input-userid-error')).exists()).toBe(false)
  })

  it('keeps Generate disabled, with the reason, while anything is invalid', async () => {
    const form = mountWith(TokenForm)
    const button = form.get(tid('generate-button'))
    expect(button.attributes('disabled')).toBeDefined()
    expect(form.get(tid('generate-reason')).text()).toMatch(/userid is required/)
    expect(button.attributes('aria-describedby')).toBe(form.get(tid('generate-reason')).attributes('id'))

    await form.get(tid('input-userid')).setValue('u1')
    await form.get(tid('input-appid')).setValue('a1')
    expect(button.attributes('disabled')).toBeUndefined()
    expect(form.find(tid('generate-reason')).exists()).toBe(false)
    // The same status line says it is ready (it stays, so the form below does not move), and describes nothing.
    expect(form.get(tid('generate-ready')).text()).toMatch(/^Ready: .*API key stays/)
    expect(form.get(tid('generate-ready')).attributes('role')).toBe('status')
    expect(button.attributes('aria-describedby')).toBeUndefined()

    useTokenFormStore().extraText = '{"userid": "x"}'
    await settle()
    expect(button.attributes('disabled')).toBeDefined()
    expect(form.get(tid('generate-reason')).text()).toMatch(/Extra body JSON: "userid" has its own form field/)
    expect(form.get(tid('extra-editor-errors')).text()).toMatch(/^line 1, col 2: "userid" has its own form field/)

    useTokenFormStore().extraText = ''
    useTokenFormStore().selectWidget('single-panel')
    await settle()
    expect(button.attributes('disabled')).toBeDefined()
    expect(form.get(tid('generate-reason')).text()).toMatch(/Dataset id \(qrveyId\) is required/)
  })

  it('Generate sends the assembled body, with version "2" when permissions are set', async () => {
    const form = mountWith(TokenForm)
    await form.get(tid('input-userid')).setValue('u1')
    await form.get(tid('input-appid')).setValue('a1')
    await form.get(tid('input-clientid')).setValue('jane@example.com')
    await form.get(tid('input-timeout')).setValue('30000')
    expect(form.get(tid('permissions-version-hint')).text()).toMatch(/When permissions are set, the body also gets "version": "2"/)
    await form.get(tid('permissions-example')).trigger('click')
    await settle()
    expect(form.get(tid('permissions-version-hint')).text()).toMatch(/With permissions set, the body also gets "version": "2"/)
    useTokenFormStore().extraText = '{"orgId": "o1"}'
    await settle()

    await form.get(tid('generate-button')).trigger('submit')
    await settle()
    expect(fake.tokens.generate).toHaveBeenCalledTimes(1)
    expect(fake.tokens.generate).toHaveBeenCalledWith({
      // Each request carries its own id, which Cancel names (issue 11).
      requestId: expect.any(String),
      environmentId: 'sandbox',
      timeoutMs: 30000,
      context: { widgetId: 'page-view', widgetFields: {}, qrvey86OrNewer: true },
      body: {
        userid: 'u1',
        appid: 'a1',
        clientid: 'jane@example.com',
        expiresIn: '1h',
        version: '2',
        permissions: JSON.parse(PERMISSIONS_EXAMPLE),
        orgId: 'o1'
      }
    })
  })

  it('shows a busy state while the request is out', async () => {
    let release!: () => void
    fake.tokens.generate.mockImplementationOnce(
      (request) =>
        new Promise((resolve) => {
          release = () => resolve({ ok: true, value: tokenResult(request) })
        })
    )
    const form = mountWith(TokenForm)
    await form.get(tid('input-userid')).setValue('u1')
    await form.get(tid('input-appid')).setValue('a1')
    await form.get('form').trigger('submit')
    await settle()
    const button = form.get(tid('generate-button'))
    expect(button.text()).toBe('Generating…')
    expect(button.attributes('aria-busy')).toBe('true')
    expect(button.attributes('disabled')).toBeDefined()
    release()
    await settle()
    expect(button.text()).toBe('Generate token')
    expect(button.attributes('disabled')).toBeUndefined()
  })

  it('formats valid JSON and leaves invalid JSON as typed', async () => {
    const form = mountWith(TokenForm)
    const store = useTokenFormStore()
    store.extraText = '{"orgId":"o1"}'
    await form.get(tid('extra-format')).trigger('click')
    expect(store.extraText).toBe('{\n  "orgId": "o1"\n}')
    store.extraText = '{"orgId":'
    await form.get(tid('extra-format')).trigger('click')
    expect(store.extraText).toBe('{"orgId":')
  })

  it('shows where the request goes', () => {
    const form = mountWith(TokenForm)
    expect(form.get(tid('request-url-preview')).text()).toBe('http://127.0.0.1:43123/devapi/v4/core/login/token')
  })
})
