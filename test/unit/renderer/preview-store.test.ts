import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { PREVIEW_SOURCE, WORKBENCH_SOURCE, type PreviewReport, type RenewMessage } from '@shared/preview-messages'
import { setWorkbench } from '@renderer/bridge'
import { useAppStore } from '@renderer/stores/app'
import { useEnvironmentsStore } from '@renderer/stores/environments'
import { usePreviewStore } from '@renderer/stores/preview'
import { useTokenFormStore } from '@renderer/stores/tokenForm'
import { useTokenResultStore } from '@renderer/stores/tokenResult'
import { useThemeStore } from '@renderer/stores/theme'
import { LOG_CAP } from '@renderer/lib/preview-log'
import { createFakeWorkbench, JWS_TOKEN, PREVIEW_ORIGIN, SANDBOX, tokenResult, type Fake, settle } from './fake-workbench'

let fake: Fake
let posted: RenewMessage[]
const TOKEN_2 = 'eyJhbGciOiJIUzI1NiJ9.eyJuIjoyfQ.c2ln2'

beforeEach(() => {
  setActivePinia(createPinia())
  fake = createFakeWorkbench()
  setWorkbench(fake)
  posted = []
})

afterEach(() => {
  setWorkbench(undefined)
  vi.restoreAllMocks()
})

function report(kind: PreviewReport['kind'], name: string, message = name, detail?: unknown): PreviewReport {
  return { source: PREVIEW_SOURCE, kind, name, message, time: Date.now(), ...(detail === undefined ? {} : { detail }) }
}

/** A generated token, a connected frame and a started preview. */
async function running(options: { start?: boolean } = {}) {
  await useAppStore().load()
  await useEnvironmentsStore().load()
  const form = useTokenFormStore()
  Object.assign(form.fields, { userid: 'u1', appid: '59VShVtjM' })
  form.setWidgetField('dashboardId', 'd1')
  const tokens = useTokenResultStore()
  await tokens.generate()
  const preview = usePreviewStore()
  preview.connect({ post: (m) => (posted.push(m), true) })
  if (options.start !== false) expect(await preview.start()).toBe(true)
  return { preview, tokens, form }
}

const names = (preview: ReturnType<typeof usePreviewStore>) => preview.log.map((e) => `${e.kind}/${e.name}`)

describe('starting a preview', () => {
  it('waits for a token', async () => {
    await useAppStore().load()
    const preview = usePreviewStore()
    expect(preview.blockedReason).toBe('Generate a token first.')
    expect(await preview.start()).toBe(false)
    expect(fake.preview.create).not.toHaveBeenCalled()
  })

  it('creates the preview from the token, the widget, its fields and the 8.6 switch', async () => {
    const { preview, tokens } = await running()
    expect(fake.preview.create).toHaveBeenCalledWith({
      environmentId: 'sandbox',
      widgetId: 'page-view',
      token: tokens.result?.token,
      fields: { dashboardId: 'd1' },
      qrvey86OrNewer: true
    })
    expect(() => structuredClone(fake.preview.create.mock.calls[0][0])).not.toThrow()
    expect(preview.session).toMatchObject({ url: `${PREVIEW_ORIGIN}/preview/p1`, widgetName: 'Page View', element: 'qrvey-end-user', environmentName: 'Offline sandbox' })
    expect(preview.status).toBe('loading')
    expect(names(preview)).toEqual(['workbench/preview-started'])
  })

  it('shows why it could not start', async () => {
    const { preview } = await running({ start: false })
    fake.preview.create.mockResolvedValueOnce({ ok: false, error: { code: 'NOT_FOUND', message: 'That environment no longer exists.' } })
    expect(await preview.start()).toBe(false)
    expect(preview.startError?.message).toBe('That environment no longer exists.')
    expect(preview.session).toBeNull()
    expect(preview.status).toBe('idle')
    expect(preview.log.at(-1)).toMatchObject({ kind: 'workbench', name: 'preview-failed', level: 'error' })
  })

  it('asks for Preview again when the widget or its fields change', async () => {
    const { preview, form } = await running()
    expect(preview.stale).toBeUndefined()
    form.setWidgetField('dashboardId', 'd2')
    expect(preview.stale).toMatch(/fields changed/)
    form.setWidgetField('dashboardId', 'd1')
    form.selectWidget('single-panel')
    expect(preview.stale).toMatch(/Single Panel.*Page View/)
  })
})

describe('a theme change while a preview runs', () => {
  it('builds the page again for the new theme with one log entry that says so, not a second "preview started"', async () => {
    const { preview } = await running()
    const theme = useThemeStore()
    const dark = !theme.dark
    await theme.set(dark ? 'dark' : 'light')
    await vi.waitFor(() => expect(fake.preview.create).toHaveBeenCalledTimes(2))
    await vi.waitFor(() => expect(preview.session?.dark).toBe(dark))
    // The rebuild's own entry, then (for dark) how the widget is dressed; no second "preview started".
    expect(names(preview).slice(0, 2)).toEqual(['workbench/preview-started', 'workbench/theme-changed'])
    expect(names(preview).filter((n) => n === 'workbench/preview-started')).toHaveLength(1)
    const rebuilt = preview.log.find((e) => e.name === 'theme-changed')
    expect(rebuilt?.message).toMatch(new RegExp(`The workbench is ${dark ? 'dark' : 'light'} now: the preview is built again to match`))
    expect(rebuilt?.detail).toEqual({ url: preview.session?.url })
    expect(preview.stale).toBeUndefined()
  })
})

describe('a theme change and History', () => {
  it('adds no History entry: the rebuilt page is the same preview, recorded once', async () => {
    const { preview } = await running()
    preview.receive(report('event', 'qvDSHItemsLoaded', 'qvDSHItemsLoaded'))
    await vi.waitFor(() => expect(fake.history.recordPreview).toHaveBeenCalledTimes(1))
    const theme = useThemeStore()
    await theme.set(theme.dark ? 'light' : 'dark')
    await vi.waitFor(() => expect(fake.preview.create).toHaveBeenCalledTimes(2))
    await settle()
    preview.receive(report('event', 'qvDSHItemsLoaded', 'qvDSHItemsLoaded'))
    await settle()
    expect(fake.history.recordPreview).toHaveBeenCalledTimes(1)
  })

  it('records a run still loading when the theme changed once, with the rebuilt page\'s first data', async () => {
    const { preview } = await running()
    const theme = useThemeStore()
    await theme.set(theme.dark ? 'light' : 'dark')
    await vi.waitFor(() => expect(fake.preview.create).toHaveBeenCalledTimes(2))
    await settle()
    preview.receive(report('event', 'qvDSHItemsLoaded', 'qvDSHItemsLoaded'))
    await vi.waitFor(() => expect(fake.history.recordPreview).toHaveBeenCalledTimes(1))
    expect(fake.history.recordPreview.mock.calls[0][0]).toMatchObject({ status: 'success', timings: { firstDataMs: expect.any(Number) } })
  })
})

describe('reports from the page', () => {
  it('logs events and lifecycle, with the page time', async () => {
    const { preview } = await running()
    const mounted = { ...report('lifecycle', 'mounted', '<qrvey-end-user> created.'), time: 1234 }
    preview.receive(mounted)
    preview.receive(report('event', 'qvDSHPageLoaded', 'qvDSHPageLoaded', { pageId: 'p' }))
    expect(preview.status).toBe('running')
    expect(preview.log.at(-2)).toMatchObject({ kind: 'lifecycle', name: 'mounted', time: 1234, level: 'info' })
    expect(preview.log.at(-1)).toMatchObject({ kind: 'event', name: 'qvDSHPageLoaded', detail: { pageId: 'p' } })
    expect(preview.problems).toEqual([])
  })

  it('turns a launcher that failed to load into one banner (the undefined element that follows is its consequence)', async () => {
    const { preview } = await running()
    preview.receive(report('script-error', 'script-load-failed', 'Could not load the widget script http://x/app.js.'))
    preview.receive(report('script-error', 'element-undefined', 'The launcher loaded but did not define <qrvey-end-user>.'))
    expect(preview.status).toBe('failed')
    expect(preview.problems.map((p) => p.title)).toEqual(['The widget script did not load'])
    expect(names(preview).slice(-2)).toEqual(['script-error/script-load-failed', 'script-error/element-undefined'])
  })

  it('shows an error the running widget throws later, without calling the preview failed; banners dismiss one by one', async () => {
    const { preview } = await running()
    preview.receive(report('lifecycle', 'mounted'))
    preview.receive(report('page-error', 'unhandled-rejection', 'quota exceeded'))
    preview.receive(report('page-error', 'uncaught-error', 'boom'))
    expect(preview.status).toBe('running')
    expect(preview.problems.map((p) => p.message)).toEqual(['quota exceeded', 'boom'])
    preview.dismissProblem(preview.problems[0].key)
    expect(preview.problems.map((p) => p.message)).toEqual(['boom'])
  })

  it('keeps the log to its cap', async () => {
    const { preview } = await running()
    for (let i = 0; i < LOG_CAP + 10; i++) preview.receive(report('console-error', 'console.error', `line ${i}`))
    expect(preview.log).toHaveLength(LOG_CAP)
    expect(preview.log.at(-1)?.message).toBe(`line ${LOG_CAP + 9}`)
    preview.clearLog()
    expect(preview.log).toEqual([])
  })

  it('ignores reports while no preview runs', async () => {
    const preview = usePreviewStore()
    preview.receive(report('event', 'qvDSHPageLoaded'))
    expect(preview.log).toEqual([])
  })
})

describe('token expiry', () => {
  it('with auto-renew on: requests a token with the same request and posts it to the page', async () => {
    const { preview, tokens } = await running()
    const request = fake.tokens.generate.mock.calls[0][0]
    fake.tokens.generate.mockImplementationOnce((r) => Promise.resolve({ ok: true, value: tokenResult(r, TOKEN_2) }))
    preview.receive(report('event', 'qvTokenExpired', 'qvTokenExpired', { trigger: 'Dashboard View Widget' }))
    await vi.waitFor(() => expect(posted).toHaveLength(1))
    expect(fake.tokens.generate).toHaveBeenCalledTimes(2)
    // The same request under its own id (each request can be cancelled by its id, issue 11).
    const { requestId: firstId, ...sameRequest } = request as typeof request & { requestId?: string }
    const { requestId: renewalId, ...renewal } = fake.tokens.generate.mock.calls[1][0] as typeof request & { requestId?: string }
    expect(renewal).toEqual(sameRequest)
    expect(renewalId).toMatch(/^[0-9a-f-]{36}$/)
    expect(renewalId).not.toBe(firstId)
    // Plain data, as IPC's structured clone needs (a store's reactive proxy would be refused).
    expect(() => structuredClone(fake.tokens.generate.mock.calls[1][0])).not.toThrow()
    expect(posted[0]).toEqual({ source: WORKBENCH_SOURCE, kind: 'renew', token: TOKEN_2 })
    expect(tokens.result?.token).toBe(TOKEN_2)
    expect(preview.session?.token).toBe(TOKEN_2)
    expect(names(preview)).toEqual(['workbench/preview-started', 'event/qvTokenExpired', 'workbench/renewal-requested', 'workbench/renewal-sent'])
    expect(preview.expired).toBeNull()
    preview.receive(report('lifecycle', 'token-renewed', 'New token applied; the widget was re-created.'))
    // Issue 11: the log says whether the widget came back to where the user was.
    expect(names(preview).slice(-2)).toEqual(['lifecycle/token-renewed', 'workbench/state-not-kept'])
  })

  it('after a renewal: says the state was kept when the page re-created the widget on the page it showed', async () => {
    const { preview } = await running()
    preview.receive(report('event', 'qvTokenExpired'))
    await vi.waitFor(() => expect(posted).toHaveLength(1))
    preview.receive(report('lifecycle', 'token-renewed', 'New token applied.', { keptPage: 'products', userFilters: true }))
    expect(preview.log.at(-1)).toMatchObject({ name: 'state-kept', message: expect.stringContaining('dashboardId "products"') })
    expect(preview.log.at(-1)?.message).toContain('userFilters')
  })

  it('one renewal for several qvTokenExpired of the widget being replaced (one History entry per renewal)', async () => {
    const { preview } = await running()
    preview.receive(report('event', 'qvTokenExpired'))
    await vi.waitFor(() => expect(posted).toHaveLength(1))
    // Other panels of the old widget fail too, before the page re-created it.
    preview.receive(report('event', 'qvTokenExpired'))
    preview.receive(report('event', 'qvTokenExpired'))
    await settle()
    expect(fake.tokens.generate).toHaveBeenCalledTimes(2)
    expect(preview.log.filter((e) => e.name === 'token-expired-echo')).toHaveLength(2)
    // Once re-created, an expiry of the new token renews again.
    preview.receive(report('lifecycle', 'token-renewed', 'New token applied.'))
    preview.receive(report('event', 'qvTokenExpired'))
    await vi.waitFor(() => expect(posted).toHaveLength(2))
    expect(fake.tokens.generate).toHaveBeenCalledTimes(3)
  })

  it('with auto-renew on: says why when the renewal fails, and shows the expired state', async () => {
    const { preview, tokens } = await running()
    const before = tokens.result?.token
    fake.tokens.generate.mockResolvedValueOnce({ ok: false, error: { code: 'HTTP_401', message: 'The Qrvey instance refused the API key (HTTP 401).' } })
    preview.receive(report('event', 'qvTokenExpired'))
    await vi.waitFor(() => expect(preview.expired).toMatch(/renewing it failed: The Qrvey instance refused the API key/))
    expect(preview.log.at(-1)).toMatchObject({ kind: 'workbench', name: 'renewal-failed', level: 'error' })
    expect(posted).toEqual([])
    expect(tokens.result?.token).toBe(before)
  })

  it('a renewal the user cancelled is logged as cancelled, not as failed', async () => {
    const { preview, tokens } = await running()
    const before = tokens.result?.token
    fake.tokens.generate.mockResolvedValueOnce({
      ok: false,
      error: { code: 'CANCELLED', message: 'Cancelled: the request to 127.0.0.1 was stopped before it answered; no token was kept.' }
    })
    preview.receive(report('event', 'qvTokenExpired'))
    await vi.waitFor(() => expect(preview.renewing).toBe(false))
    const last = preview.log.at(-1)
    expect(last).toMatchObject({ kind: 'workbench', name: 'renewal-cancelled', level: 'warn' })
    expect(last?.message).toBe('Renewal cancelled: the request to 127.0.0.1 was stopped before it answered; no token was kept.')
    expect(preview.log.some((e) => e.name === 'renewal-failed' || /failed/i.test(e.message))).toBe(false)
    expect(preview.expired).toMatch(/renewal was cancelled/)
    expect(preview.expired).not.toMatch(/failed/)
    expect(posted).toEqual([])
    expect(tokens.result?.token).toBe(before)
  })

  it('with auto-renew off: logs it, shows the expired state, requests nothing', async () => {
    const { preview } = await running()
    preview.setAutoRenew(false)
    preview.receive(report('event', 'qvTokenExpired'))
    expect(preview.log.at(-1)).toMatchObject({ kind: 'workbench', name: 'token-expired', message: 'Token expired; auto-renew is off — generate a new token.' })
    expect(preview.expired).toMatch(/auto-renew is off/)
    expect(fake.tokens.generate).toHaveBeenCalledTimes(1)
  })

  it('stops after 3 renewals within 30 s, says why, and starts again after a new token', async () => {
    let now = new Date(2024, 0, 1, 12, 0, 0).getTime()
    vi.spyOn(Date, 'now').mockImplementation(() => now)
    const { preview, tokens } = await running()
    for (let i = 0; i < 3; i++) {
      preview.receive(report('event', 'qvTokenExpired'))
      await vi.waitFor(() => expect(posted).toHaveLength(i + 1))
      // The page re-creates the widget and says so, as the preview page does.
      preview.receive(report('lifecycle', 'token-renewed', 'New token applied.'))
      now += 5_000
    }
    preview.receive(report('event', 'qvTokenExpired'))
    expect(preview.log.at(-1)).toMatchObject({ name: 'renewal-stopped', level: 'error', message: expect.stringMatching(/^Auto-renew stopped: .*3 renewals within 30 s/) })
    expect(preview.expired).toMatch(/Auto-renew stopped/)
    expect(fake.tokens.generate).toHaveBeenCalledTimes(4)
    // Still stopped on the next expiry.
    preview.receive(report('event', 'qvTokenExpired'))
    expect(fake.tokens.generate).toHaveBeenCalledTimes(4)
    // A token generated by hand clears the stop and is applied.
    fake.tokens.generate.mockImplementationOnce((r) => Promise.resolve({ ok: true, value: tokenResult(r, JWS_TOKEN) }))
    await tokens.generate()
    expect(preview.renewalHalted).toBeNull()
    expect(posted).toHaveLength(4)
    preview.receive(report('event', 'qvTokenExpired'))
    await vi.waitFor(() => expect(posted).toHaveLength(5))
  })

  it('starts one renewal at a time', async () => {
    const { preview } = await running()
    let answer: (value: Awaited<ReturnType<Fake['tokens']['generate']>>) => void = () => {}
    fake.tokens.generate.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)))
    preview.receive(report('event', 'qvTokenExpired'))
    preview.receive(report('event', 'qvTokenExpired'))
    expect(preview.renewing).toBe(true)
    answer({ ok: true, value: tokenResult(fake.tokens.generate.mock.calls[0][0], TOKEN_2) })
    await vi.waitFor(() => expect(preview.renewing).toBe(false))
    expect(fake.tokens.generate).toHaveBeenCalledTimes(2)
    expect(posted).toHaveLength(1)
  })
})

describe('a token generated while the preview runs', () => {
  it('is applied the Qrvey way (posted, widget re-created), not by reloading', async () => {
    const { preview, tokens } = await running()
    const session = preview.session
    fake.tokens.generate.mockImplementationOnce((r) => Promise.resolve({ ok: true, value: tokenResult(r, JWS_TOKEN) }))
    await tokens.generate()
    expect(posted).toEqual([{ source: WORKBENCH_SOURCE, kind: 'renew', token: JWS_TOKEN }])
    expect(preview.session?.url).toBe(session?.url)
    expect(preview.log.at(-1)).toMatchObject({ kind: 'workbench', name: 'token-applied' })
    expect(fake.preview.create).toHaveBeenCalledTimes(1)
  })

  it('is not applied when it comes from another environment', async () => {
    const { preview, tokens } = await running()
    await useEnvironmentsStore().create({ name: 'Acme', domain: 'https://acme.qrveyapp.com', apiKey: 'secret-key-1234' })
    fake.tokens.generate.mockImplementationOnce((r) => Promise.resolve({ ok: true, value: tokenResult(r, JWS_TOKEN) }))
    await tokens.generate()
    expect(posted).toEqual([])
    expect(preview.log.at(-1)).toMatchObject({ name: 'token-not-applied', message: expect.stringMatching(/from Acme.*Offline sandbox.*Preview/) })
  })
})

describe('pop out', () => {
  it('asks main to open the preview URL and logs the answer', async () => {
    const { preview } = await running()
    await preview.popOut()
    expect(fake.preview.popOut).toHaveBeenCalledWith({ url: `${PREVIEW_ORIGIN}/preview/p1` })
    expect(preview.log.at(-1)).toMatchObject({ name: 'pop-out-failed', message: 'Pop out failed: Pop out needs the desktop app.' })
  })
})

it('uses the sandbox domain of the fake for the config', () => {
  expect(SANDBOX.domain).toMatch(/^http:\/\/127\.0\.0\.1/)
})
