/** What every `qwb` subcommand is: a name, a one-line summary for `qwb --help`, and a run function. */
export interface Io {
  out(text: string): void
  err(text: string): void
}

export interface Command {
  name: string
  summary: string
  /** Returns the exit code: 0 done, 1 failed, 2 wrong usage. */
  run(argv: readonly string[], io: Io): Promise<number>
}

/** A mistake in how the command was called: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {}
