/**
 * STAND-IN (cli-run): replaced by cli-doctor's src/cli/environment.ts (same API,
 * see /work/notes/13-key-env.md) when that is committed.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SANDBOX_ENVIRONMENT_ID, SANDBOX_ENVIRONMENT_NAME } from '../shared/environment'
import { DEFAULT_TIMEOUT_MS } from '../shared/token-request'
import { generateDemoKey } from '../sandbox/server/demo-key'
import { startSandbox, type SandboxHandle } from '../sandbox/server/server'
import { UsageError } from './command'

export interface CliEnvironmentOptions {
  env: string
  keyEnv?: string
  workspace: string
  dataDir?: string
}

export interface CliEnvironment {
  name: string
  kind: 'sandbox' | 'remote'
  domain: string
  timeoutMs: number
  apiKey: string
  keySource: string
  workspace: string
  sandbox?: SandboxHandle
  close(): Promise<void>
}

export function keyVariableName(name: string): string {
  return `QWB_KEY_${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '')}`
}

interface Entry {
  id: string
  name: string
  kind: string
  domain: string
  timeoutMs?: number
}

export async function resolveCliEnvironment(options: CliEnvironmentOptions, env: NodeJS.ProcessEnv): Promise<CliEnvironment> {
  const file = join(options.workspace, 'environments.json')
  let entries: Entry[] = []
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { environments?: Entry[] }
    entries = Array.isArray(parsed.environments) ? parsed.environments : []
  } catch {
    entries = []
  }
  const wanted = options.env.trim().toLowerCase()
  const isSandbox = wanted === 'sandbox' || wanted === SANDBOX_ENVIRONMENT_NAME.toLowerCase() || wanted === SANDBOX_ENVIRONMENT_ID
  const found = entries.find((e) => e.name.toLowerCase() === wanted || e.id === options.env)
  if (isSandbox || found?.kind === 'sandbox') {
    const apiKey = generateDemoKey()
    const sandbox = await startSandbox({ apiKey, port: 0 })
    return { name: SANDBOX_ENVIRONMENT_NAME, kind: 'sandbox', domain: sandbox.url, timeoutMs: DEFAULT_TIMEOUT_MS, apiKey, keySource: 'the in-process sandbox', workspace: options.workspace, sandbox, close: () => sandbox.close() }
  }
  if (!found) {
    throw new UsageError(`no environment "${options.env}" in ${file} (there: ${[SANDBOX_ENVIRONMENT_NAME, ...entries.map((e) => e.name)].join(', ')}). Add it in the workbench or pass --workspace DIR`)
  }
  const variable = options.keyEnv ?? keyVariableName(found.name)
  const apiKey = env[variable]
  if (!apiKey) throw new UsageError(`no API key for "${found.name}": set ${variable} (or name another variable with --key-env NAME)`)
  return { name: found.name, kind: 'remote', domain: found.domain, timeoutMs: found.timeoutMs ?? DEFAULT_TIMEOUT_MS, apiKey, keySource: variable, workspace: options.workspace, close: async () => {} }
}
