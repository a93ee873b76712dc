/**
 * `qwb`: the workbench from the command line. One module per subcommand in
 * commands/; this file only dispatches and prints help. Output goes through
 * `io` so tests run it in-process as well as through bin/qwb.mjs.
 */
import { readFileSync } from 'node:fs'
import { codeCommand } from './commands/code'
import { doctorCommand } from './commands/doctor'
import { bundleCommand } from './commands/bundle'
import { runCommandDefinition } from './commands/run'
import { sandboxCommand } from './commands/sandbox'
import type { Command, Io } from './command'

export const COMMANDS: readonly Command[] = [codeCommand, runCommandDefinition, doctorCommand, bundleCommand, sandboxCommand]

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  return `Usage: qwb <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Options:
  -h, --help     this text ("qwb help <command>" or "qwb <command> --help" for a command's)
  -v, --version  the workbench's version
`
}

/** The workbench's version (package.json): qwb is part of it. */
function version(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined) {
    // No command is a usage error: the usage goes to stderr, exit 2 (as git, npm and docker do).
    io.err(usage())
    return 2
  }
  if (name === '--version' || name === '-v') {
    io.out(`qwb ${version()}\n`)
    return 0
  }
  if (name === '--help' || name === '-h') {
    io.out(usage())
    return 0
  }
  // `qwb help <command>` is `qwb <command> --help`.
  if (name === 'help') return rest.length ? main([rest[0], '--help'], io) : (io.out(usage()), 0)
  const command = COMMANDS.find((c) => c.name === name)
  if (!command) {
    io.err(`qwb: unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}. See "qwb --help".\n`)
    return 2
  }
  try {
    return await command.run(rest, io)
  } catch (error) {
    io.err(`qwb ${name}: ${(error as Error).message}\n`)
    return 1
  }
}
