/**
 * A plain-object WorkbenchApi for renderer tests: the renderer's boundary is
 * window.workbench, so tests swap in this fake with setWorkbench(). It keeps a
 * small environments state and records every call (vi.fn).
 */
import { vi, type Mock } from 'vitest'
import type { WorkbenchApi } from '@shared/bridge'
import type { EnvironmentsState, EnvironmentView } from '@shared/environment'
import type { GenerateTokenResult, TokenBody } from '@shared/token-request'
import { fail, type Result } from '@shared/result'
import { NORMAL_SANDBOX_MODES, type SandboxModes } from '@shared/sandbox-api'
import type { Draft, KeptDraft } from '@shared/draft'
import { lazyComponentsLoaded } from '@renderer/lib/lazy-component'
import type { DemoSetupView, DiscoveryItem, DiscoveryKind, DiscoveryListing, DiscoveryRequest } from '@shared/discovery'
import { createFakeWorkspace } from './fake-workspace'
import { createFakePersonas } from './fake-personas'

export const SANDBOX: EnvironmentView = {
  id: 'sandbox',
  name: 'Offline sandbox',
  kind: 'sandbox',
  domain: 'http://127.0.0.1:43123',
  timeoutMs: 15000,
  createdAt: '2024-01-01T00:00:00.000Z',
  key: { set: true, last4: 'demo' }
}

export function b64url(value: unknown): string {
  return btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
}

/** A JWE-shaped token like Qrvey's (5 parts, readable header, encrypted payload). */
export const JWE_TOKEN = [b64url({ kid: 'k1', alg: 'dir', enc: 'A256GCM' }), '', 'aXY', 'Y2lwaGVy', 'dGFn'].join('.')
export const PREVIEW_ORIGIN = 'http://127.0.0.1:43124'
export const COMPARE_ORIGINS = [1, 2, 3, 4, 5, 6].map((n) => `http://compare-${n}.localhost:43124`)

export const JWS_TOKEN = [b64url({ alg: 'HS256', typ: 'JWT' }), b64url({ sub: 'u1', appid: 'a1' }), 'c2ln'].join('.')

/** What the renderer passes to tokens.generate (the schema's input type). */
export type TokenRequest = Parameters<WorkbenchApi['tokens']['generate']>[0]
export type PreviewRequest = Parameters<WorkbenchApi['preview']['create']>[0]
export type ModesPatch = Parameters<WorkbenchApi['sandbox']['setModes']>[0]

export function tokenResult(request: TokenRequest, token = JWE_TOKEN): GenerateTokenResult {
  return {
    token,
    status: 200,
    durationMs: 42,
    request: {
      method: 'POST',
      url: `${SANDBOX.domain}/devapi/v4/core/login/token`,
      headers: { 'x-api-key': '…demo', 'content-type': 'application/json' },
      body: request.body as TokenBody
    }
  }
}

export const FAKE_CATALOG: Record<DiscoveryKind, DiscoveryItem[]> = {
  apps: [{ id: '59VShVtjM', label: 'Sales Analytics' }, { id: 'ops-demo', label: 'Operations' }],
  pages: [{ id: 'overview', label: 'Overview' }, { id: 'products', label: 'Products' }],
  datasets: [
    {
      id: 'sales-orders',
      label: 'Sales orders',
      securityNames: [
        { name: 'region', type: 'text', values: ['Central', 'East', 'West'] },
        { name: 'category', type: 'text', values: ['Hardware', 'Software'] }
      ]
    }
  ],
  panels: [
    { id: 'revenue-by-region', label: 'Revenue by region', group: 'CHART', datasetId: 'sales-orders' },
    { id: 'total-revenue', label: 'Total revenue', group: 'METRIC', datasetId: 'sales-orders' },
    { id: 'revenue-by-product', label: 'Revenue by product', group: 'SUMMARY', datasetId: 'sales-orders' }
  ]
}

/** Two demos shaped as the sandbox ships them (src/sandbox/data/demo-setups.ts). */
export const FAKE_DEMOS: DemoSetupView[] = [
  {
    id: 'page-view',
    rls: false,
    description: 'The Overview dashboard, all data.',
    setup: { formatVersion: 1, name: 'Demo: Page View – sales overview', environment: 'Offline sandbox', widget: 'page-view', qrvey86OrNewer: true, token: { userid: 'demo-user', appid: '59VShVtjM', expiresIn: '1h' }, widgetFields: { dashboardId: 'overview' } }
  },
  {
    id: 'rls-europe',
    rls: true,
    description: 'Only Europe.',
    setup: {
      formatVersion: 1,
      name: 'Demo: RLS – Europe only',
      environment: 'Offline sandbox',
      widget: 'page-view',
      qrvey86OrNewer: true,
      token: { userid: 'europe-manager', appid: '59VShVtjM', expiresIn: '1h', permissions: [{ dataset_id: 'sales-orders', record_permissions: [{ security_name: 'region', validation_type: 'EQUAL', values: ['Europe'] }] }] },
      widgetFields: { dashboardId: 'overview' }
    }
  }
]

const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value: structuredClone(value) })

export interface FakeWorkbench extends WorkbenchApi {
  state: EnvironmentsState
}

export function createFakeWorkbench(initial?: Partial<EnvironmentsState>) {
  let state: EnvironmentsState = {
    environments: [SANDBOX],
    activeId: 'sandbox',
    vault: { persistent: true, description: 'Keys are encrypted with the OS keychain (test).' },
    ...initial
  }
  let counter = 0
  let previews = 0
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let modes: SandboxModes = { ...NORMAL_SANDBOX_MODES }
  const folder = createFakeWorkspace()
  const personaFolder = createFakePersonas()
  const api = {
    app: {
      info: vi.fn(() =>
        ok({ version: '9.9.9', sandboxUrl: SANDBOX.domain, previewOrigin: PREVIEW_ORIGIN, compareOrigins: COMPARE_ORIGINS, canPopOut: false, canChooseFolder: false, notices: [] as string[] })
      )
    },
    environments: {
      list: vi.fn(() => ok(state)),
      create: vi.fn((input: { name: string; domain: string; apiKey?: string; timeoutMs?: number }) => {
        const env: EnvironmentView = {
          id: `env-${++counter}`,
          name: input.name.trim(),
          kind: 'remote',
          domain: input.domain,
          timeoutMs: input.timeoutMs ?? 15000,
          createdAt: '2024-01-02T00:00:00.000Z',
          key: input.apiKey ? { set: true, last4: input.apiKey.trim().slice(-4) } : { set: false }
        }
        state = { ...state, environments: [...state.environments, env] }
        return ok(state)
      }),
      update: vi.fn((input: { id: string; name?: string; domain?: string; apiKey?: string; timeoutMs?: number }) => {
        // As main does: a key stays with its origin; a new origin keeps a key only if one comes along.
        const { apiKey, ...fields } = input
        const moved = (e: EnvironmentView) => fields.domain !== undefined && new URL(fields.domain).origin !== new URL(e.domain).origin
        state = {
          ...state,
          environments: state.environments.map((e) =>
            e.id === input.id ? { ...e, ...fields, key: apiKey ? { set: true, last4: apiKey.slice(-4) } : moved(e) ? { set: false } : e.key } : e
          )
        }
        return ok(state)
      }),
      setKey: vi.fn((input: { id: string; apiKey: string }) => {
        state = {
          ...state,
          environments: state.environments.map((e) => (e.id === input.id ? { ...e, key: { set: true, last4: input.apiKey.slice(-4) } } : e))
        }
        return ok(state)
      }),
      removeKey: vi.fn((input: { id: string }) => {
        state = { ...state, environments: state.environments.map((e) => (e.id === input.id ? { ...e, key: { set: false } } : e)) }
        return ok(state)
      }),
      remove: vi.fn((input: { id: string }) => {
        state = { ...state, environments: state.environments.filter((e) => e.id !== input.id), activeId: 'sandbox' }
        return ok(state)
      }),
      select: vi.fn((input: { id: string }) => {
        state = { ...state, activeId: input.id }
        return ok(state)
      })
    },
    tokens: {
      generate: vi.fn((request: TokenRequest) => ok(tokenResult(request))),
      cancel: vi.fn((_input: { requestId: string }) => ok({ cancelled: false }))
    },
    preview: {
      create: vi.fn((request: PreviewRequest) => {
        const domain = state.environments.find((e) => e.id === request.environmentId)?.domain ?? SANDBOX.domain
        const config = { domain, [request.qrvey86OrNewer ? 'qvToken' : 'qv_token']: request.token, ...request.fields }
        return ok({
          url: `${PREVIEW_ORIGIN}/preview/p${++previews}`,
          hostPage: `<!doctype html><script>window.qrveyConfig = ${JSON.stringify(config)};</script>`,
          config
        })
      }),
      popOut: vi.fn((_request: { url: string }) =>
        Promise.resolve({ ok: false as const, error: { code: 'UNSUPPORTED' as const, message: 'Pop out needs the desktop app.' } })
      )
    },
    sandbox: {
      modes: vi.fn(() => ok(modes)),
      setModes: vi.fn((patch: ModesPatch) => {
        const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
        modes = { ...modes, ...defined }
        return ok(modes)
      }),
      resetModes: vi.fn(() => {
        modes = { ...NORMAL_SANDBOX_MODES }
        return ok(modes)
      }),
      expireToken: vi.fn((_request: { token: string }) => ok({ expiresAt: new Date().toISOString() }))
    },
    // The pickers' lists: a small fixed catalog, as the sandbox's discovery answers.
    discovery: {
      list: vi.fn((request: DiscoveryRequest) => ok<DiscoveryListing>({ kind: request.kind, from: 'the offline sandbox', items: FAKE_CATALOG[request.kind] })),
      demos: vi.fn(() => ok(FAKE_DEMOS))
    },
    // Test connection and the support bundle run in main; their UI is tested in Chromium (test/e2e/doctor.spec.ts).
    doctor: { run: vi.fn(async () => fail('UNSUPPORTED', 'not in the fake')) },
    support: { bundle: vi.fn(async () => fail('UNSUPPORTED', 'not in the fake')) },
    // The kept draft, in memory as main keeps it in a file.
    drafts: {
      kept: null as KeptDraft | null,
      get: vi.fn(() => ok(api.drafts.kept)),
      put: vi.fn((draft: Draft) => {
        api.drafts.kept = { ...structuredClone(draft), savedAt: '2024-01-03T00:00:00.000Z' }
        return ok(api.drafts.kept)
      }),
      clear: vi.fn(() => {
        api.drafts.kept = null
        return ok({ cleared: true as const })
      })
    },
    // An in-memory workspace folder, history and settings (fake-workspace.ts).
    workspace: folder.api.workspace,
    /** An in-memory personas/ folder (fake-personas.ts); `personaFolder` seeds it. */
    personas: personaFolder.api,
    personaFolder,
    history: folder.api.history,
    settings: folder.api.settings,
    code: {
      exportStarter: vi.fn(async () => fail('UNSUPPORTED', 'Exporting a starter folder needs the desktop app.')),
      starterZip: vi.fn(async () => fail('UNSUPPORTED', 'No zip in the fake.'))
    },
    // Issue 12: the compare view is tested against the real main process (unit/main/compare, e2e), not here.
    compare: {
      start: vi.fn(async () => fail('UNSUPPORTED', 'not in the fake workbench')),
      values: vi.fn(async () => fail('UNSUPPORTED', 'not in the fake workbench'))
    },
    /** Test helpers of the fake folder: seed setups, broken files, history entries. */
    folder,
    on: vi.fn((event: string, callback: (payload: never) => void) => {
      const set = listeners.get(event) ?? new Set()
      set.add(callback as (payload: unknown) => void)
      listeners.set(event, set)
      return () => set.delete(callback as (payload: unknown) => void)
    }),
    /** Test helper: what main's events do (workbench.on listeners run). */
    emit(event: string, payload: unknown) {
      for (const callback of listeners.get(event) ?? []) callback(payload)
    },
    get state() {
      return state
    }
  }
  return api satisfies WorkbenchApi & { state: EnvironmentsState }
}

export type Fake = ReturnType<typeof createFakeWorkbench>

/**
 * Resolves pending promises and Vue updates, including the chunks of
 * components loaded on first render (lib/lazy-component.ts): their imports
 * are awaited, then Vue renders them.
 */
export async function settle(): Promise<void> {
  for (let round = 0; round < 2; round++) {
    await lazyComponentsLoaded()
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0))
  }
}

/**
 * Holds a fake call's next answer until the returned `release()`: main busy with that call. The
 * answer is the fake's own, computed when released (as main would compute it then).
 */
export function holdNextAnswer<F extends (...args: never[]) => unknown>(mock: Mock<F>): () => void {
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  const original = mock.getMockImplementation()!
  mock.mockImplementationOnce((async (...args: Parameters<F>) => {
    await gate
    return original(...args)
  }) as never)
  return release
}
