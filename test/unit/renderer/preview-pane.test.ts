import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { PREVIEW_SOURCE, WORKBENCH_SOURCE, type PreviewReport } from '@shared/preview-messages'
import { setWorkbench } from '@renderer/bridge'
import { useAppStore } from '@renderer/stores/app'
import { useEnvironmentsStore } from '@renderer/stores/environments'
import { usePreviewStore } from '@renderer/stores/preview'
import { useTokenFormStore } from '@renderer/stores/tokenForm'
import { useTokenResultStore } from '@renderer/stores/tokenResult'
import OutputPanel from '@renderer/components/OutputPanel.vue'
import EventLog from '@renderer/components/EventLog.vue'
import type { LogEntry } from '@renderer/lib/preview-log'
import { createFakeWorkbench, PREVIEW_ORIGIN, settle, type Fake } from './fake-workbench'

let fake: Fake
let pinia: Pinia
let wrapper: VueWrapper | undefined
const writeText = vi.fn((_text: string) => Promise.resolve())

beforeEach(() => {
  // happy-dom loads no iframe pages (and logs "Iframe page loading is disabled"): the preview URL points at no server here.
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
  vi.restoreAllMocks()
})

const tid = (id: string) => `[data-testid="${id}"]`

function report(kind: PreviewReport['kind'], name: string, message = name): PreviewReport {
  return { source: PREVIEW_SOURCE, kind, name, message, time: Date.now() }
}

async function mounted(options: { token?: boolean } = {}) {
  await useAppStore().load()
  await useEnvironmentsStore().load()
  if (options.token !== false) {
    Object.assign(useTokenFormStore().fields, { userid: 'u1', appid: 'a1' })
    await useTokenResultStore().generate()
  }
  wrapper = mount(OutputPanel, { global: { plugins: [pinia] }, attachTo: document.body })
  await settle()
  return wrapper
}

/** The frame's window: happy-dom loads no iframe page, so the test gives the frame one to talk to. */
function frameWindow(frame: HTMLIFrameElement) {
  const win = { postMessage: vi.fn((_message: unknown, _origin: string) => {}) }
  Object.defineProperty(frame, 'contentWindow', { value: win, configurable: true })
  return win
}

async function previewing() {
  const w = await mounted()
  await w.get(tid('preview-button')).trigger('click')
  await settle()
  const frame = w.get(tid('preview-frame')).element as HTMLIFrameElement
  return { w, frame, win: frameWindow(frame) }
}

function post(data: unknown, origin: string, source: unknown) {
  window.dispatchEvent(new MessageEvent('message', { data, origin, source: source as MessageEventSource }))
}

describe('Preview button', () => {
  it('is disabled, with the reason, until a token exists', async () => {
    const w = await mounted({ token: false })
    expect(w.get(tid('preview-button')).attributes('disabled')).toBeDefined()
    expect(w.get(tid('preview-reason')).text()).toBe('Generate a token first.')
    expect(w.get(tid('preview-button')).attributes('aria-describedby')).toBe(w.get(tid('preview-reason')).attributes('id'))
  })

  it('starts the preview in the Preview tab: an isolated, titled iframe on the preview origin', async () => {
    const { w, frame } = await previewing()
    expect(fake.preview.create).toHaveBeenCalledTimes(1)
    expect(w.get(tid('tab-preview')).attributes('aria-selected')).toBe('true')
    expect(frame.getAttribute('src')).toBe(`${PREVIEW_ORIGIN}/preview/p1`)
    expect(frame.getAttribute('sandbox')).toBe('allow-scripts allow-same-origin allow-downloads allow-forms allow-popups')
    expect(frame.getAttribute('referrerpolicy')).toBe('no-referrer')
    expect(frame.getAttribute('title')).toBe('Preview of Page View (Offline sandbox)')
    expect(w.get(tid('preview-button')).text()).toBe('Preview again')
  })

  it('shows the configuration and the host page, and copies the host page', async () => {
    const { w } = await previewing()
    const hostPage = usePreviewStore().session?.hostPage ?? ''
    expect(JSON.parse(w.get(tid('preview-config')).text())).toMatchObject({ domain: expect.any(String), qvToken: expect.any(String) })
    expect(w.get(tid('preview-host-page')).text()).toBe(hostPage)
    await w.get(tid('copy-host-page')).trigger('click')
    expect(writeText).toHaveBeenCalledWith(hostPage)
  })

  it('offers Pop out only where the app can open windows', async () => {
    const { w } = await previewing()
    expect(w.find(tid('pop-out')).exists()).toBe(false)
    wrapper?.unmount()
    setActivePinia((pinia = createPinia()))
    fake.app.info.mockResolvedValueOnce({ ok: true, value: { version: '1', sandboxUrl: 'x', previewOrigin: PREVIEW_ORIGIN, compareOrigins: [], canPopOut: true, canChooseFolder: true, notices: [] } })
    const again = await previewing()
    await again.w.get(tid('pop-out')).trigger('click')
    expect(fake.preview.popOut).toHaveBeenCalledWith({ url: `${PREVIEW_ORIGIN}/preview/p2` })
  })
})

describe('reports from the preview page', () => {
  it('logs only messages from the preview origin and the preview frame', async () => {
    const { w, frame } = await previewing()
    post(report('lifecycle', 'mounted', '<qrvey-end-user> created.'), PREVIEW_ORIGIN, frame.contentWindow)
    post(report('event', 'qvDSHPageLoaded'), 'http://evil.test', frame.contentWindow)
    post(report('event', 'qvDSHItemsLoaded'), PREVIEW_ORIGIN, { postMessage() {} })
    post({ kind: 'event', name: 'qvDSHPageLoaded' }, PREVIEW_ORIGIN, frame.contentWindow)
    post(report('event', 'qvDSHPageLoaded'), PREVIEW_ORIGIN, frame.contentWindow)
    await settle()
    const entries = w.findAll(tid('event-log-entry')).map((e) => `${e.attributes('data-kind')}/${e.attributes('data-name')}`)
    expect(entries).toEqual(['workbench/preview-started', 'lifecycle/mounted', 'event/qvDSHPageLoaded'])
    expect(w.get(tid('preview-status')).text()).toBe('Running')
  })

  it('shows a script problem in plain words above the frame', async () => {
    const { w, frame } = await previewing()
    post(report('script-error', 'script-load-failed', 'Could not load the widget script http://127.0.0.1:9/widgets-launcher/app.js. Check the domain.'), PREVIEW_ORIGIN, frame.contentWindow)
    await settle()
    expect(w.get(tid('preview-problem')).attributes('role')).toBe('alert')
    expect(w.get(tid('preview-problem')).text()).toContain('The widget script did not load')
    expect(w.get(tid('preview-problem-message')).text()).toContain('127.0.0.1:9/widgets-launcher/app.js')
    expect(w.get(tid('preview-status')).text()).toBe('Failed')
  })

  it('posts a renewed token to the frame, for the preview origin only', async () => {
    const { frame, win } = await previewing()
    post(report('event', 'qvTokenExpired'), PREVIEW_ORIGIN, frame.contentWindow)
    await vi.waitFor(() => expect(win.postMessage).toHaveBeenCalledTimes(1))
    expect(win.postMessage).toHaveBeenCalledWith({ source: WORKBENCH_SOURCE, kind: 'renew', token: expect.any(String) }, PREVIEW_ORIGIN)
  })

  it('shows the expired state with auto-renew off, and generates a new token from there', async () => {
    const { w, frame, win } = await previewing()
    const toggle = w.get(tid('auto-renew'))
    expect((toggle.element as HTMLInputElement).checked).toBe(true)
    await toggle.setValue(false)
    expect(usePreviewStore().autoRenew).toBe(false)
    post(report('event', 'qvTokenExpired'), PREVIEW_ORIGIN, frame.contentWindow)
    await settle()
    expect(w.get(tid('preview-expired')).text()).toMatch(/auto-renew is off/)
    expect(w.findAll(tid('event-log-entry')).at(-1)?.text()).toContain('Token expired; auto-renew is off — generate a new token.')
    fake.tokens.generate.mockImplementationOnce((r) =>
      Promise.resolve({ ok: true, value: { token: 'eyJhbGciOiJIUzI1NiJ9.e30.bmV3', status: 200, durationMs: 1, request: { method: 'POST' as const, url: 'http://127.0.0.1:43123/t', headers: {}, body: r.body as never } } })
    )
    await w.get(tid('preview-generate')).trigger('click')
    await settle()
    expect(win.postMessage).toHaveBeenCalledWith({ source: WORKBENCH_SOURCE, kind: 'renew', token: 'eyJhbGciOiJIUzI1NiJ9.e30.bmV3' }, PREVIEW_ORIGIN)
    expect(w.find(tid('preview-expired')).exists()).toBe(false)
  })

  it('stops listening when unmounted', async () => {
    const { w, frame } = await previewing()
    const source = frame.contentWindow
    w.unmount()
    wrapper = undefined
    post(report('event', 'qvDSHPageLoaded'), PREVIEW_ORIGIN, source)
    expect(usePreviewStore().log.map((e) => e.name)).toEqual(['preview-started'])
  })
})

describe('EventLog', () => {
  const entries: LogEntry[] = [
    { id: 1, time: new Date(2024, 0, 1, 9, 5, 7, 42).getTime(), kind: 'event', name: 'qvDSHPageLoaded', message: 'qvDSHPageLoaded', detail: { pageId: 'p1' }, level: 'info' },
    { id: 2, time: new Date(2024, 0, 1, 9, 5, 8, 0).getTime(), kind: 'network-error', name: 'http-500', message: 'GET /x answered 500', level: 'error' },
    { id: 3, time: new Date(2024, 0, 1, 9, 5, 9, 0).getTime(), kind: 'workbench', name: 'renewal-requested', message: 'Token expired: requesting a new one', level: 'info' }
  ]

  it('shows time, kind, name, message and detail; filters; clears', async () => {
    const w = mount(EventLog, { props: { entries, cap: 500 } })
    const rows = w.findAll(tid('event-log-entry'))
    expect(rows.map((r) => [r.attributes('data-kind'), r.attributes('data-name')])).toEqual([
      ['event', 'qvDSHPageLoaded'],
      ['network-error', 'http-500'],
      ['workbench', 'renewal-requested']
    ])
    expect(rows[0].get('time').text()).toBe('09:05:07.042')
    expect(rows[0].get('.kind-badge').text()).toBe('event')
    expect(rows[0].get('pre').text()).toContain('"pageId": "p1"')
    expect(rows[1].classes()).toContain('level-error')
    expect(w.get(tid('event-log-count')).text()).toContain('3 entries · 1 error')
    await w.get(tid('event-log-filter')).setValue('problems')
    expect(w.findAll(tid('event-log-entry')).map((r) => r.attributes('data-name'))).toEqual(['http-500'])
    await w.get(tid('event-log-clear')).trigger('click')
    expect(w.emitted('clear')).toHaveLength(1)
    w.unmount()
  })
})
