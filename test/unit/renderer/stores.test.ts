import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { setWorkbench } from '@renderer/bridge'
import { useEnvironmentsStore } from '@renderer/stores/environments'
import { useTokenFormStore } from '@renderer/stores/tokenForm'
import { useTokenResultStore } from '@renderer/stores/tokenResult'
import { useAppStore } from '@renderer/stores/app'
import { createFakeWorkbench, holdNextAnswer, JWE_TOKEN, type Fake } from './fake-workbench'

let fake: Fake

beforeEach(() => {
  setActivePinia(createPinia())
  fake = createFakeWorkbench()
  setWorkbench(fake)
})

afterEach(() => setWorkbench(undefined))

const PERMISSIONS = '[{"dataset_id": "*", "record_permissions": [{"security_name": "region", "validation_type": "EQUAL", "values": ["North"]}]}]'

describe('useEnvironmentsStore', () => {
  it('loads the state main reports', async () => {
    const store = useEnvironmentsStore()
    await store.load()
    expect(store.loaded).toBe(true)
    expect(store.environments.map((e) => e.name)).toEqual(['Offline sandbox'])
    expect(store.active?.id).toBe('sandbox')
    expect(store.vault?.persistent).toBe(true)
  })

  it('creates an environment, makes it active, and keeps no key', async () => {
    const store = useEnvironmentsStore()
    await store.load()
    const result = await store.create({ name: 'Acme', domain: 'https://acme.qrveyapp.com', apiKey: 'secret-key-1234' })
    expect(result.ok).toBe(true)
    expect(fake.environments.create).toHaveBeenCalledWith({ name: 'Acme', domain: 'https://acme.qrveyapp.com', apiKey: 'secret-key-1234' })
    expect(fake.environments.select).toHaveBeenCalledWith({ id: 'env-1' })
    expect(store.active?.name).toBe('Acme')
    expect(store.active?.key).toEqual({ set: true, last4: '1234' })
    expect(JSON.stringify(store.$state)).not.toContain('secret-key')
  })

  it('reports failures of sidebar actions as lastError, but leaves form errors to the form', async () => {
    const store = useEnvironmentsStore()
    fake.environments.remove.mockResolvedValueOnce({ ok: false, error: { code: 'NOT_FOUND', message: 'That environment no longer exists.' } })
    await store.remove('gone')
    expect(store.lastError?.code).toBe('NOT_FOUND')
    store.clearError()
    fake.environments.create.mockResolvedValueOnce({ ok: false, error: { code: 'INVALID_URL', message: 'Bad domain', field: 'domain' } })
    const result = await store.create({ name: 'x', domain: 'http://example.com' })
    expect(result.ok).toBe(false)
    expect(store.lastError).toBeNull()
  })

  it('turns a rejected bridge call into an INTERNAL error instead of throwing', async () => {
    const store = useEnvironmentsStore()
    fake.environments.list.mockRejectedValueOnce(new Error("Error invoking remote method 'environments:list'"))
    const result = await store.load()
    expect(result.ok).toBe(false)
    expect(store.lastError).toMatchObject({ code: 'INTERNAL', detail: expect.stringContaining('environments:list') })
    expect(store.busy).toBe(false)
  })
})

describe('useTokenFormStore', () => {
  it('keeps field values per widget when switching', () => {
    const form = useTokenFormStore()
    form.selectWidget('single-panel')
    form.setWidgetField('qrveyId', 'ds1')
    form.setWidgetField('type', 'CHART')
    form.selectWidget('page-view')
    form.setWidgetField('dashboardId', 'd1')
    expect(form.currentWidgetValues).toEqual({ dashboardId: 'd1' })
    form.selectWidget('single-panel')
    expect(form.currentWidgetValues).toEqual({ qrveyId: 'ds1', type: 'CHART' })
    expect(form.widgetErrors).toEqual({ chartId: expect.stringMatching(/^Chart id is required for Single Panel/) })
  })

  it('ignores unknown widget ids', () => {
    const form = useTokenFormStore()
    form.selectWidget('nope')
    expect(form.widgetId).toBe('page-view')
  })

  it('lists every problem and builds no request while invalid', () => {
    const form = useTokenFormStore()
    form.fields.expiresIn = '1 hour'
    form.timeoutText = 'soon'
    form.permissionsText = '[{'
    expect(form.isValid).toBe(false)
    expect(form.problems).toEqual([
      expect.stringMatching(/^userid is required/),
      expect.stringMatching(/^appid is required/),
      expect.stringMatching(/^expiresIn must be/),
      expect.stringMatching(/^The timeout must be a whole number/),
      expect.stringMatching(/^Permissions: /)
    ])
    expect(form.buildRequest('sandbox')).toBeUndefined()
  })

  it('assembles the request with version "2" when permissions are set', () => {
    const form = useTokenFormStore()
    Object.assign(form.fields, { userid: 'u1', appid: 'a1', clientid: 'c1' })
    form.permissionsText = PERMISSIONS
    form.extraText = '{"orgId": "o1"}'
    form.timeoutText = '30000'
    expect(form.buildRequest('sandbox')).toEqual({
      environmentId: 'sandbox',
      timeoutMs: 30000,
      body: {
        userid: 'u1',
        appid: 'a1',
        clientid: 'c1',
        expiresIn: '1h',
        version: '2',
        permissions: JSON.parse(PERMISSIONS),
        orgId: 'o1'
      }
    })
  })
})

describe('useTokenResultStore', () => {
  async function ready() {
    await useEnvironmentsStore().load()
    const form = useTokenFormStore()
    Object.assign(form.fields, { userid: 'u1', appid: 'a1' })
    return { form, tokens: useTokenResultStore() }
  }

  it('says why Generate is blocked', async () => {
    const tokens = useTokenResultStore()
    expect(tokens.blockedReason).toBe('Loading environments…')
    await useEnvironmentsStore().load()
    expect(tokens.blockedReason).toMatch(/^userid is required/)
    fake.environments.removeKey({ id: 'sandbox' })
    await useEnvironmentsStore().load()
    expect(tokens.blockedReason).toBe('"Offline sandbox" has no API key: set one in the sidebar.')
  })

  it('generates with the assembled body, shows busy while waiting, and keeps the result', async () => {
    const { form, tokens } = await ready()
    form.permissionsText = PERMISSIONS
    const release = holdNextAnswer(fake.tokens.generate)
    const pending = tokens.generate()
    expect(tokens.busy).toBe(true)
    expect(tokens.blockedReason).toBe('A token request is on its way.')
    release()
    await pending
    expect(tokens.busy).toBe(false)
    expect(fake.tokens.generate).toHaveBeenCalledWith({
      // Each request carries its own id, which Cancel names (issue 11).
      requestId: expect.any(String),
      environmentId: 'sandbox',
      body: { userid: 'u1', appid: 'a1', expiresIn: '1h', version: '2', permissions: JSON.parse(PERMISSIONS) },
      context: { widgetId: 'page-view', widgetFields: {}, qrvey86OrNewer: true }
    })
    expect(tokens.result).toMatchObject({ token: JWE_TOKEN, status: 200, environmentName: 'Offline sandbox', domain: 'http://127.0.0.1:43123' })
    expect(tokens.inspection?.format).toBe('JWE')
    expect(tokens.widgetConfig).toEqual({ domain: 'http://127.0.0.1:43123', qvToken: JWE_TOKEN })
    form.qrvey86 = false
    expect(tokens.widgetConfig).toEqual({ domain: 'http://127.0.0.1:43123', qv_token: JWE_TOKEN })
  })

  it('Generate clicked while another environment is being selected goes to the chosen one', async () => {
    // Seen in CI: the sidebar click's select was still on its way when Generate ran, and the token
    // came from the environment main still reported as active.
    const { tokens } = await ready()
    const environments = useEnvironmentsStore()
    await environments.create({ name: 'Wrong key', domain: 'https://acme.qrveyapp.com', apiKey: 'not-the-demo-key-0000' })
    await environments.select('sandbox')
    expect(environments.active?.id).toBe('sandbox')
    const release = holdNextAnswer(fake.environments.select)
    const selecting = environments.select('env-1')
    expect(environments.isSelecting()).toBe(true)
    const generating = tokens.generate()
    await new Promise((resolve) => setTimeout(resolve, 20))
    // Nothing sent while the choice is on its way.
    expect(fake.tokens.generate).not.toHaveBeenCalled()
    release()
    await selecting
    await generating
    expect(environments.isSelecting()).toBe(false)
    expect(fake.tokens.generate).toHaveBeenCalledTimes(1)
    expect(fake.tokens.generate.mock.calls[0][0]).toMatchObject({ environmentId: 'env-1' })
    expect(tokens.result?.environmentName).toBe('Wrong key')
  })

  it('a second Generate while the first waits for a selection sends nothing more', async () => {
    const { tokens } = await ready()
    const environments = useEnvironmentsStore()
    await environments.create({ name: 'Acme', domain: 'https://acme.qrveyapp.com', apiKey: 'secret-key-1234' })
    const selecting = environments.select('sandbox')
    await Promise.all([tokens.generate(), tokens.generate(), selecting])
    expect(fake.tokens.generate).toHaveBeenCalledTimes(1)
    expect(fake.tokens.generate.mock.calls[0][0]).toMatchObject({ environmentId: 'sandbox' })
  })

  it('does not call main while the form is invalid', async () => {
    const { form, tokens } = await ready()
    form.fields.appid = ''
    await tokens.generate()
    expect(fake.tokens.generate).not.toHaveBeenCalled()
  })

  it('keeps the error and everything typed when generation fails', async () => {
    const { form, tokens } = await ready()
    fake.tokens.generate.mockResolvedValueOnce({
      ok: false,
      error: { code: 'HTTP_401', message: 'Qrvey refused the API key.', detail: 'HTTP 401 {"errors":[]}' }
    })
    await tokens.generate()
    expect(tokens.error?.code).toBe('HTTP_401')
    expect(tokens.result).toBeNull()
    expect(form.fields.userid).toBe('u1')
    expect(form.fields.appid).toBe('a1')
  })
})

describe('useAppStore', () => {
  it('loads version and sandbox URL, or keeps the error', async () => {
    const app = useAppStore()
    await app.load()
    expect(app.info).toMatchObject({ version: '9.9.9', sandboxUrl: 'http://127.0.0.1:43123' })
    fake.app.info.mockResolvedValueOnce({ ok: false, error: { code: 'INTERNAL', message: 'no' } })
    await app.load()
    expect(app.error?.message).toBe('no')
  })
})

describe('bridge adapter', () => {
  it('falls back to window.workbench and explains when it is missing', async () => {
    const { getWorkbench } = await import('@renderer/bridge')
    setWorkbench(undefined)
    expect(() => getWorkbench()).toThrow(/preload/)
    const api = createFakeWorkbench()
    vi.stubGlobal('workbench', api)
    expect(getWorkbench()).toBe(api)
    vi.unstubAllGlobals()
  })
})
