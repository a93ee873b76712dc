/**
 * `npm run sandbox -- [options]`: the entry point; the command line itself is
 * run-cli.ts (shared with `qwb sandbox`).
 */
import { runSandboxCli } from './run-cli'

runSandboxCli(process.argv.slice(2), { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) }).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = 1
  }
)
