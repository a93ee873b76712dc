/**
 * Main's events (workspace and environment changes) for browser pages: what
 * webContents.send + ipcRenderer.on do in the desktop app, as Server-Sent
 * Events. The hub exists before the server does, so createMainApp can be
 * handed its emit function.
 */
import type { ServerResponse } from 'node:http'
import type { WorkbenchEventName, WorkbenchEvents } from '../../shared/events'
import type { BridgeEventMessage } from '../../shared/http-bridge'

/** Proxies drop idle streams; a comment line every so often keeps them open. */
const KEEP_ALIVE_MS = 20_000

export class EventHub {
  private readonly clients = new Set<ServerResponse>()
  /** Events sent so far (see EVENTS_SENT_HEADER). */
  sent = 0
  private readonly timer = setInterval(() => this.broadcast(': keep-alive\n\n'), KEEP_ALIVE_MS)

  constructor() {
    this.timer.unref()
  }

  readonly emit = <E extends WorkbenchEventName>(event: E, payload: WorkbenchEvents[E]): void => {
    const message: BridgeEventMessage = { event, payload, seq: ++this.sent }
    this.broadcast(`data: ${JSON.stringify(message)}\n\n`)
  }

  attach(res: ServerResponse, extraHeaders: Record<string, string>): void {
    res.writeHead(200, { ...extraHeaders, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' })
    const hello: BridgeEventMessage = { event: '', payload: null, seq: this.sent }
    res.write(`retry: 2000\n\ndata: ${JSON.stringify(hello)}\n\n`)
    this.clients.add(res)
    res.on('close', () => this.clients.delete(res))
  }

  get size(): number {
    return this.clients.size
  }

  close(): void {
    clearInterval(this.timer)
    for (const res of this.clients) res.end()
    this.clients.clear()
  }

  private broadcast(chunk: string): void {
    for (const res of this.clients) res.write(chunk)
  }
}
