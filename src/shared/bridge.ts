/**
 * The shape of `window.workbench`: a narrow, domain-shaped API instead of a
 * raw ipcRenderer. The preload and the Chromium test harness build it with the
 * same function, so tests drive exactly the API the app exposes.
 */
import type { Channel, RequestOf, ResponseOf, WorkbenchEventName, WorkbenchEvents } from './ipc-contract'

export const BRIDGE_SHAPE = {
  app: { info: 'app:info' },
  environments: {
    list: 'environments:list',
    create: 'environments:create',
    update: 'environments:update',
    setKey: 'environments:set-key',
    removeKey: 'environments:remove-key',
    remove: 'environments:delete',
    select: 'environments:select'
  },
  tokens: { generate: 'tokens:generate', cancel: 'tokens:cancel' },
  preview: { create: 'preview:create', popOut: 'preview:pop-out' },
  sandbox: { modes: 'sandbox:modes', setModes: 'sandbox:set-modes', resetModes: 'sandbox:reset-modes', expireToken: 'sandbox:expire-token' },
  workspace: {
    info: 'workspace:info',
    reload: 'workspace:reload',
    chooseFolder: 'workspace:choose-folder',
    openFolder: 'workspace:open-folder',
    search: 'workspace:search',
    page: 'workspace:page',
    summaries: 'workspace:summaries',
    get: 'workspace:get',
    save: 'workspace:save',
    rename: 'workspace:rename',
    duplicate: 'workspace:duplicate',
    remove: 'workspace:delete',
    restore: 'workspace:restore',
    exportSetups: 'workspace:export',
    shareText: 'workspace:share-text',
    previewImport: 'workspace:import-preview',
    applyImport: 'workspace:import-apply'
  },
  history: { list: 'history:list', clear: 'history:clear', recordPreview: 'history:record-preview' },
  settings: { get: 'settings:get', update: 'settings:update' },
  code: { exportStarter: 'code:export-starter', starterZip: 'code:starter-zip' },
  drafts: { get: 'drafts:get', put: 'drafts:put', clear: 'drafts:clear' },
  discovery: { list: 'discovery:list', demos: 'demos:list' },
  compare: { start: 'compare:start', values: 'compare:values' },
  personas: {
    list: 'personas:list',
    get: 'personas:get',
    save: 'personas:save',
    rename: 'personas:rename',
    duplicate: 'personas:duplicate',
    remove: 'personas:delete',
    restore: 'personas:restore',
    exportPersonas: 'personas:export',
    shareText: 'personas:share-text',
    demos: 'personas:demos',
    addDemos: 'personas:add-demos'
  },
  doctor: { run: 'doctor:run' },
  support: { bundle: 'support:bundle' }
} as const satisfies Record<string, Record<string, Channel>>

type Shape = typeof BRIDGE_SHAPE

type Method<C extends Channel> = undefined extends RequestOf<C>
  ? (request?: RequestOf<C>) => Promise<ResponseOf<C>>
  : (request: RequestOf<C>) => Promise<ResponseOf<C>>

export type WorkbenchApi = {
  readonly [D in keyof Shape]: { readonly [M in keyof Shape[D]]: Shape[D][M] extends Channel ? Method<Shape[D][M]> : never }
} & {
  /** Listens to an event from main; returns the function that stops listening. */
  readonly on: <E extends WorkbenchEventName>(event: E, callback: (payload: WorkbenchEvents[E]) => void) => () => void
}

/** Subscribes to main's events: how each side (preload, harness) delivers them. */
export type Subscribe = (event: string, callback: (payload: unknown) => void) => () => void

export type Invoke = (channel: Channel, payload: unknown) => Promise<unknown>

/**
 * Builds the API object from the shape. Deliberately self-contained (no
 * references outside its parameters): the test harness injects its source
 * text into the page, so it must not close over module variables.
 */
export function createWorkbenchApi(
  shape: Record<string, Record<string, string>>,
  invoke: (channel: string, payload: unknown) => Promise<unknown>,
  subscribe: (event: string, callback: (payload: unknown) => void) => () => void
): WorkbenchApi {
  const api: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {}
  for (const domain of Object.keys(shape)) {
    const methods: Record<string, (request?: unknown) => Promise<unknown>> = {}
    for (const method of Object.keys(shape[domain])) {
      const channel = shape[domain][method]
      methods[method] = (request?: unknown) => invoke(channel, request)
    }
    api[domain] = Object.freeze(methods)
  }
  const on = (event: string, callback: (payload: unknown) => void) => {
    if (typeof callback !== 'function') throw new TypeError('workbench.on needs a callback function')
    return subscribe(event, callback)
  }
  return Object.freeze({ ...api, on }) as unknown as WorkbenchApi
}
