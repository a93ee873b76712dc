/**
 * The first screen's second step (issue 15, stores/first-screen.ts): the
 * form's checks (zod), then the sandbox's rehearsal panel, wait until the
 * environments are listed, which is when the token form can be used, so they
 * are not in the way of it. A failed listing must not hold them back.
 *
 * Fresh copies of the renderer's modules, as in form-checks-pending.test.ts:
 * the other renderer tests start with the checks already loaded.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createFakeWorkbench } from './fake-workbench'

async function freshStart(listing: 'held' | 'fails') {
  vi.resetModules()
  const pinia = await import('pinia')
  const bridge = await import('@renderer/bridge')
  const loader = await import('@renderer/lib/form-checks-loader')
  const lazy = await import('@renderer/lib/lazy-component')
  const { useEnvironmentsStore } = await import('@renderer/stores/environments')
  const { useFirstScreenStore } = await import('@renderer/stores/first-screen')
  pinia.setActivePinia(pinia.createPinia())
  const fake = createFakeWorkbench()
  const list = fake.environments.list.getMockImplementation()
  if (!list) throw new Error('the fake has no environments list')
  // The environments' answer waits until the test lets it go.
  let answer: () => void = () => undefined
  const answered = new Promise<void>((resolve) => (answer = resolve))
  fake.environments.list.mockImplementationOnce(async () => {
    await answered
    return listing === 'held' ? list() : { ok: false as const, error: { code: 'INTERNAL' as const, message: 'main is gone' } }
  })
  bridge.setWorkbench(fake)
  return { bridge, loader, lazy, answer, environments: useEnvironmentsStore(), firstScreen: useFirstScreenStore() }
}

const someTasks = async () => {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 5))
}

let reset: (() => void) | undefined
afterEach(() => {
  reset?.()
  reset = undefined
})

describe('the first screen in two steps', () => {
  it('evaluates the form checks and shows the second step only once the environments are listed', async () => {
    const start = await freshStart('held')
    reset = () => start.bridge.setWorkbench(undefined)
    const loading = start.environments.load()
    await someTasks()
    expect(start.environments.loaded).toBe(false)
    expect(start.loader.formChecks.value).toBeUndefined()
    expect(start.firstScreen.shown).toBe(false)

    start.answer()
    await loading
    expect(start.environments.loaded).toBe(true)
    // Not in the task that listed them: that one makes the form usable.
    expect(start.loader.formChecks.value).toBeUndefined()
    expect(start.firstScreen.shown).toBe(false)
    await start.lazy.lazyComponentsLoaded()
    expect(start.loader.formChecks.value).toBeDefined()
    expect(start.firstScreen.shown).toBe(true)
  })

  it('a failed listing does not hold the second step back', async () => {
    const start = await freshStart('fails')
    reset = () => start.bridge.setWorkbench(undefined)
    const loading = start.environments.load()
    await someTasks()
    expect(start.firstScreen.shown).toBe(false)
    start.answer()
    await loading
    expect(start.environments.lastError?.message).toBe('main is gone')
    await start.lazy.lazyComponentsLoaded()
    expect(start.loader.formChecks.value).toBeDefined()
    expect(start.firstScreen.shown).toBe(true)
  })
})
