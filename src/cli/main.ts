/**
 * `qwb`: the workbench from the command line. One module per subcommand in
 * commands/; this file only dispatches and prints help. Output goes through
 * `io` so tests run it in-process as well as through bin/qwb.mjs.
 */
import { codeCommand } from './commands/code'
import { doctorCommand } from './commands/doctor'
import { bundleCommand } from './commands/bundle'
import type { Command, Io } from './command'

export const COMMANDS: readonly Command[] = [codeCommand, doctorCommand, bundleCommand]

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  return `Usage: qwb <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run "qwb <command> --help" for a command's options.
`
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage())
    return name === undefined ? 2 : 0
  }
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
