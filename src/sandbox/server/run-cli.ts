/**
 * The sandbox's command line, shared by `npm run sandbox -- [--port N]
 * [--api-key KEY] [--latency MS ...]` (cli.ts) and `qwb sandbox`: the sandbox
 * on its own, for pointing a host app's backend at it without the workbench
 * open.
 *
 * The first two lines of output are a contract (tests and scripts read them):
 *   Qrvey sandbox listening on http://127.0.0.1:PORT
 *   API key: KEY
 * The third shows the rehearsal modes ("Modes: normal" when none is on).
 */
import { parseSandboxArgs, SANDBOX_USAGE } from './cli-args'
import { describeModes, SandboxControl } from './control'
import { SALES_DEMO_APP_ID } from '../data'
import { generateDemoKey } from './demo-key'
import { TOKEN_PATH } from './routes/token-route'
import { startSandbox, type SandboxHandle } from './server'

/** How long a shutdown may wait for open requests before the process gives up on them. */
const SHUTDOWN_GRACE_MS = 5_000

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`
}

function listenFailure(error: unknown, port: number): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'EADDRINUSE') return `Port ${port} is already in use; pick another with --port or omit it for a free one`
  if (code === 'EACCES') return `Not allowed to listen on port ${port}; pick a port above 1023 with --port or omit it for a free one`
  return `The sandbox could not start: ${error instanceof Error ? error.message : String(error)}`
}

/** Where the CLI writes: process.stdout/stderr for `npm run sandbox`, the `qwb` io for `qwb sandbox`. */
export interface SandboxCliIo {
  out(text: string): void
  err(text: string): void
}

export interface SandboxCliOptions {
  /** How the usage line names the command ("npm run sandbox --", "qwb sandbox"). */
  usageName?: string
  /** Signals to stop on; tests pass their own emitter. Default: this process. */
  signals?: Pick<NodeJS.EventEmitter, 'on' | 'off'>
  /** Called with the running sandbox (tests read its URL from here instead of parsing output). */
  onListening?: (sandbox: SandboxHandle) => void
}

/**
 * Runs the sandbox until SIGINT/SIGTERM; resolves with the exit code (0 after
 * a clean stop, 1 when it could not start or close, 2 for bad arguments).
 */
export async function runSandboxCli(argv: readonly string[], io: SandboxCliIo, options: SandboxCliOptions = {}): Promise<number> {
  const usage = options.usageName ? SANDBOX_USAGE.replace('npm run sandbox --', options.usageName) : SANDBOX_USAGE
  const args = parseSandboxArgs(argv)
  if (args.kind === 'help') {
    io.out(`${usage}\n`)
    return 0
  }
  if (args.kind === 'error') {
    io.err(`${args.error}\n\n${usage}\n`)
    return 2
  }

  const apiKey = args.apiKey ?? generateDemoKey()
  let sandbox: SandboxHandle
  try {
    sandbox = await startSandbox({ port: args.port, apiKey, control: new SandboxControl(args.modes) })
  } catch (error) {
    io.err(`${listenFailure(error, args.port)}\n`)
    return 1
  }

  // The whole key is printed on purpose: it is the sandbox's own throwaway
  // key, and the user needs it to point their backend here.
  const body = JSON.stringify({ userid: 'demo-user', appid: SALES_DEMO_APP_ID, expiresIn: '1h' })
  io.out(
    [
      `Qrvey sandbox listening on ${sandbox.url}`,
      `API key: ${apiKey}`,
      describeModes(sandbox.control.get()),
      `Try: curl -s -X POST ${sandbox.url}${TOKEN_PATH} -H ${shellQuote(`x-api-key: ${apiKey}`)} -H 'content-type: application/json' -d ${shellQuote(body)}`,
      'Press Ctrl+C to stop.',
      ''
    ].join('\n')
  )
  options.onListening?.(sandbox)

  const signals = options.signals ?? process
  return new Promise<number>((resolveExit) => {
    let stopping = false
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) {
        // A second Ctrl+C means "now".
        process.exit(130)
      }
      stopping = true
      io.out(`Received ${signal}, closing the sandbox...\n`)
      // Do not let a hung request keep the process alive forever.
      setTimeout(() => {
        io.err('Open requests did not finish in time; exiting anyway.\n')
        process.exit(1)
      }, SHUTDOWN_GRACE_MS).unref()
      sandbox.close().then(
        () => finish(0),
        (error: unknown) => {
          io.err(`Closing the sandbox failed: ${error instanceof Error ? error.message : String(error)}\n`)
          finish(1)
        }
      )
    }
    const finish = (code: number): void => {
      signals.off('SIGINT', stop)
      signals.off('SIGTERM', stop)
      resolveExit(code)
    }
    signals.on('SIGINT', stop)
    signals.on('SIGTERM', stop)
  })
}
