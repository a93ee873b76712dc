/**
 * Browser mode's side of the bridge: `window.workbench` built with the same
 * createWorkbenchApi as the desktop preload, carried over HTTP to the server
 * that served this page (src/main/browser-mode). Calls are same-origin POSTs
 * (the session cookie travels with them; the page never sees it) and main's
 * events arrive on an EventSource. Every call resolves to a Result, also when
 * the server is gone, so stores handle it like any other failure.
 */
import { BRIDGE_SHAPE, createWorkbenchApi, type WorkbenchApi } from '@shared/bridge'
import { WORKBENCH_EVENT_NAMES } from '@shared/events'
import { BRIDGE_HEADER, BRIDGE_HEADER_VALUE, EVENTS_PATH, EVENTS_SENT_HEADER, IPC_PATH_PREFIX, ORDER_HEADER, type BridgeEventMessage } from '@shared/http-bridge'
import type { Result } from '@shared/result'

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean'
}

/** This page's calls are numbered so the server starts them in order, as IPC would (see call-order.ts). */
const pageId = crypto.randomUUID()
let nextCall = 0
/** Longest an answer waits for the events sent before it (a stream that dropped must not stall the page). */
const EVENT_WAIT_MS = 500

export function createHttpWorkbench(): WorkbenchApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let source: EventSource | undefined
  /** Running number of the last event applied; undefined until the stream has said hello. */
  let applied: number | undefined
  const waiters = new Set<() => void>()

  function connect(): void {
    if (source) return
    source = new EventSource(EVENTS_PATH)
    source.onmessage = (message: MessageEvent<string>) => {
      let parsed: BridgeEventMessage
      try {
        parsed = JSON.parse(message.data) as BridgeEventMessage
      } catch {
        return
      }
      if (parsed.event) listeners.get(parsed.event)?.forEach((callback) => callback(parsed.payload))
      applied = parsed.seq
      waiters.forEach((check) => check())
    }
    // A new connection starts again from its hello message.
    source.onerror = () => (applied = undefined)
  }

  /** Resolves once the events main sent before this answer have been applied. */
  function eventsUpTo(sent: number): Promise<void> {
    if (applied === undefined || applied >= sent) return Promise.resolve()
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        waiters.delete(check)
        resolve()
      }
      const check = () => {
        if (applied === undefined || applied >= sent) done()
      }
      const timer = setTimeout(done, EVENT_WAIT_MS)
      waiters.add(check)
    })
  }

  async function invoke(channel: string, payload: unknown): Promise<unknown> {
    const order = `${pageId}.${nextCall++}`
    let response: Response
    try {
      response = await fetch(`${IPC_PATH_PREFIX}${encodeURIComponent(channel)}`, {
        method: 'POST',
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { 'Content-Type': 'application/json', [BRIDGE_HEADER]: BRIDGE_HEADER_VALUE, [ORDER_HEADER]: order },
        body: JSON.stringify({ payload })
      })
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: 'The workbench server does not answer. Start it again (npm start) and reload this page.' } }
    }
    const body: unknown = await response.json().catch(() => undefined)
    const sent = Number(response.headers.get(EVENTS_SENT_HEADER))
    if (Number.isFinite(sent)) await eventsUpTo(sent)
    if (isResult(body)) return body
    return { ok: false, error: { code: 'INTERNAL', message: `The workbench server answered ${response.status} without a result. Reload this page.` } }
  }

  function subscribe(event: string, callback: (payload: unknown) => void): () => void {
    if (!(WORKBENCH_EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`Unknown workbench event "${event}"`)
    connect()
    const set = listeners.get(event) ?? new Set()
    set.add(callback)
    listeners.set(event, set)
    return () => set.delete(callback)
  }

  return createWorkbenchApi(BRIDGE_SHAPE, invoke, subscribe)
}
