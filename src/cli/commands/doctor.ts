/**
 * `qwb doctor --env NAME`: why an embed does not work, step by step (the
 * service in src/main/doctor/, the same the workbench's Test connection
 * runs). Stops at the first failing step and says what to do; --json for tools.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { DoctorReport, DoctorStep } from '../../shared/doctor'
import { parseSetupText, tokenBodyOfSetup } from '../../shared/setup'
import { findWidget } from '../../shared/widget-catalog'
import { createChromiumRenderer } from '../../main/doctor/chromium-renderer'
import { doctorInputFor, runDoctor, type DoctorRequestParts } from '../../main/doctor/doctor'
import { createHttpClient } from '../../main/http/http-client'
import { startPreviewServer } from '../../main/preview/preview-server'
import { UsageError, type Command, type Io } from '../command'
import { resolveCliEnvironment, type CliEnvironment } from '../environment'

const HELP = `Usage: qwb doctor --env <name> [--setup <file>] [--json] [--key-env <VAR>] [--workspace <dir>]

Finds why an embed does not work: checks, in order, the URL shape, DNS, the
TCP connection, the TLS certificate (chain, expiry, host name), the token
endpoint with the key, the launcher scripts (status, content type, CORS),
the token accepted by the data API, and a widget rendered in headless
Chromium. Stops at the first failing step and says what to do.

Options:
  --env <name>        an environment of the workbench (its name), or "sandbox":
                      the offline sandbox, started by this command
  --setup <file>      a saved setup: its token body and widget are used
                      (default: the sandbox's Page View demo; for another
                      environment without --setup, the data API and widget
                      steps are skipped)
  --key-env <VAR>     read the API key from this environment variable
                      (default: QWB_KEY_<NAME>, e.g. QWB_KEY_ACME_STAGING for
                      "Acme staging", else the key the workbench stored)
  --workspace <dir>   the workspace with environments.json (default: the
                      workbench's; --data-dir <dir> or QWB_DATA_DIR for its data folder)
  --json              print the report as JSON
  --help, -h          this text

The key is never taken from an argument and never printed.
Chromium: CHROMIUM_PATH, else chromium-headless-shell, else /usr/bin/chromium (never downloaded).
Exit codes: 0 every step passed (or was skipped), 1 a step failed, 2 wrong usage.

Example: QWB_KEY_ACME_STAGING=... npx qwb doctor --env "Acme staging" --setup setups/acme.json
`

const MARKS: Record<DoctorStep['status'], string> = { pass: 'ok  ', warn: 'warn', fail: 'FAIL', skip: 'skip', 'not-run': '-   ' }

export function formatReport(report: DoctorReport): string {
  const width = Math.max(...report.steps.map((s) => s.title.length))
  const lines = report.steps.map((step) => {
    const head = `  [${MARKS[step.status]}] ${step.title.padEnd(width)}  ${step.status === 'not-run' ? 'not run' : step.verdict}`
    return step.fix && (step.status === 'fail' || step.status === 'warn') ? `${head}\n         ${' '.repeat(width)}  Fix: ${step.fix}` : head
  })
  const failed = report.steps.find((s) => s.status === 'fail')
  const summary = failed
    ? `Failed at "${failed.title}": ${failed.verdict}\nWhat to do: ${failed.fix ?? 'see above.'}`
    : `All checks passed${report.steps.some((s) => s.status === 'warn') ? ' (with warnings)' : ''}${report.steps.some((s) => s.status === 'skip') ? `; skipped: ${report.steps.filter((s) => s.status === 'skip').map((s) => s.title).join(', ')}` : ''}.`
  return `${lines.join('\n')}\n\n${summary}\n`
}

/** The request of a setup file; a file that is not a setup is a usage error (nothing is checked). */
export async function setupParts(file: string | undefined): Promise<DoctorRequestParts & { name?: string }> {
  if (file === undefined) return {}
  const path = resolve(file)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new UsageError(`cannot read the setup ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
  }
  const parsed = parseSetupText(text)
  if (!parsed.ok) throw new UsageError(`${path} is not a setup: ${parsed.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`)
  const setup = parsed.setup
  if (setup.widget && !findWidget(setup.widget)) throw new UsageError(`the setup's widget "${setup.widget}" is not one this version knows`)
  return { name: setup.name, widgetId: setup.widget || 'page-view', body: tokenBodyOfSetup(setup), fields: setup.widgetFields, qrvey86OrNewer: setup.qrvey86OrNewer }
}

/** Runs the doctor from the command line (also used by `qwb bundle`). */
export async function doctorFor(environment: CliEnvironment, parts: DoctorRequestParts, onStep?: (step: DoctorStep) => void): Promise<DoctorReport> {
  const previews = await startPreviewServer({ frameAncestors: "'none'" })
  try {
    const input = doctorInputFor({ name: environment.name, kind: environment.kind, domain: environment.domain, apiKey: environment.apiKey, timeoutMs: environment.timeoutMs }, parts)
    return await runDoctor(input, { http: createHttpClient(), renderer: createChromiumRenderer(previews.publish), pageOrigin: previews.origin }, onStep)
  } finally {
    await previews.close()
  }
}

interface DoctorArgs {
  env?: string
  setup?: string
  json?: boolean
  'key-env'?: string
  workspace?: string
  'data-dir'?: string
  help?: boolean
}

export function parseDoctorArgs(argv: readonly string[], extra: Record<string, { type: 'string' | 'boolean'; short?: string }> = {}): { values: DoctorArgs & Record<string, unknown>; positionals: string[] } {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      env: { type: 'string' },
      setup: { type: 'string' },
      json: { type: 'boolean' },
      'key-env': { type: 'string' },
      workspace: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...extra
    }
  }) as { values: DoctorArgs & Record<string, unknown>; positionals: string[] }
}

async function run(argv: readonly string[], io: Io): Promise<number> {
  let values: DoctorArgs
  let positionals: string[]
  try {
    ;({ values, positionals } = parseDoctorArgs(argv))
  } catch (error) {
    io.err(`qwb doctor: ${(error as Error).message}. See "qwb doctor --help".\n`)
    return 2
  }
  if (values.help) {
    io.out(HELP)
    return 0
  }
  let environment: CliEnvironment
  let parts: DoctorRequestParts
  try {
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (the environment goes after --env)`)
    parts = await setupParts(values.setup)
    environment = await resolveCliEnvironment({ env: values.env, keyEnv: values['key-env'], workspace: values.workspace, dataDir: values['data-dir'] })
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`qwb doctor: ${error.message}. See "qwb doctor --help".\n`)
      return 2
    }
    throw error
  }
  try {
    if (!values.json) io.out(`Checking ${environment.name} (${environment.domain}), key from ${environment.keySource}:\n`)
    const report = await doctorFor(environment, parts)
    io.out(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report))
    return report.ok ? 0 : 1
  } finally {
    await environment.close()
  }
}

export const doctorCommand: Command = { name: 'doctor', summary: 'check an environment step by step and say what to fix', run }
