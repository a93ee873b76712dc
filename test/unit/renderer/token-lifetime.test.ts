/**
 * Issue 11, point 4: the token's expiry and a live countdown in the Result
 * pane; exact / from exp / estimate; JWS times as dates; fast-forward; a
 * warning before previewing an expired token.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { TokenLifetime } from '@shared/token-lifetime'
import { setWorkbench } from '@renderer/bridge'
import { useAppStore } from '@renderer/stores/app'
import { useEnvironmentsStore } from '@renderer/stores/environments'
import { usePreviewStore } from '@renderer/stores/preview'
import { useTokenFormStore } from '@renderer/stores/tokenForm'
import { useTokenResultStore } from '@renderer/stores/tokenResult'
import OutputPanel from '@renderer/components/OutputPanel.vue'
import ResultPane from '@renderer/components/ResultPane.vue'
import { b64url, createFakeWorkbench, JWE_TOKEN, settle, tokenResult, type Fake } from './fake-workbench'

let fake: Fake
let pinia: Pinia
let wrapper: VueWrapper | undefined
const tid = (id: string) => `[data-testid="${id}"]`

beforeEach(async () => {
  pinia = createPinia()
  setActivePinia(pinia)
  fake = createFakeWorkbench()
  setWorkbench(fake)
  await useEnvironmentsStore().load()
  Object.assign(useTokenFormStore().fields, { userid: 'u1', appid: 'a1', expiresIn: '10m' })
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  vi.useRealTimers()
  setWorkbench(undefined)
})

async function generate(token = JWE_TOKEN, lifetime?: TokenLifetime) {
  fake.tokens.generate.mockImplementationOnce((request) => Promise.resolve({ ok: true, value: { ...tokenResult(request, token), ...(lifetime ? { lifetime } : {}) } }))
  await useTokenResultStore().generate()
  await settle()
}

describe('token lifetime in the result pane', () => {
  it('shows the exact expiry of a sandbox token with a countdown that ticks, and offers fast-forward', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'Date'] })
    vi.setSystemTime(new Date('2024-05-01T10:00:00Z'))
    wrapper = mount(ResultPane, { global: { plugins: [pinia] }, attachTo: document.body })
    await generate(JWE_TOKEN, { source: 'sandbox', issuedAt: '2024-05-01T10:00:00.000Z', expiresAt: '2024-05-01T10:15:00.000Z', note: 'Exact: the offline sandbox issued this token.' })
    expect(wrapper.get(tid('token-countdown')).text()).toBe('in 15:00')
    expect(wrapper.get(tid('token-lifetime-source')).text()).toBe('exact')
    vi.advanceTimersByTime(62_000)
    await settle()
    expect(wrapper.get(tid('token-countdown')).text()).toBe('in 13:58')

    await wrapper.get(tid('token-fast-forward')).trigger('click')
    await settle()
    expect(fake.sandbox.expireToken).toHaveBeenCalledWith({ token: JWE_TOKEN })
    expect(wrapper.get(tid('token-expires-at')).text()).not.toBe('')
    expect(wrapper.get(tid('token-countdown')).text()).toMatch(/^expired /)
    expect(wrapper.get(tid('token-lifetime-note')).text()).toContain('Fast-forwarded')
    expect(wrapper.find(tid('token-fast-forward')).exists()).toBe(false)
  })

  it('marks an encrypted token\'s expiry as an estimate from expiresIn, and offers no fast-forward', async () => {
    wrapper = mount(ResultPane, { global: { plugins: [pinia] }, attachTo: document.body })
    await generate()
    expect(wrapper.get(tid('token-lifetime-source')).text()).toBe('estimate')
    expect(wrapper.get(tid('token-countdown')).text()).toMatch(/^in (9:5\d|10:00)$/)
    expect(wrapper.get(tid('token-lifetime-note')).text()).toContain('expiresIn "10m"')
    expect(wrapper.find(tid('token-fast-forward')).exists()).toBe(false)
  })

  it('shows a JWS\'s iat and exp as dates, and takes the expiry from exp', async () => {
    const exp = Math.floor(Date.now() / 1000) + 3600
    const jws = [b64url({ alg: 'HS256' }), b64url({ sub: 'u1', iat: exp - 3600, exp }), 'c2ln'].join('.')
    wrapper = mount(ResultPane, { global: { plugins: [pinia] }, attachTo: document.body })
    await generate(jws)
    expect(wrapper.get(tid('token-lifetime-source')).text()).toBe('from exp')
    const shown = wrapper.get(tid('token-claim-time-exp')).text()
    expect(shown).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \(UTC[+-]\d{2}:\d{2}\)/)
    expect(shown).toContain(`(${exp})`)
    expect(wrapper.find(tid('token-claim-time-iat')).exists()).toBe(true)
  })
})

describe('previewing an expired token', () => {
  it('warns first: Preview anyway starts it, Cancel does not', async () => {
    await useAppStore().load()
    wrapper = mount(OutputPanel, { global: { plugins: [pinia] }, attachTo: document.body })
    const past = new Date(Date.now() - 5_000).toISOString()
    await generate(JWE_TOKEN, { source: 'sandbox', issuedAt: past, expiresAt: past, note: 'Exact.' })
    await wrapper.get(tid('preview-button')).trigger('click')
    await settle()
    expect(wrapper.get(tid('preview-expired-warning')).text()).toContain('The token has expired')
    expect(fake.preview.create).not.toHaveBeenCalled()
    await wrapper.get(tid('preview-expired-cancel')).trigger('click')
    expect(wrapper.find(tid('preview-expired-warning')).exists()).toBe(false)

    await wrapper.get(tid('preview-button')).trigger('click')
    await settle()
    await wrapper.get(tid('preview-anyway')).trigger('click')
    await settle()
    expect(fake.preview.create).toHaveBeenCalledTimes(1)
    expect(usePreviewStore().session).not.toBeNull()
  })
})
