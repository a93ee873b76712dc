/**
 * A workspace for `qwb run` tests: environments pointing at real servers on
 * loopback (sandboxes on port 0, a key-echoing server), setup files written
 * as the workbench writes them, and an in-process runner capturing output.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'test-results-parser'
import { runCommand } from '../../src/cli/commands/run'
import { demoSetups } from '../../src/sandbox/data/demo-setups'
import { serializeSetup, type Setup } from '../../src/shared/setup'
import { personaSchema, serializePersona, type PersonaInput } from '../../src/shared/personas/persona'

export interface Captured {
  code: number
  out: string
  err: string
}

/** `dataDir`: a data folder of the test's own, so no key stored on this machine is ever found. */
export async function runQwb(argv: string[], env: NodeJS.ProcessEnv, dataDir: string): Promise<Captured> {
  let out = ''
  let err = ''
  const code = await runCommand(argv, { out: (t) => (out += t), err: (t) => (err += t) }, { CHROMIUM_PATH: process.env.CHROMIUM_PATH, QWB_DATA_DIR: dataDir, ...env })
  return { code, out, err }
}

export function demoSetup(id: string, changes: Partial<Setup> = {}): Setup {
  const demo = demoSetups().find((d) => d.id === id)
  if (!demo) throw new Error(`no demo setup ${id}`)
  return { ...structuredClone(demo.setup), ...changes }
}

export function writeSetup(workspace: string, file: string, setup: Setup | string): string {
  mkdirSync(join(workspace, 'setups'), { recursive: true })
  const path = join(workspace, 'setups', file)
  writeFileSync(path, typeof setup === 'string' ? setup : serializeSetup(setup))
  return path
}

export function writeEnvironments(workspace: string, environments: Array<{ name: string; domain: string }>): void {
  const records = environments.map((e, i) => ({ id: `env-${i}`, name: e.name, kind: 'remote', domain: e.domain, timeoutMs: 15000, createdAt: '2026-11-30T00:00:00.000Z' }))
  writeFileSync(join(workspace, 'environments.json'), JSON.stringify({ environments: records }, null, 2))
}

/** The JUnit file as a JUnit parser (test-results-parser, as CI reporting tools use) reads it. */
export function readJunit(path: string) {
  return parse({ type: 'junit', files: [path] })
}

export function writePersona(workspace: string, file: string, persona: Omit<PersonaInput, 'formatVersion'>): void {
  mkdirSync(join(workspace, 'personas'), { recursive: true })
  writeFileSync(join(workspace, 'personas', file), serializePersona(personaSchema.parse({ formatVersion: 1, ...persona })))
}
