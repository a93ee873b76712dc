/**
 * `npm run sandbox -- [--port N] [--api-key KEY] [--latency MS ...]`: the
 * sandbox on its own, for pointing a host app's backend at it without the
 * workbench open.
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

async function main(argv: readonly string[]): Promise<number | undefined> {
  const args = parseSandboxArgs(argv)
  if (args.kind === 'help') {
    process.stdout.write(`${SANDBOX_USAGE}\n`)
    return 0
  }
  if (args.kind === 'error') {
    process.stderr.write(`${args.error}\n\n${SANDBOX_USAGE}\n`)
    return 2
  }

  const apiKey = args.apiKey ?? generateDemoKey()
  let sandbox: SandboxHandle
  try {
    sandbox = await startSandbox({ port: args.port, apiKey, control: new SandboxControl(args.modes) })
  } catch (error) {
    process.stderr.write(`${listenFailure(error, args.port)}\n`)
    return 1
  }

  // The whole key is printed on purpose: it is the sandbox's own throwaway
  // key, and the user needs it to point their backend here.
  const body = JSON.stringify({ userid: 'demo-user', appid: SALES_DEMO_APP_ID, expiresIn: '1h' })
  process.stdout.write(
    [
      `Qrvey sandbox listening on ${sandbox.url}`,
      `API key: ${apiKey}`,
      describeModes(sandbox.control.get()),
      `Try: curl -s -X POST ${sandbox.url}${TOKEN_PATH} -H ${shellQuote(`x-api-key: ${apiKey}`)} -H 'content-type: application/json' -d ${shellQuote(body)}`,
      'Press Ctrl+C to stop.',
      ''
    ].join('\n')
  )

  let stopping = false
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second Ctrl+C means "now".
      process.exit(130)
    }
    stopping = true
    process.stdout.write(`Received ${signal}, closing the sandbox...\n`)
    // Do not let a hung request keep the process alive forever.
    setTimeout(() => {
      process.stderr.write('Open requests did not finish in time; exiting anyway.\n')
      process.exit(1)
    }, SHUTDOWN_GRACE_MS).unref()
    sandbox.close().then(
      () => {
        process.exitCode = 0
      },
      (error: unknown) => {
        process.stderr.write(`Closing the sandbox failed: ${error instanceof Error ? error.message : String(error)}\n`)
        process.exitCode = 1
      }
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  return undefined
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = 1
  }
)
