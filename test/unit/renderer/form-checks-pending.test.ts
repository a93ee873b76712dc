/**
 * The moment between the first screen and its checks (issue 15): the form's
 * checks (zod and the shared schemas) are a chunk fetched as the app starts,
 * so for a few milliseconds the stores have no verdict. In that moment
 * nothing may be sent, saved as something it is not, or counted as modified;
 * once the checks arrive everything is judged as before, and a blank form is
 * still not modified (its baseline is keyed with the same checks).
 *
 * The other renderer tests start with the checks loaded (form-checks-setup.ts);
 * these take fresh copies of the renderer's modules, in which they are not.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createFakeWorkbench } from './fake-workbench'

async function freshApp() {
  vi.resetModules()
  const pinia = await import('pinia')
  const bridge = await import('@renderer/bridge')
  const loader = await import('@renderer/lib/form-checks-loader')
  const { useTokenFormStore } = await import('@renderer/stores/tokenForm')
  const { useSetupsStore } = await import('@renderer/stores/setups')
  const { useEnvironmentsStore } = await import('@renderer/stores/environments')
  pinia.setActivePinia(pinia.createPinia())
  const fake = createFakeWorkbench()
  bridge.setWorkbench(fake)
  return { fake, bridge, loader, useTokenFormStore, useSetupsStore, useEnvironmentsStore }
}

let reset: (() => void) | undefined
afterEach(() => {
  reset?.()
  reset = undefined
})

describe('before the form checks have arrived', () => {
  it('the token form gives no verdict and builds no request; afterwards it is judged as always', async () => {
    const app = await freshApp()
    reset = () => app.bridge.setWorkbench(undefined)
    const form = app.useTokenFormStore()
    expect(app.loader.formChecks.value).toBeUndefined()
    form.fields.userid = ''
    form.fields.appid = 'app-1'
    expect(form.problems).toEqual([app.loader.CHECKING_FORM])
    expect(form.isValid).toBe(false)
    expect(form.buildRequest('sandbox')).toBeUndefined()

    await app.loader.loadFormChecks()
    expect(form.problems).not.toContain(app.loader.CHECKING_FORM)
    expect(form.problems[0]).toMatch(/^userid is required/)
    form.fields.userid = 'user-1'
    expect(form.fieldErrors).toEqual({})
    form.permissionsText = '[{"dataset_id": 5}]'
    expect(form.permissions.errors.length).toBeGreaterThan(0)
  })

  it('a blank form is not modified before or after they arrive, and an edit made before counts once they have', async () => {
    const app = await freshApp()
    reset = () => app.bridge.setWorkbench(undefined)
    await app.useEnvironmentsStore().load()
    const setups = app.useSetupsStore()
    const form = app.useTokenFormStore()
    expect(app.loader.formChecks.value).toBeUndefined()
    expect(setups.modified).toBe(false)

    await app.loader.loadFormChecks()
    expect(setups.modified).toBe(false)

    form.fields.userid = 'someone'
    expect(setups.modified).toBe(true)
    form.fields.userid = ''
    expect(setups.modified).toBe(false)
  })

  it('Save as waits for them instead of refusing the form', async () => {
    const app = await freshApp()
    reset = () => app.bridge.setWorkbench(undefined)
    await app.useEnvironmentsStore().load()
    const setups = app.useSetupsStore()
    const form = app.useTokenFormStore()
    form.fields.userid = 'user-1'
    form.fields.appid = 'app-1'
    expect(app.loader.formChecks.value).toBeUndefined()
    const saved = await setups.saveAs('Kept before the checks')
    expect(saved.ok).toBe(true)
    expect(app.fake.workspace.save).toHaveBeenCalledTimes(1)
  })
})
