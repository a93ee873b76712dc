/**
 * `qwb sandbox`: the offline Qrvey sandbox on its own, exactly `npm run
 * sandbox` (same options, same first lines, same exit codes): both call
 * runSandboxCli in src/sandbox/server/cli.ts.
 */
import { runSandboxCli } from '../../sandbox/server/run-cli'
import type { Command } from '../command'
import { ensureWidgetsBuilt } from '../widgets-build'

export const sandboxCommand: Command = {
  name: 'sandbox',
  summary: 'start the offline Qrvey sandbox (same as npm run sandbox)',
  run: (argv, io) => {
    // Help and argument errors need no widgets; anything else serves them.
    if (!argv.some((a) => a === '-h' || a === '--help')) ensureWidgetsBuilt()
    return runSandboxCli(argv, io, { usageName: 'qwb sandbox' })
  }
}
