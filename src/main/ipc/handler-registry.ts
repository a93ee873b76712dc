/**
 * The IPC dispatcher, free of Electron so tests, benchmarks and the Chromium
 * harness drive the very code the app runs. For every call it checks the
 * channel, the sender and the payload (zod) before a handler runs, and turns
 * anything a handler throws into a Result instead of an exception. Every
 * reply passes a last net that removes any API key the app knows, in any
 * encoding, before it can reach the renderer (issue 7).
 */
import { IPC_REQUEST_SCHEMAS, isChannel, type Channel, type IpcResponses, type ParsedRequestOf } from '../../shared/ipc-contract'
import { fail, type Result } from '../../shared/result'
import { issueMessages, placedIssues } from '../../shared/validation-messages'
import type { Logger } from '../logging/logger'
import type { SenderInfo, SenderPolicy } from './sender-policy'

/** Deeper than any request the workbench sends (permissions nest a few levels). */
export const MAX_PAYLOAD_DEPTH = 64
/** Values in one request (a 16 MB import is one string). */
export const MAX_PAYLOAD_NODES = 200_000

/** Too deep or too many values, found without recursion (so without a stack to overflow), or undefined. */
export function payloadShapeProblem(payload: unknown): string | undefined {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: payload, depth: 0 }]
  let nodes = 0
  while (stack.length) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number }
    if (++nodes > MAX_PAYLOAD_NODES) return `The request holds more than ${MAX_PAYLOAD_NODES.toLocaleString('en-US')} values; nothing was changed.`
    if (typeof value !== 'object' || value === null) continue
    if (depth >= MAX_PAYLOAD_DEPTH) return `The request is nested more than ${MAX_PAYLOAD_DEPTH} levels deep (permissions, extra fields?); flatten it. Nothing was changed.`
    for (const child of Object.values(value)) stack.push({ value: child, depth: depth + 1 })
  }
  return undefined
}

export type Handler<C extends Channel> = (request: ParsedRequestOf<C>) => Promise<Result<IpcResponses[C]>> | Result<IpcResponses[C]>

/** Removes secrets from a reply; `removed` says whether there was one. */
export type ReplyScrubber = (reply: Result<unknown>) => { value: Result<unknown>; removed: boolean }

export class HandlerRegistry {
  private readonly handlers = new Map<Channel, Handler<Channel>>()

  constructor(
    private readonly isTrustedSender: SenderPolicy,
    private readonly logger: Logger,
    private readonly scrubReply: ReplyScrubber = (value) => ({ value, removed: false })
  ) {}

  handle<C extends Channel>(channel: C, handler: Handler<C>): void {
    this.handlers.set(channel, handler as unknown as Handler<Channel>)
  }

  channels(): Channel[] {
    return [...this.handlers.keys()]
  }

  /** Never throws and never rejects: whatever the payload, the answer is a Result. */
  async invoke(channel: unknown, payload: unknown, sender: SenderInfo): Promise<Result<unknown>> {
    try {
      const reply = await this.dispatch(channel, payload, sender)
      const { value, removed } = this.scrubReply(reply)
      if (removed) this.logger.log('warn', 'ipc.key-removed-from-reply', { channel: String(channel).slice(0, 80) })
      return value
    } catch (error) {
      this.logger.log('error', 'ipc.invoke-threw', { channel: String(channel).slice(0, 80), message: error instanceof Error ? error.message : String(error) })
      return fail('INTERNAL', 'Something went wrong inside the workbench. The log has the details.')
    }
  }

  private async dispatch(channel: unknown, payload: unknown, sender: SenderInfo): Promise<Result<unknown>> {
    if (!isChannel(channel) || !this.handlers.has(channel)) {
      this.logger.log('warn', 'ipc.unknown-channel', { channel: String(channel).slice(0, 80) })
      return fail('UNKNOWN_CHANNEL', 'The workbench received a request it does not know.')
    }
    if (!this.isTrustedSender(sender)) {
      this.logger.log('warn', 'ipc.forbidden-sender', { channel, url: sender.url.slice(0, 200), mainFrame: sender.isMainFrame })
      return fail('FORBIDDEN_SENDER', 'This request did not come from the workbench window and was refused.')
    }
    // Checked before zod, whose recursive schemas (permissions) would overflow the stack on 1,000 levels.
    const shape = payloadShapeProblem(payload)
    if (shape) return fail('INVALID_INPUT', shape)
    const parsed = IPC_REQUEST_SCHEMAS[channel].safeParse(payload)
    if (!parsed.success) {
      const issue = placedIssues(parsed.error)[0]
      const field = issue.path.map(String).join('.')
      return fail(field === 'domain' ? 'INVALID_URL' : 'INVALID_INPUT', issue.message, {
        field: field || undefined,
        detail: issueMessages(parsed.error).join('\n')
      })
    }
    const handler = this.handlers.get(channel) as Handler<Channel>
    try {
      const result = await handler(parsed.data as never)
      if (!result.ok) this.logger.log('info', 'ipc.failed', { channel, code: result.error.code })
      return result
    } catch (error) {
      this.logger.log('error', 'ipc.handler-threw', { channel, message: error instanceof Error ? error.message : String(error) })
      return fail('INTERNAL', 'Something went wrong inside the workbench. The log has the details.')
    }
  }
}
