/**
 * Browser mode's wire format: the same IPC contract as the desktop app,
 * carried over loopback HTTP. One POST per call to `/ipc/<channel>` with the
 * JSON body `{ "payload": … }`, answered with the channel's Result; main's
 * events as Server-Sent Events on `/events`, each `data:` line a JSON
 * `{ "event": name, "payload": … }`. Shared by the server (src/main/browser-mode)
 * and the page's client (src/renderer/src/http-bridge.ts).
 */
export const IPC_PATH_PREFIX = '/ipc/'
export const EVENTS_PATH = '/events'
/** Query parameter of the printed URL that carries the per-launch secret. */
export const LAUNCH_PARAM = 'launch'
/**
 * Every call carries this header. A page on another origin cannot add it
 * without a CORS preflight, which the server never grants.
 */
export const BRIDGE_HEADER = 'x-workbench-bridge'
export const BRIDGE_HEADER_VALUE = '1'
/** `<page id>.<n>`: the server starts a page's calls in this order, as IPC delivers them. */
export const ORDER_HEADER = 'x-workbench-order'

/**
 * On every call's answer: how many events main had sent when it answered.
 * Over IPC, events and answers share one ordered pipe; over HTTP they travel
 * apart, so the page applies those events before the answer (an event
 * emitted before a later call must not land after that call's answer).
 */
export const EVENTS_SENT_HEADER = 'x-workbench-events-sent'

export interface BridgeEventMessage {
  event: string
  payload: unknown
  /** Running number of the event; the stream's first message (event '') gives the count so far. */
  seq: number
}
