import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { setWorkbench } from '@renderer/bridge'
import { useEnvironmentsStore } from '@renderer/stores/environments'
import EnvironmentForm from '@renderer/components/EnvironmentForm.vue'
import EnvironmentSidebar from '@renderer/components/EnvironmentSidebar.vue'
import { createFakeWorkbench, settle, SANDBOX, type Fake } from './fake-workbench'

let fake: Fake
let pinia: Pinia
let wrapper: VueWrapper | undefined

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  fake = createFakeWorkbench()
  setWorkbench(fake)
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  setWorkbench(undefined)
})

const ACME = {
  ...SANDBOX,
  id: 'acme',
  name: 'Acme staging',
  kind: 'remote' as const,
  domain: 'https://acme.qrveyapp.com',
  key: { set: true, last4: '1234' }
}

function mountForm() {
  wrapper = mount(EnvironmentForm, { props: { mode: 'create' }, global: { plugins: [pinia] }, attachTo: document.body })
  return wrapper
}

async function mountSidebar() {
  await useEnvironmentsStore().load()
  wrapper = mount(EnvironmentSidebar, { global: { plugins: [pinia] }, attachTo: document.body })
  await settle()
  return wrapper
}

const tid = (id: string) => `[data-testid="${id}"]`

describe('add-environment form', () => {
  it('explains the domain policy as the user types', async () => {
    const form = mountForm()
    const domain = form.get(tid('env-form-domain'))
    await domain.setValue('http://example.com')
    expect(form.get(tid('env-form-domain-error')).text()).toBe(
      'Plain http:// would send the API key unencrypted. Use https://example.com, or http:// only for localhost / 127.0.0.1.'
    )
    expect(domain.attributes('aria-invalid')).toBe('true')

    await domain.setValue('http://127.0.0.1:8080')
    expect(form.find(tid('env-form-domain-error')).exists()).toBe(false)
    expect(form.get(tid('env-form-domain-hint')).text()).toBe('Tokens are requested from http://127.0.0.1:8080/devapi/v4/core/login/token')

    await domain.setValue('acme.qrveyapp.com')
    expect(form.get(tid('env-form-domain-error')).text()).toMatch(/Did you mean https:\/\/acme\.qrveyapp\.com\?/)
  })

  it('labels every input and makes the key write-only', () => {
    const form = mountForm()
    for (const field of ['name', 'domain', 'key', 'timeout']) {
      const input = form.get(tid(`env-form-${field}`))
      expect(form.find(`label[for="${input.attributes('id')}"]`).exists()).toBe(true)
    }
    const key = form.get(tid('env-form-key'))
    expect(key.attributes('type')).toBe('password')
    expect(key.attributes('autocomplete')).toBe('off')
  })

  it('shows what is missing on submit and sends nothing', async () => {
    const form = mountForm()
    await form.get('form').trigger('submit')
    expect(form.get(tid('env-form-name-error')).text()).toMatch(/Give the environment a name/)
    expect(form.get(tid('env-form-domain-error')).text()).toMatch(/Enter the domain URL/)
    expect(fake.environments.create).not.toHaveBeenCalled()
  })

  it('sends the key once, then clears the key field', async () => {
    const form = mountForm()
    await form.get(tid('env-form-name')).setValue('Acme')
    await form.get(tid('env-form-domain')).setValue('https://acme.qrveyapp.com')
    await form.get(tid('env-form-key')).setValue('my-secret-key-1234')
    await form.get(tid('env-form-timeout')).setValue('20000')
    await form.get('form').trigger('submit')
    await settle()
    expect(fake.environments.create).toHaveBeenCalledWith({
      name: 'Acme',
      domain: 'https://acme.qrveyapp.com',
      apiKey: 'my-secret-key-1234',
      timeoutMs: 20000
    })
    expect((form.get(tid('env-form-key')).element as HTMLInputElement).value).toBe('')
    expect(form.emitted('done')).toHaveLength(1)
    expect(JSON.stringify(useEnvironmentsStore().$state)).not.toContain('my-secret-key')
    expect(useEnvironmentsStore().active?.key).toEqual({ set: true, last4: '1234' })
  })

  it("puts main's field error next to that field and keeps everything typed", async () => {
    fake.environments.create.mockResolvedValueOnce({
      ok: false,
      error: { code: 'INVALID_URL', message: 'The domain does not resolve to a Qrvey instance.', field: 'domain' }
    })
    const form = mountForm()
    await form.get(tid('env-form-name')).setValue('Acme')
    await form.get(tid('env-form-domain')).setValue('https://acme.qrveyapp.com')
    await form.get(tid('env-form-key')).setValue('my-secret-key-1234')
    await form.get('form').trigger('submit')
    await settle()
    expect(form.get(tid('env-form-domain-error')).text()).toBe('The domain does not resolve to a Qrvey instance.')
    expect((form.get(tid('env-form-name')).element as HTMLInputElement).value).toBe('Acme')
    expect((form.get(tid('env-form-domain')).element as HTMLInputElement).value).toBe('https://acme.qrveyapp.com')
    expect((form.get(tid('env-form-key')).element as HTMLInputElement).value).toBe('my-secret-key-1234')
    expect(form.emitted('done')).toBeUndefined()

    await form.get(tid('env-form-domain')).setValue('https://acme2.qrveyapp.com')
    expect(form.find(tid('env-form-domain-error')).exists()).toBe(false)
  })

  it('shows an error without a field as an alert in the form', async () => {
    fake.environments.create.mockResolvedValueOnce({ ok: false, error: { code: 'INTERNAL', message: 'Could not save.', detail: 'EACCES' } })
    const form = mountForm()
    await form.get(tid('env-form-name')).setValue('Acme')
    await form.get(tid('env-form-domain')).setValue('https://acme.qrveyapp.com')
    await form.get('form').trigger('submit')
    await settle()
    expect(form.get(`${tid('env-form-error')} ${tid('error-message')}`).text()).toBe('Could not save.')
  })
})

describe('environment sidebar', () => {
  it('lists environments and highlights the active one', async () => {
    fake = createFakeWorkbench({ environments: [SANDBOX, ACME], activeId: 'sandbox' })
    setWorkbench(fake)
    const sidebar = await mountSidebar()
    const items = sidebar.findAll(tid('environment-item'))
    expect(items.map((i) => i.get(tid('environment-item-name')).text())).toEqual(['Offline sandbox', 'Acme staging'])
    expect(items[0].attributes('aria-current')).toBe('true')
    expect(items[1].attributes('aria-current')).toBeUndefined()
    await items[1].trigger('click')
    await settle()
    expect(fake.environments.select).toHaveBeenCalledWith({ id: 'acme' })
    expect(sidebar.findAll(tid('environment-item'))[1].attributes('aria-current')).toBe('true')
    expect(sidebar.findAll(tid('environment-item'))[1].classes()).toContain('active')
  })

  it('shows only the last four characters of a key, with Replace and Remove', async () => {
    fake = createFakeWorkbench({ environments: [SANDBOX, ACME], activeId: 'acme' })
    setWorkbench(fake)
    const sidebar = await mountSidebar()
    expect(sidebar.get(tid('key-status')).text()).toBe('Key set, ends in 1234')
    expect(sidebar.get(tid('key-replace')).text()).toBe('Replace key')

    await sidebar.get(tid('key-replace')).trigger('click')
    const input = sidebar.get(tid('key-input'))
    expect(input.attributes('type')).toBe('password')
    expect(input.attributes('autocomplete')).toBe('off')
    await input.setValue('a-new-secret-9876')
    await sidebar.get(tid('key-save')).trigger('submit')
    await settle()
    expect(fake.environments.setKey).toHaveBeenCalledWith({ id: 'acme', apiKey: 'a-new-secret-9876' })
    expect(sidebar.find(tid('key-input')).exists()).toBe(false)
    expect(sidebar.get(tid('key-status')).text()).toBe('Key set, ends in 9876')
    expect(JSON.stringify(useEnvironmentsStore().$state)).not.toContain('a-new-secret')

    // Opening the editor again starts empty: the key was not kept anywhere.
    await sidebar.get(tid('key-replace')).trigger('click')
    expect((sidebar.get(tid('key-input')).element as HTMLInputElement).value).toBe('')
    await sidebar.get(tid('key-cancel')).trigger('click')

    await sidebar.get(tid('key-remove')).trigger('click')
    await settle()
    expect(fake.environments.removeKey).toHaveBeenCalledWith({ id: 'acme' })
    expect(sidebar.get(tid('key-status')).text()).toBe('No API key set')
    expect(sidebar.find(tid('key-remove')).exists()).toBe(false)
    expect(sidebar.get(tid('key-replace')).text()).toBe('Set key')
  })

  it('refuses a too-short key before sending it, and keeps it on a failed save', async () => {
    fake = createFakeWorkbench({ environments: [SANDBOX, ACME], activeId: 'acme' })
    setWorkbench(fake)
    const sidebar = await mountSidebar()
    await sidebar.get(tid('key-replace')).trigger('click')
    await sidebar.get(tid('key-input')).setValue('short')
    await sidebar.get(tid('key-save')).trigger('submit')
    expect(sidebar.get(tid('key-input-error')).text()).toMatch(/too short/)
    expect(fake.environments.setKey).not.toHaveBeenCalled()

    fake.environments.setKey.mockResolvedValueOnce({ ok: false, error: { code: 'INTERNAL', message: 'The vault is locked.' } })
    await sidebar.get(tid('key-input')).setValue('long-enough-key')
    await sidebar.get(tid('key-save')).trigger('submit')
    await settle()
    expect(sidebar.get(`${tid('key-error')} ${tid('error-message')}`).text()).toBe('The vault is locked.')
    expect((sidebar.get(tid('key-input')).element as HTMLInputElement).value).toBe('long-enough-key')
  })

  it('deletes a remote environment only after confirmation; the sandbox has no Delete', async () => {
    fake = createFakeWorkbench({ environments: [SANDBOX, ACME], activeId: 'acme' })
    setWorkbench(fake)
    const sidebar = await mountSidebar()
    await sidebar.get(tid('env-delete')).trigger('click')
    expect(fake.environments.remove).not.toHaveBeenCalled()
    await sidebar.get(tid('env-delete-cancel')).trigger('click')
    expect(sidebar.find(tid('env-delete-confirm')).exists()).toBe(false)

    await sidebar.get(tid('env-delete')).trigger('click')
    await sidebar.get(tid('env-delete-confirm')).trigger('click')
    await settle()
    expect(fake.environments.remove).toHaveBeenCalledWith({ id: 'acme' })
    expect(sidebar.findAll(tid('environment-item'))).toHaveLength(1)
    expect(sidebar.find(tid('env-delete')).exists()).toBe(false)
    expect(sidebar.find(tid('env-edit')).exists()).toBe(false)
  })

  it('edits name, domain and timeout of a remote environment', async () => {
    fake = createFakeWorkbench({ environments: [SANDBOX, ACME], activeId: 'acme' })
    setWorkbench(fake)
    const sidebar = await mountSidebar()
    await sidebar.get(tid('env-edit')).trigger('click')
    await settle() // the form is a chunk of its own, loaded when first shown
    expect((sidebar.get(tid('env-edit-form-name')).element as HTMLInputElement).value).toBe('Acme staging')
    expect(sidebar.find(tid('env-edit-form-key')).exists()).toBe(false)
    await sidebar.get(tid('env-edit-form-name')).setValue('Acme prod')
    await sidebar.get(tid('env-edit-form-timeout')).setValue('30000')
    await sidebar.get(tid('env-edit-form')).trigger('submit')
    await settle()
    expect(fake.environments.update).toHaveBeenCalledWith({ id: 'acme', name: 'Acme prod', domain: 'https://acme.qrveyapp.com', timeoutMs: 30000 })
    expect(sidebar.find(tid('env-edit-form')).exists()).toBe(false)
    expect(sidebar.findAll(tid('environment-item-name'))[1].text()).toBe('Acme prod')
  })

  it('asks for the key again when an edit moves the domain to another origin (issue 7: keys are bound to their origin)', async () => {
    fake = createFakeWorkbench({ environments: [SANDBOX, ACME], activeId: 'acme' })
    setWorkbench(fake)
    const sidebar = await mountSidebar()
    await sidebar.get(tid('env-edit')).trigger('click')
    await settle() // the form is a chunk of its own, loaded when first shown
    // Same origin, other spelling: no key asked.
    await sidebar.get(tid('env-edit-form-domain')).setValue('https://ACME.qrveyapp.com/')
    expect(sidebar.find(tid('env-edit-form-key')).exists()).toBe(false)
    // Another origin: the key field appears and says why.
    await sidebar.get(tid('env-edit-form-domain')).setValue('https://acme-eu.qrveyapp.com')
    const hint = sidebar.get(tid('env-edit-form-key-rebind')).text()
    expect(hint).toContain('A key is only sent to the domain it was saved for')
    expect(hint).toContain('ending in 1234 stays with https://acme.qrveyapp.com')
    expect(hint).toContain('enter the key for https://acme-eu.qrveyapp.com')
    const key = sidebar.get(tid('env-edit-form-key'))
    expect(key.attributes('type')).toBe('password')
    expect(key.attributes('aria-describedby')).toContain('rebind')
    await key.setValue('new-eu-key-5678')
    await sidebar.get(tid('env-edit-form')).trigger('submit')
    await settle()
    expect(fake.environments.update).toHaveBeenCalledWith({ id: 'acme', name: 'Acme staging', domain: 'https://acme-eu.qrveyapp.com', timeoutMs: 15000, apiKey: 'new-eu-key-5678' })
    expect(sidebar.get(tid('key-status')).text()).toBe('Key set, ends in 5678')
  })

  it('moving the domain without a new key leaves the environment without one, and says so', async () => {
    fake = createFakeWorkbench({ environments: [SANDBOX, ACME], activeId: 'acme' })
    setWorkbench(fake)
    const sidebar = await mountSidebar()
    await sidebar.get(tid('env-edit')).trigger('click')
    await settle() // the form is a chunk of its own, loaded when first shown
    await sidebar.get(tid('env-edit-form-domain')).setValue('https://other.example.com')
    await sidebar.get(tid('env-edit-form')).trigger('submit')
    await settle()
    expect(fake.environments.update).toHaveBeenCalledWith({ id: 'acme', name: 'Acme staging', domain: 'https://other.example.com', timeoutMs: 15000 })
    expect(sidebar.get(tid('key-status')).text()).toBe('No API key set')
  })

  it('says when the stored key belongs to another origin (environments.json changed outside the form)', async () => {
    fake = createFakeWorkbench({ environments: [SANDBOX, { ...ACME, key: { set: false, savedFor: 'https://old.qrveyapp.com' } }], activeId: 'acme' })
    setWorkbench(fake)
    const sidebar = await mountSidebar()
    expect(sidebar.get(tid('key-status')).text()).toBe(
      'The stored key was saved for https://old.qrveyapp.com and is not sent to this domain: set the key for this domain'
    )
    expect(sidebar.get(tid('key-replace')).text()).toBe('Set key')
  })

  it('adds an environment from the sidebar and shows it selected with its key hint', async () => {
    const sidebar = await mountSidebar()
    await sidebar.get(tid('env-add')).trigger('click')
    await settle() // the form is a chunk of its own, loaded when first shown
    await sidebar.get(tid('env-form-name')).setValue('Acme')
    await sidebar.get(tid('env-form-domain')).setValue('https://acme.qrveyapp.com')
    await sidebar.get(tid('env-form-key')).setValue('abcdefgh1234')
    await sidebar.get(tid('env-form-submit')).trigger('submit')
    await settle()
    expect(sidebar.find(tid('env-form')).exists()).toBe(false)
    const items = sidebar.findAll(tid('environment-item'))
    expect(items[1].attributes('aria-current')).toBe('true')
    expect(sidebar.get(tid('key-status')).text()).toBe('Key set, ends in 1234')
  })

  it("shows the vault's description, and a warning when keys last only this run", async () => {
    fake = createFakeWorkbench({ vault: { persistent: false, description: 'No OS keychain: keys stay in memory.' } })
    setWorkbench(fake)
    const sidebar = await mountSidebar()
    expect(sidebar.get(tid('vault-description')).text()).toBe('No OS keychain: keys stay in memory.')
    expect(sidebar.get(tid('vault-warning')).text()).toMatch(/for this run only/)
  })

  it('has no warning when keys are stored', async () => {
    const sidebar = await mountSidebar()
    expect(sidebar.find(tid('vault-warning')).exists()).toBe(false)
  })

  it('shows a failed action as a sentence with details on request', async () => {
    fake.environments.select.mockResolvedValueOnce({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'That environment no longer exists.', detail: 'id=acme' }
    })
    const store = useEnvironmentsStore()
    const sidebar = await mountSidebar()
    await store.select('acme')
    await settle()
    const alert = sidebar.get(tid('environment-error'))
    expect(alert.get(tid('error-message')).text()).toBe('That environment no longer exists.')
    expect(alert.find(tid('error-detail')).exists()).toBe(false)
    await alert.get(tid('error-details-toggle')).trigger('click')
    expect(alert.get(tid('error-detail')).text()).toBe('id=acme')
    expect(alert.get(tid('error-code')).text()).toBe('NOT_FOUND')
    await alert.get(tid('error-dismiss')).trigger('click')
    expect(sidebar.find(tid('environment-error')).exists()).toBe(false)
  })
})

describe('choosing environments quickly (last choice wins)', () => {
  const BETA = { ...ACME, id: 'beta', name: 'Beta', domain: 'https://beta.qrveyapp.com', key: { set: true, last4: '9876' } }

  /** Main answers each call when the test says so; the state is taken when main handles the call, as main does. */
  function deferred<K extends 'select' | 'list'>(name: K) {
    const gates: Array<() => void> = []
    const real = fake.environments[name].getMockImplementation() as (input: never) => Promise<unknown>
    fake.environments[name].mockImplementation(((input: never) => {
      const reply = real(input)
      return new Promise((resolve) => gates.push(() => resolve(reply)))
    }) as never)
    return gates
  }

  /** Answers the newest pending call first (the reply order that showed the earlier choice), until none is left. */
  async function answerNewestFirst(gates: Array<() => void>, ...more: Array<Array<() => void>>) {
    await settle()
    for (let round = 0; round < 20; round++) {
      const all = [gates, ...more].filter((g) => g.length)
      if (!all.length) return
      for (const g of all) (g.pop() as () => void)()
      await settle()
    }
  }

  beforeEach(async () => {
    fake = createFakeWorkbench({ environments: [SANDBOX, ACME, BETA], activeId: 'sandbox' })
    setWorkbench(fake)
    await useEnvironmentsStore().load()
  })

  it('two quick selections end on the second, in the store and in main, whatever order the answers come in', async () => {
    const store = useEnvironmentsStore()
    const gates = deferred('select')
    const first = store.select('acme')
    // The first is on its way to main (two clicks are two events) when the second is chosen.
    await settle()
    expect(fake.environments.select).toHaveBeenCalledTimes(1)
    const second = store.select('beta')
    await answerNewestFirst(gates)
    await Promise.all([first, second])
    expect(store.activeId).toBe('beta')
    expect(store.active?.key).toEqual({ set: true, last4: '9876' })
    expect(fake.environments.select.mock.calls.at(-1)?.[0]).toEqual({ id: 'beta' })
    const state = await fake.environments.list()
    expect(state.ok && state.value.activeId).toBe('beta')
    expect(store.lastError).toBeNull()
  })

  it('three quick selections: the one in between is never sent, and the last wins', async () => {
    const store = useEnvironmentsStore()
    const gates = deferred('select')
    const calls = [store.select('acme')]
    await settle()
    calls.push(store.select('sandbox'), store.select('beta'))
    await answerNewestFirst(gates)
    const results = await Promise.all(calls)
    expect(store.activeId).toBe('beta')
    expect(fake.environments.select.mock.calls.map((c) => c[0].id)).toEqual(['acme', 'beta'])
    // The skipped one says why, without an error in the sidebar.
    expect(results[1]).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    expect(results[2].ok).toBe(true)
    expect(store.lastError).toBeNull()
  })

  it('clicked away and back before main answered: the environment clicked last is the active one', async () => {
    // The sentinel e2e test's other half: the second click compared with the active environment,
    // which was still the one clicked back to, so it was never sent and the first choice stayed.
    const store = useEnvironmentsStore()
    await store.select('beta')
    const sidebar = await mountSidebar()
    const selects = deferred('select')
    await sidebar.get('[data-testid="environment-item"][data-env-id="acme"]').trigger('click')
    await settle()
    await sidebar.get('[data-testid="environment-item"][data-env-id="beta"]').trigger('click')
    await answerNewestFirst(selects)
    expect(fake.environments.select.mock.calls.map((c) => c[0].id)).toEqual(['beta', 'acme', 'beta'])
    expect(store.activeId).toBe('beta')
    expect(sidebar.get('[data-testid="key-status"]').text()).toContain('ends in 9876')
    // Clicking the environment that is already the last choice sends nothing.
    await sidebar.get('[data-testid="environment-item"][data-env-id="beta"]').trigger('click')
    await settle()
    expect(fake.environments.select).toHaveBeenCalledTimes(3)
  })

  it('a list asked while a selection waits its turn, answered last, does not bring the earlier choice back', async () => {
    // The sentinel e2e test's start: two quick clicks, and an environments:changed reload between them.
    const store = useEnvironmentsStore()
    const selects = deferred('select')
    const first = store.select('acme')
    await settle()
    const second = store.select('beta')
    const lists = deferred('list')
    const loading = store.load()
    await settle()
    // Main answers the list now, before it has seen "beta" (still waiting for "acme" to be answered).
    expect(fake.environments.select).toHaveBeenCalledTimes(1)
    selects.shift()!()
    await settle()
    expect(fake.environments.select).toHaveBeenCalledTimes(2)
    selects.shift()!()
    await Promise.all([first, second])
    expect(store.activeId).toBe('beta')
    lists.shift()!()
    await loading
    expect(store.activeId).toBe('beta')
    expect(store.active?.key).toEqual({ set: true, last4: '9876' })
  })

  it('a list answered after a newer selection does not bring the earlier choice back', async () => {
    const store = useEnvironmentsStore()
    const lists = deferred('list')
    const loading = store.load()
    await settle()
    const selects = deferred('select')
    const selecting = store.select('beta')
    await answerNewestFirst(selects, lists)
    await Promise.all([loading, selecting])
    expect(store.activeId).toBe('beta')
  })
})
