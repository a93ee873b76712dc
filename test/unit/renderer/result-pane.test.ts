import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { setWorkbench } from '@renderer/bridge'
import { useEnvironmentsStore } from '@renderer/stores/environments'
import { useTokenFormStore } from '@renderer/stores/tokenForm'
import { useTokenResultStore } from '@renderer/stores/tokenResult'
import ResultPane from '@renderer/components/ResultPane.vue'
import ErrorAlert from '@renderer/components/ErrorAlert.vue'
import App from '@renderer/App.vue'
import { createFakeWorkbench, JWE_TOKEN, JWS_TOKEN, settle, tokenResult, type Fake } from './fake-workbench'

let fake: Fake
let pinia: Pinia
let wrapper: VueWrapper | undefined
const writeText = vi.fn((_text: string) => Promise.resolve())

beforeEach(async () => {
  pinia = createPinia()
  setActivePinia(pinia)
  fake = createFakeWorkbench()
  setWorkbench(fake)
  writeText.mockClear()
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  setWorkbench(undefined)
})

const tid = (id: string) => `[data-testid="${id}"]`

async function generated(token = JWE_TOKEN) {
  fake.tokens.generate.mockImplementationOnce((request) => Promise.resolve({ ok: true, value: tokenResult(request, token) }))
  await useEnvironmentsStore().load()
  const form = useTokenFormStore()
  Object.assign(form.fields, { userid: 'u1', appid: 'a1' })
  wrapper = mount(ResultPane, { global: { plugins: [pinia] }, attachTo: document.body })
  await useTokenResultStore().generate()
  await settle()
  return wrapper
}

describe('result pane', () => {
  it('invites to generate while there is nothing to show', () => {
    wrapper = mount(ResultPane, { global: { plugins: [pinia] } })
    expect(wrapper.find(tid('result-empty')).exists()).toBe(true)
    expect(wrapper.find(tid('token-output')).exists()).toBe(false)
  })

  it('shows the server\'s warnings beside the token, and no warning box without them', async () => {
    const pane = await generated()
    expect(pane.find(tid('token-warnings')).exists()).toBe(false)
    fake.tokens.generate.mockImplementationOnce((request) =>
      Promise.resolve({ ok: true, value: { ...tokenResult(request, JWE_TOKEN), warnings: ['expiresIn is missing; the sandbox\'s token lives 1 hour.', 'userid is missing.'] } })
    )
    await useTokenResultStore().generate()
    await settle()
    expect(pane.findAll(tid('token-warning')).map((item) => item.text())).toEqual(["expiresIn is missing; the sandbox's token lives 1 hour.", 'userid is missing.'])
  })

  it('shows the token, status, time, readable header and the request as sent', async () => {
    const pane = await generated()
    expect(pane.get(tid('token-output')).text()).toBe(JWE_TOKEN)
    expect(pane.get(tid('result-status')).text()).toBe('200')
    expect(pane.get(tid('result-duration')).text()).toBe('42 ms')
    expect(pane.get(tid('token-format')).text()).toBe('JWE')
    expect(JSON.parse(pane.get(tid('token-header')).text())).toEqual({ kid: 'k1', alg: 'dir', enc: 'A256GCM' })
    expect(pane.get(tid('token-note')).text()).toMatch(/claims are encrypted/)
    expect(pane.find(tid('token-claims')).exists()).toBe(false)
    expect(pane.get(tid('request-line')).text()).toBe('POST http://127.0.0.1:43123/devapi/v4/core/login/token')
    expect(pane.get(tid('request-headers')).text()).toBe('x-api-key: …demo\ncontent-type: application/json')
    expect(JSON.parse(pane.get(tid('request-body')).text())).toEqual({ userid: 'u1', appid: 'a1', expiresIn: '1h' })
  })

  it('decodes the claims of a signed (JWS) token', async () => {
    const pane = await generated(JWS_TOKEN)
    expect(pane.get(tid('token-format')).text()).toBe('JWS')
    expect(JSON.parse(pane.get(tid('token-claims')).text())).toEqual({ sub: 'u1', appid: 'a1' })
  })

  it('builds the widget configuration, with qvToken or qv_token by the Qrvey 8.6+ switch', async () => {
    const form = useTokenFormStore()
    form.selectWidget('single-panel')
    form.setWidgetField('qrveyId', ' ds1 ')
    form.setWidgetField('type', 'CHART')
    form.setWidgetField('chartId', 'c1')
    form.setWidgetField('metricId', 'hidden-because-type-is-chart')
    const pane = await generated()
    const switchInput = pane.get(tid('qrvey86-switch'))
    expect((switchInput.element as HTMLInputElement).checked).toBe(true)
    expect(switchInput.attributes('role')).toBe('switch')
    expect(JSON.parse(pane.get(tid('config-output')).text())).toEqual({
      domain: 'http://127.0.0.1:43123',
      qvToken: JWE_TOKEN,
      qrveyId: 'ds1',
      type: 'CHART',
      chartId: 'c1'
    })
    expect(pane.get(tid('config-element')).text()).toBe('<an-panel config="qrveyConfig"></an-panel>')

    await switchInput.setValue(false)
    const older = JSON.parse(pane.get(tid('config-output')).text())
    expect(older.qv_token).toBe(JWE_TOKEN)
    expect(older).not.toHaveProperty('qvToken')
    expect(pane.get(tid('config-token-key')).text()).toBe('qv_token')
  })

  it('copies the token and the configuration, saying "Copied"', async () => {
    const pane = await generated()
    await pane.get(tid('copy-token')).trigger('click')
    await settle()
    expect(writeText).toHaveBeenLastCalledWith(JWE_TOKEN)
    expect(pane.get(tid('copy-token')).text()).toBe('Copied')
    await pane.get(tid('copy-config')).trigger('click')
    await settle()
    expect(JSON.parse(writeText.mock.lastCall![0])).toMatchObject({ qvToken: JWE_TOKEN })
    expect(pane.get(tid('copy-config')).text()).toBe('Copied')
  })

  it('says so when the clipboard refuses', async () => {
    writeText.mockRejectedValueOnce(new Error('denied'))
    const pane = await generated()
    await pane.get(tid('copy-token')).trigger('click')
    await settle()
    expect(pane.get(tid('copy-token')).text()).toBe('Copy failed')
  })

  it('shows a failed request as a sentence, with code and detail on request', async () => {
    fake.tokens.generate.mockResolvedValueOnce({
      ok: false,
      error: { code: 'HTTP_401', message: 'Qrvey refused the API key (HTTP 401).', detail: 'HTTP 401\n{"errors":[{"message":"Unauthorized"}]}' }
    })
    await useEnvironmentsStore().load()
    Object.assign(useTokenFormStore().fields, { userid: 'u1', appid: 'a1' })
    wrapper = mount(ResultPane, { global: { plugins: [pinia] } })
    await useTokenResultStore().generate()
    await settle()
    const alert = wrapper.get(tid('token-error'))
    expect(alert.attributes('role')).toBe('alert')
    expect(alert.get(tid('error-message')).text()).toBe('Qrvey refused the API key (HTTP 401).')
    expect(alert.find(tid('error-detail')).exists()).toBe(false)
    await alert.get(tid('error-details-toggle')).trigger('click')
    expect(alert.get(tid('error-detail')).text()).toBe('HTTP 401\n{"errors":[{"message":"Unauthorized"}]}')
    expect(alert.get(tid('error-code')).text()).toBe('HTTP_401')
    expect(wrapper.find(tid('result-empty')).exists()).toBe(false)
  })
})

describe('error alert', () => {
  it('toggles details, says when there are none, and folds again for a new error', async () => {
    const alert = mount(ErrorAlert, { props: { error: { code: 'TIMEOUT', message: 'Qrvey did not answer in 15 s.' } } })
    const toggle = alert.get(tid('error-details-toggle'))
    expect(toggle.text()).toBe('Show details')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    await toggle.trigger('click')
    expect(toggle.text()).toBe('Hide details')
    expect(toggle.attributes('aria-expanded')).toBe('true')
    expect(alert.get(tid('error-detail')).text()).toBe('No further detail was reported.')
    await alert.setProps({ error: { code: 'DNS_FAILURE', message: 'The domain does not resolve.', detail: 'ENOTFOUND', field: 'domain' } })
    expect(alert.find(tid('error-detail')).exists()).toBe(false)
    await alert.get(tid('error-details-toggle')).trigger('click')
    expect(alert.get(tid('error-field')).text()).toBe('domain')
    await alert.get(tid('error-dismiss')).trigger('click')
    expect(alert.emitted('dismiss')).toHaveLength(1)
  })
})

describe('app', () => {
  it('loads app info and environments on start and shows them in the status bar', async () => {
    wrapper = mount(App, { global: { plugins: [pinia] }, attachTo: document.body })
    await settle()
    expect(fake.app.info).toHaveBeenCalledTimes(1)
    expect(fake.environments.list).toHaveBeenCalledTimes(1)
    expect(wrapper.get(tid('status-version')).text()).toContain('v9.9.9')
    expect(wrapper.get(tid('status-sandbox-url')).text()).toBe('http://127.0.0.1:43123')
    expect(wrapper.get(tid('status-environment')).text()).toBe('Offline sandbox')
    expect(wrapper.findAll(tid('environment-item'))).toHaveLength(1)
    expect(wrapper.get(tid('key-status')).text()).toBe('Key set, ends in demo')
  })

  it('still starts when main cannot be reached', async () => {
    fake.app.info.mockRejectedValueOnce(new Error('no main'))
    fake.environments.list.mockRejectedValueOnce(new Error('no main'))
    wrapper = mount(App, { global: { plugins: [pinia] }, attachTo: document.body })
    await settle()
    expect(wrapper.get(tid('status-version')).text()).toContain('(version unknown)')
    expect(wrapper.get(`${tid('environment-error')} ${tid('error-message')}`).text()).toMatch(/could not reach its main process/)
  })
})
