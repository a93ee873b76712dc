/** Issue 11, point 7: smaller things a demanding user notices. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { setWorkbench } from '@renderer/bridge'
import { useAppStore } from '@renderer/stores/app'
import { useEnvironmentsStore } from '@renderer/stores/environments'
import { usePreviewStore } from '@renderer/stores/preview'
import { useSetupsStore } from '@renderer/stores/setups'
import { useTokenFormStore } from '@renderer/stores/tokenForm'
import { useTokenResultStore } from '@renderer/stores/tokenResult'
import { createFakeWorkbench, settle, type Fake } from './fake-workbench'

let fake: Fake
const ACME = { id: 'env-acme', name: 'Acme staging', kind: 'remote' as const, domain: 'https://acme.qrveyapp.com', timeoutMs: 15000, createdAt: '2024-01-01T00:00:00.000Z', key: { set: true, last4: '7781' } }
const FAILURE = { ok: false as const, error: { code: 'HTTP_5XX' as const, message: 'The instance failed (HTTP 502).' } }

beforeEach(async () => {
  setActivePinia(createPinia())
  fake = createFakeWorkbench()
  fake.state.environments.push(ACME)
  setWorkbench(fake)
  await useEnvironmentsStore().load()
  await useAppStore().load()
  Object.assign(useTokenFormStore().fields, { userid: 'u1', appid: 'a1' })
})

afterEach(() => setWorkbench(undefined))

describe('small items', () => {
  it('the last token error goes when another environment is chosen, and on New', async () => {
    const tokens = useTokenResultStore()
    fake.tokens.generate.mockResolvedValueOnce(FAILURE)
    await tokens.generate()
    expect(tokens.error).not.toBeNull()
    await useEnvironmentsStore().select('env-acme')
    await settle()
    expect(tokens.error).toBeNull()
    fake.tokens.generate.mockResolvedValueOnce(FAILURE)
    await tokens.generate()
    expect(tokens.error).not.toBeNull()
    await useSetupsStore().newSetup()
    await settle()
    expect(tokens.error).toBeNull()
  })

  it('"Preview again" stays available after a failed token request while a preview runs', async () => {
    const tokens = useTokenResultStore()
    const preview = usePreviewStore()
    await tokens.generate()
    expect(await preview.start()).toBe(true)
    const running = preview.session!.token
    fake.tokens.generate.mockResolvedValueOnce(FAILURE)
    await tokens.generate()
    expect(tokens.result).toBeNull()
    expect(preview.blockedReason).toBeUndefined()
    expect(await preview.start()).toBe(true)
    expect(fake.preview.create).toHaveBeenLastCalledWith(expect.objectContaining({ token: running }))
  })
})
