/**
 * The first screen's requests to main (issue 15, stores/first-requests.ts):
 * main.ts asks for them in a task before the one that mounts the app, and
 * App.vue asks again as it is set up. Each must reach main once per page
 * (per Pinia), whichever asks first, and a page that only mounts App (these
 * tests, or a build without the early task) must still get them. main.ts
 * mounts once they are answered: the wait settles on the last answer, and on
 * failures too.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { setWorkbench } from '@renderer/bridge'
import { askFirstScreenRequests } from '@renderer/stores/first-requests'
import { useEnvironmentsStore } from '@renderer/stores/environments'
import App from '@renderer/App.vue'
import { createFakeWorkbench, settle, type Fake } from './fake-workbench'

let fake: Fake

beforeEach(() => {
  fake = createFakeWorkbench()
  setWorkbench(fake)
})

afterEach(() => setWorkbench(undefined))

/** What the first screen asks main for on its own, counted per kind. */
const asked = () => ({
  environments: fake.environments.list.mock.calls.length,
  app: fake.app.info.mock.calls.length,
  sandbox: fake.sandbox.modes.mock.calls.length,
  settings: fake.settings.get.mock.calls.length
})

describe('the first screen asks main for its data once, before it is mounted', () => {
  it('asks for the environments, the app, the sandbox modes and the settings, before any component exists', async () => {
    const pinia = createPinia()
    askFirstScreenRequests(pinia)
    expect(asked()).toEqual({ environments: 1, app: 1, sandbox: 1, settings: 1 })
    await settle()
    expect(useEnvironmentsStore(pinia).loaded).toBe(true)
  })

  it('asking again, as App does when it is set up, sends nothing more', async () => {
    const pinia = createPinia()
    askFirstScreenRequests(pinia)
    askFirstScreenRequests(pinia)
    const wrapper = mount(App, { global: { plugins: [pinia] }, attachTo: document.body })
    await settle()
    expect(asked()).toEqual({ environments: 1, app: 1, sandbox: 1, settings: 1 })
    wrapper.unmount()
  })

  it('App mounted alone still asks, once', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    const wrapper = mount(App, { global: { plugins: [pinia] }, attachTo: document.body })
    await settle()
    expect(asked()).toEqual({ environments: 1, app: 1, sandbox: 1, settings: 1 })
    expect(wrapper.find('[data-testid="environment-item"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('settles once every first request is answered (main.ts mounts then), and asking again gives the same wait', async () => {
    const answers: Array<() => void> = []
    // Each answer waits until the test lets it through.
    for (const call of [fake.environments.list, fake.app.info, fake.sandbox.modes, fake.settings.get] as Array<{ getMockImplementation(): unknown; mockImplementationOnce(f: () => unknown): unknown }>) {
      const answer = call.getMockImplementation() as () => Promise<unknown>
      call.mockImplementationOnce(() => new Promise((resolve) => answers.push(() => resolve(answer()))))
    }
    const pinia = createPinia()
    let answered = false
    const wait = askFirstScreenRequests(pinia)
    void wait.then(() => (answered = true))
    expect(askFirstScreenRequests(pinia)).toBe(wait)
    expect(answers).toHaveLength(4)
    for (const release of answers.slice(0, 3)) release()
    await settle()
    expect(answered, 'settled with the settings still unanswered').toBe(false)
    answers[3]()
    await settle()
    expect(answered).toBe(true)
    expect(useEnvironmentsStore(pinia).loaded).toBe(true)
  })

  it("settles when main cannot be reached too: the screen is mounted with each store's error, not held back", async () => {
    fake.environments.list.mockImplementationOnce(() => Promise.reject(new Error('bridge down')))
    fake.settings.get.mockImplementationOnce(() => Promise.reject(new Error('bridge down')))
    const pinia = createPinia()
    await askFirstScreenRequests(pinia)
    expect(useEnvironmentsStore(pinia).lastError?.message).toContain('could not reach its main process')
  })

  it('another page (another Pinia) asks again', () => {
    askFirstScreenRequests(createPinia())
    askFirstScreenRequests(createPinia())
    expect(asked()).toEqual({ environments: 2, app: 2, sandbox: 2, settings: 2 })
  })
})
