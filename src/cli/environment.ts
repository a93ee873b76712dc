/**
 * Which environment a `qwb` command talks to, and its API key (issue 13,
 * shared by `qwb doctor`, `qwb bundle` and `qwb run`; the rules are in
 * /work/notes/13-key-env.md and the README's CLI section).
 *
 *  - `--env NAME`: an environment of the workspace's environments.json, by
 *    name (case-insensitive) or id; `sandbox` / "Offline sandbox" is the
 *    offline sandbox, which the command starts itself on a free port.
 *  - The key: `--key-env VAR`, else `QWB_KEY_<NAME>` (keyVariableName), else
 *    the key the workbench stored (browser mode's vault: its master key is in
 *    the OS keychain). Never from an argument (it would land in the shell
 *    history), never printed.
 * Bad input (unknown environment, missing key variable) is a UsageError:
 * one line, exit code 2, nothing written.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { SANDBOX_ENVIRONMENT_ID, SANDBOX_ENVIRONMENT_NAME, DEFAULT_TIMEOUT_MS, type EnvironmentRecord } from '../shared/environment'
import { environmentsFileProblem } from '../main/environments/environments-file'
import { defaultDataDir } from '../main/browser-mode/start-browser-mode'
import { openKeychainCipher } from '../main/secrets/keychain-cipher'
import { EncryptedSecretVault } from '../main/secrets/secret-vault'
import { nodeStoreOpener } from '../main/storage/node-store'
import { generateDemoKey } from '../sandbox/server/demo-key'
import { startSandbox } from '../sandbox/server/server'
import { UsageError } from './command'

export interface CliEnvironmentOptions {
  env?: string
  keyEnv?: string
  workspace?: string
  dataDir?: string
}

export interface CliEnvironment {
  name: string
  kind: 'sandbox' | 'remote'
  id: string
  domain: string
  timeoutMs: number
  /** Never printed; pass it to the services only. */
  apiKey: string
  /** Where the key came from, for the output: "QWB_KEY_ACME", "the stored key", "the sandbox's demo key". */
  keySource: string
  workspace: string
  /** Stops what the command started (the sandbox). */
  close(): Promise<void>
}

/** "Acme staging" -> QWB_KEY_ACME_STAGING: upper case, each run of other characters one "_". */
export function keyVariableName(environmentName: string): string {
  const normalised = environmentName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
  return `QWB_KEY_${normalised}`
}

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
  } catch {
    return undefined
  }
}

/** The workspace the workbench uses: --workspace, else the folder in its settings, else <data dir>/workspace. */
export function workspaceFolder(options: CliEnvironmentOptions, env: NodeJS.ProcessEnv): { workspace: string; dataDir: string } {
  const dataDir = resolve(options.dataDir ?? env.QWB_DATA_DIR ?? defaultDataDir())
  if (options.workspace) return { workspace: resolve(options.workspace), dataDir }
  const settings = readJson(join(dataDir, 'settings.json')) as { workspace?: { path?: unknown } } | undefined
  const chosen = settings?.workspace?.path
  return { workspace: typeof chosen === 'string' && chosen ? chosen : join(dataDir, 'workspace'), dataDir }
}

function isSandboxName(name: string): boolean {
  const n = name.trim().toLowerCase()
  return n === SANDBOX_ENVIRONMENT_ID || n === SANDBOX_ENVIRONMENT_NAME.toLowerCase()
}

/** The records of environments.json, or why they cannot be read. */
function environmentsOf(workspace: string): { records: EnvironmentRecord[]; file: string; problem?: string } {
  const file = join(workspace, 'environments.json')
  if (!existsSync(file)) return { records: [], file }
  const tree = readJson(file)
  if (!tree) return { records: [], file, problem: 'it is not valid JSON' }
  const problem = environmentsFileProblem(tree)
  if (problem) return { records: [], file, problem }
  return { records: (tree.environments as EnvironmentRecord[] | undefined) ?? [], file }
}

/** The key the workbench stored for an environment, where this process can decrypt it (browser mode's vault). */
async function storedKey(dataDir: string, record: EnvironmentRecord): Promise<string | undefined> {
  if (!existsSync(join(dataDir, 'secrets.json'))) return undefined
  const keychain = await openKeychainCipher(dataDir, { create: false })
  if (keychain.problem) return undefined
  const entry = new EncryptedSecretVault(keychain.cipher, nodeStoreOpener(dataDir)('secrets')).entry(record.id)
  // A key goes only to the origin it was saved for (issue 7), here as in the workbench.
  if (!entry || (entry.origin !== undefined && entry.origin !== originOf(record.domain))) return undefined
  return entry.secret
}

function originOf(domain: string): string {
  try {
    return new URL(domain).origin
  } catch {
    return domain
  }
}

export async function resolveCliEnvironment(options: CliEnvironmentOptions, env: NodeJS.ProcessEnv = process.env): Promise<CliEnvironment> {
  const wanted = options.env?.trim()
  if (!wanted) throw new UsageError('which environment? Pass --env NAME (an environment of the workbench, or "sandbox" for the offline sandbox)')
  if (options.keyEnv !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.keyEnv)) throw new UsageError(`--key-env takes the NAME of an environment variable (letters, digits, _), not "${options.keyEnv.slice(0, 40)}"`)
  const { workspace, dataDir } = workspaceFolder(options, env)
  const { records, file, problem } = environmentsOf(workspace)
  const record = records.find((r) => r.id === wanted || r.name.toLowerCase() === wanted.toLowerCase())

  if (isSandboxName(wanted) || record?.kind === 'sandbox') {
    // The offline sandbox: this command starts its own, so it never depends on a running workbench.
    const sandbox = await startSandbox({ apiKey: generateDemoKey(), port: 0 })
    return {
      name: SANDBOX_ENVIRONMENT_NAME,
      kind: 'sandbox',
      id: SANDBOX_ENVIRONMENT_ID,
      domain: sandbox.url,
      timeoutMs: record?.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      apiKey: sandbox.apiKey,
      keySource: "the sandbox's demo key",
      workspace,
      close: () => sandbox.close()
    }
  }
  if (!record) {
    if (problem) throw new UsageError(`cannot read the environments of ${file}: ${problem}. Fix the file or pass --workspace DIR`)
    const known = [SANDBOX_ENVIRONMENT_NAME, ...records.filter((r) => r.kind !== 'sandbox').map((r) => r.name)]
    throw new UsageError(`no environment "${wanted}" in ${existsSync(file) ? file : `${workspace} (no environments.json there)`} (known: ${known.join(', ')}). Add it in the workbench or pass --workspace DIR`)
  }
  const variable = options.keyEnv ?? keyVariableName(record.name)
  let apiKey = env[variable]
  let keySource = variable
  if (options.keyEnv !== undefined && !apiKey) throw new UsageError(`the variable ${variable} (--key-env) is not set or empty; set it to the API key of "${record.name}"`)
  if (!apiKey) {
    apiKey = await storedKey(dataDir, record)
    keySource = 'the key stored by the workbench'
  }
  if (!apiKey) throw new UsageError(`no API key for "${record.name}": set ${variable} (or name another variable with --key-env NAME)`)
  return {
    name: record.name,
    kind: 'remote',
    id: record.id,
    domain: record.domain,
    timeoutMs: record.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    apiKey,
    keySource,
    workspace,
    close: async () => {}
  }
}
