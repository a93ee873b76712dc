/**
 * The shape of `window.workbench`: a narrow, domain-shaped API instead of a
 * raw ipcRenderer. The preload and the Chromium test harness build it with the
 * same function, so tests drive exactly the API the app exposes.
 */
import type { Channel, RequestOf, ResponseOf } from './ipc-contract'

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
  tokens: { generate: 'tokens:generate' },
  preview: { create: 'preview:create', popOut: 'preview:pop-out' },
  sandbox: { modes: 'sandbox:modes', setModes: 'sandbox:set-modes', resetModes: 'sandbox:reset-modes' }
} as const satisfies Record<string, Record<string, Channel>>

type Shape = typeof BRIDGE_SHAPE

type Method<C extends Channel> = undefined extends RequestOf<C>
  ? (request?: RequestOf<C>) => Promise<ResponseOf<C>>
  : (request: RequestOf<C>) => Promise<ResponseOf<C>>

export type WorkbenchApi = {
  readonly [D in keyof Shape]: { readonly [M in keyof Shape[D]]: Shape[D][M] extends Channel ? Method<Shape[D][M]> : never }
}

export type Invoke = (channel: Channel, payload: unknown) => Promise<unknown>

/**
 * Builds the API object from the shape. Deliberately self-contained (no
 * references outside its parameters): the test harness injects its source
 * text into the page, so it must not close over module variables.
 */
export function createWorkbenchApi(shape: Record<string, Record<string, string>>, invoke: (channel: string, payload: unknown) => Promise<unknown>): WorkbenchApi {
  const api: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {}
  for (const domain of Object.keys(shape)) {
    const methods: Record<string, (request?: unknown) => Promise<unknown>> = {}
    for (const method of Object.keys(shape[domain])) {
      const channel = shape[domain][method]
      methods[method] = (request?: unknown) => invoke(channel, request)
    }
    api[domain] = Object.freeze(methods)
  }
  return Object.freeze(api) as unknown as WorkbenchApi
}
