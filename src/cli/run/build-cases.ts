/**
 * The cases of a run: each setup with its own token body, then one case per
 * persona the setup lists (issue 12's personas: the body from
 * tokenForPersona, the expectations checked with evaluateExpectations, the
 * values read from the sandbox's data API with readSandboxValues: the same
 * functions as the compare view). Persona files are read from the
 * workspace's personas/ folder before anything runs: a missing or malformed
 * one is bad input (exit 2).
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createHttpClient } from '../../main/http/http-client'
import { readSandboxValues } from '../../main/compare/sandbox-values'
import { observationOfReading } from '../../shared/personas/compare'
import { describeExpectation, evaluateExpectations } from '../../shared/personas/evaluate-expectations'
import type { Expectation, PersonaObservation } from '../../shared/personas/expectations'
import { parsePersonaText, type Persona } from '../../shared/personas/persona'
import { findPersonaByName, tokenForPersona } from '../../shared/personas/token-for-persona'
import { isLoopbackHost } from '../../shared/url-policy'
import { UsageError } from '../command'
import type { CliEnvironment } from '../environment'
import type { SetupEntry } from './collect-setups'
import type { CheckResult } from './results'
import type { CaseObservation, RunCase } from './run-setups'

export interface BuildOptions {
  workspace: string
  /** An expectation the environment cannot answer is skipped instead of failed. */
  allowUnknown: boolean
  /** Cuts a server's text to a length for a message, keys removed first (Scrubber.head). */
  shorten?: (text: string, length: number) => string
}

const PERSONAS_FOLDER = 'personas'

interface PersonaFiles {
  personas: Persona[]
  /** Files that are not valid personas, with the reason (reported only when a persona is looked for). */
  broken: Array<{ file: string; message: string }>
  folder: string
}

async function readPersonas(workspace: string): Promise<PersonaFiles> {
  const folder = join(workspace, PERSONAS_FOLDER)
  const names = await readdir(folder).catch(() => [] as string[])
  const personas: Persona[] = []
  const broken: PersonaFiles['broken'] = []
  for (const name of names.filter((n) => n.toLowerCase().endsWith('.json') && !n.startsWith('.')).sort()) {
    const file = join(folder, name)
    const parsed = parsePersonaText(await readFile(file, 'utf8').catch(() => ''))
    if (parsed.ok) personas.push(parsed.persona)
    else broken.push({ file, message: parsed.message })
  }
  return { personas, broken, folder }
}

/**
 * The offline sandbox on this machine: the in-process one, or one on a
 * loopback address (`qwb sandbox`, `npm run sandbox`, the workbench's).
 * Values (rows, totals, visible values, pages) are only read there, and its
 * widgets' warnings fail the render check. A real Qrvey instance is never
 * asked the sandbox's data paths; there, value expectations are `unknown`.
 */
export function isLocalSandbox(environment: CliEnvironment): boolean {
  if (environment.kind === 'sandbox') return true
  try {
    return isLoopbackHost(new URL(environment.domain).hostname)
  } catch {
    return false
  }
}

function expectationChecks(expectations: readonly Expectation[], observation: PersonaObservation, allowUnknown: boolean, valuesNote: string | undefined): CheckResult[] {
  return evaluateExpectations(expectations, observation).map((r) => {
    const name = `expect: ${describeExpectation(r.expectation)}`
    if (r.verdict === 'met') return { name, verdict: 'passed', message: r.detail }
    if (r.verdict === 'failed') return { name, verdict: 'failed', message: r.detail }
    const why = `cannot be checked here: ${r.detail}${valuesNote ? ` (${valuesNote})` : ''}`
    return { name, verdict: allowUnknown ? 'skipped' : 'failed', message: allowUnknown ? why : `${why}; pass --allow-unknown to skip such expectations` }
  })
}

function personaCheck(expectations: readonly Expectation[], environment: CliEnvironment, allowUnknown: boolean, shorten: BuildOptions['shorten']) {
  const http = createHttpClient({ timeoutMs: environment.timeoutMs })
  return async (seen: CaseObservation): Promise<CheckResult[]> => {
    const observation: PersonaObservation = { rendered: seen.rendered, events: seen.events, errors: seen.errors }
    let note: string | undefined = isLocalSandbox(environment) ? undefined : 'values are only readable in the offline sandbox'
    if (seen.token && !note) {
      const values = await readSandboxValues(http, new URL(environment.domain).origin, seen.token, shorten)
      if (values.ok) Object.assign(observation, observationOfReading(values.reading))
      else note = values.error
    }
    if (!seen.token) note = 'no token was obtained'
    return expectationChecks(expectations, observation, allowUnknown, note)
  }
}

export async function buildCases(entries: readonly SetupEntry[], environmentOf: (entry: SetupEntry) => CliEnvironment, options: BuildOptions): Promise<RunCase[]> {
  const needed = entries.some((e) => (e.setup.personas ?? []).length > 0)
  const files = needed ? await readPersonas(options.workspace) : undefined
  const cases: RunCase[] = []
  for (const entry of entries) {
    const environment = environmentOf(entry)
    cases.push({ entry, environment })
    for (const listed of entry.setup.personas ?? []) {
      const persona = files ? findPersonaByName(files.personas, listed.persona) : undefined
      if (!persona || !files) {
        const broken = files?.broken.length ? `; not valid: ${files.broken.map((b) => `${b.file} (${b.message.replace(/\.$/, '')})`).join(', ')}` : ''
        const known = files?.personas.length ? ` (there: ${files.personas.map((p) => p.name).join(', ')})` : ''
        throw new UsageError(`${entry.path} lists persona "${listed.persona}", which is not in ${files?.folder ?? join(options.workspace, PERSONAS_FOLDER)}${known}${broken}`)
      }
      cases.push({
        entry,
        environment,
        persona: { name: persona.name, body: tokenForPersona(entry.setup, persona), check: personaCheck(listed.expect, environment, options.allowUnknown, options.shorten) }
      })
    }
  }
  return cases
}
