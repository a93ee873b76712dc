/**
 * `qwb run <setups or folders...>`: saved setups as checks for CI. For each
 * setup (and each persona with expectations) a token is requested, the widget
 * rendered in headless Chromium and checked; exit 0 when every check passed,
 * 1 when one failed, 2 for bad input (nothing run, nothing written).
 */
import { stat } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { writeFileAtomic } from '../../main/workspace/atomic-write'
import { SANDBOX_ENVIRONMENT_ID, SANDBOX_ENVIRONMENT_NAME } from '../../shared/environment'
import { UsageError, type Command, type Io } from '../command'
import { resolveCliEnvironment, type CliEnvironment } from '../environment'
import { ChromiumUnavailableError, chromiumPath, launchChromium } from '../../main/headless/chromium'
import { collectSetups, workspaceOfArgument, workspaceOfSetupFile, type SetupEntry } from '../run/collect-setups'
import { buildCases } from '../run/build-cases'
import { junitReport } from '../run/reporters/junit'
import { jsonReport } from '../run/reporters/json'
import { prettyReport, prettyTail } from '../run/reporters/pretty'
import { caseFailed, summaryLine, type RunResult } from '../run/results'
import { runCases } from '../run/run-setups'
import { Scrubber } from '../run/scrubbed-io'
import { ensureWidgetsBuilt } from '../widgets-build'

const REPORTERS = ['pretty', 'junit', 'json'] as const
type Reporter = (typeof REPORTERS)[number]
const DEFAULT_TIMEOUT_S = 30

export const RUN_HELP = `Usage: qwb run <setup file | folder | setup name>... [options]

Runs saved setups as checks: for each setup (and each persona it lists with
expectations) requests a token, renders the widget in headless Chromium and
checks that the token was obtained, the widget rendered (qvDSHItemsLoaded or
the widget's loaded state), no console errors or failed requests, the
expected events, and the persona's expectations.

A folder means every *.json setup in it (a workspace folder: its setups/).

Options:
  --env <name>           run every setup against this environment (default: each
                         setup's own). "sandbox" = the offline sandbox, started
                         in-process on a free port (no key needed)
  --key-env <NAME>       read the API key from the variable NAME
                         (default: QWB_KEY_<ENV>, the environment's name upper-cased,
                         other characters as _: "Acme staging" -> QWB_KEY_ACME_STAGING)
  --reporter <kind>      pretty (default), junit or json
  --out <file>           write the report there (default: standard output)
  --workspace <dir>      the workspace (environments.json, personas/); default: the
                         one the first setup file is in
  --data-dir <dir>       the workbench's data folder (for stored keys)
  --timeout <seconds>    per widget, default ${DEFAULT_TIMEOUT_S}
  --allow-unknown        an expectation the environment cannot answer is skipped,
                         not failed (values are only readable in the sandbox)
  -h, --help             this text

API keys never come from an argument and are never printed (the output is
scrubbed of them in every encoding). Chromium: CHROMIUM_PATH, else chromium-headless-shell, else /usr/bin/chromium.

Exit codes: 0 every check passed, 1 a check failed, 2 bad input (nothing run).

Examples:
  qwb run ~/qrvey-workspace --env sandbox
  QWB_KEY_ACME_STAGING=... qwb run setups/ --env "Acme staging" --reporter junit --out qwb.xml
`

interface Values {
  env?: string
  'key-env'?: string
  reporter?: string
  out?: string
  workspace?: string
  'data-dir'?: string
  timeout?: string
  'allow-unknown'?: boolean
  help?: boolean
}

function parse(argv: readonly string[]): { values: Values; positionals: string[] } {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      env: { type: 'string' },
      'key-env': { type: 'string' },
      reporter: { type: 'string' },
      out: { type: 'string' },
      workspace: { type: 'string' },
      'data-dir': { type: 'string' },
      timeout: { type: 'string' },
      'allow-unknown': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' }
    }
  })
}

function checkOptions(values: Values, positionals: string[]): { reporter: Reporter; timeoutMs: number } {
  if (positionals.length === 0) throw new UsageError('which setups? Give setup files, folders or setup names')
  const reporter = (values.reporter ?? 'pretty') as Reporter
  if (!REPORTERS.includes(reporter)) throw new UsageError(`unknown reporter "${values.reporter}"; choose ${REPORTERS.join(', ')}`)
  const timeout = values.timeout === undefined ? DEFAULT_TIMEOUT_S : Number(values.timeout)
  if (!Number.isFinite(timeout) || timeout < 1 || timeout > 600) throw new UsageError(`--timeout must be a number of seconds from 1 to 600 (got "${values.timeout}")`)
  if (values['key-env'] !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(values['key-env'])) {
    throw new UsageError(`--key-env takes the NAME of an environment variable (letters, digits, _), never the key itself`)
  }
  return { reporter, timeoutMs: Math.round(timeout * 1000) }
}

/** The --out file's folder must exist before anything runs: a run is never thrown away for a typo. */
async function checkOut(out: string | undefined): Promise<string | undefined> {
  if (out === undefined) return undefined
  const path = resolve(out)
  const folder = await stat(dirname(path)).catch(() => undefined)
  if (!folder?.isDirectory()) throw new UsageError(`--out ${out}: the folder ${dirname(path)} does not exist`)
  const existing = await stat(path).catch(() => undefined)
  if (existing?.isDirectory()) throw new UsageError(`--out ${out} is a folder; give a file name`)
  return path
}

/** One environment per name however it is spelled; "sandbox" and "Offline sandbox" are one sandbox. */
function environmentKey(name: string): string {
  const key = name.trim().toLowerCase()
  return key === SANDBOX_ENVIRONMENT_NAME.toLowerCase() ? SANDBOX_ENVIRONMENT_ID : key
}

function report(run: RunResult, reporter: Reporter): string {
  if (reporter === 'junit') return junitReport(run)
  if (reporter === 'json') return jsonReport(run)
  return prettyReport(run)
}

/** Runs with `env` as the environment variables (tests pass their own). */
export async function runCommand(argv: readonly string[], rawIo: Io, env: NodeJS.ProcessEnv = process.env, stderrIsTty = false): Promise<number> {
  const scrubber = new Scrubber()
  const io = scrubber.io(rawIo)
  let parsed: { values: Values; positionals: string[] }
  try {
    parsed = parse(argv)
  } catch (error) {
    io.err(`qwb run: ${(error as Error).message}. See "qwb run --help".\n`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help) {
    io.out(RUN_HELP)
    return 0
  }

  const opened: CliEnvironment[] = []
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined
  try {
    // Everything that can be wrong with the input is found before anything runs or is written.
    const { reporter, timeoutMs } = checkOptions(values, positionals)
    const outPath = await checkOut(values.out)
    // The workspace (environments.json, personas/): --workspace, else the one the first argument is in.
    const workspaceGuess = values.workspace ? resolve(values.workspace) : await workspaceOfArgument(positionals[0])
    const entries = await collectSetups(positionals, workspaceGuess)
    const workspace = workspaceGuess ?? workspaceOfSetupFile(entries[0].path)

    const byName = new Map<string, CliEnvironment>()
    const keyOf = (entry: SetupEntry) => environmentKey(values.env ?? entry.setup.environment)
    for (const entry of entries) {
      const wanted = values.env ?? entry.setup.environment
      if (!wanted.trim()) throw new UsageError(`${entry.path} names no environment; pass --env <name>`)
      if (byName.has(keyOf(entry))) continue
      const environment = await resolveCliEnvironment({ env: wanted, keyEnv: values['key-env'], workspace, ...(values['data-dir'] ? { dataDir: resolve(values['data-dir']) } : {}) }, env)
      opened.push(environment)
      scrubber.addKey(environment.apiKey)
      byName.set(keyOf(entry), environment)
    }
    const cases = await buildCases(entries, (entry) => byName.get(keyOf(entry)) as CliEnvironment, { workspace, allowUnknown: !!values['allow-unknown'], shorten: (text, length) => scrubber.head(text, length) })
    // The in-process sandbox serves the built widgets; build them once if this clone has none yet.
    if (opened.some((e) => e.kind === 'sandbox')) ensureWidgetsBuilt()
    const executable = chromiumPath(env)
    browser = await launchChromium(executable).catch((error: unknown) => {
      throw error instanceof ChromiumUnavailableError ? new UsageError(error.message) : error
    })

    // Summaries go where the report does not: stdout, unless the report itself is printed there.
    const reportOnStdout = outPath === undefined
    const summaryTo = reportOnStdout && reporter !== 'pretty' ? io.err : io.out
    let progress: { index: number; line: string } | undefined
    let reported = 0
    const run = await runCases({
      cases,
      browser,
      browserExecutable: executable,
      scrubber,
      timeoutMs,
      onStart: (index, total, name) => {
        progress = { index, line: `[${index + 1}/${total}] ${name}…` }
        io.err(stderrIsTty ? `\r\x1b[K${progress.line}` : `${progress.line}\n`)
      },
      onCase: (result) => {
        if (stderrIsTty) io.err('\r\x1b[K')
        summaryTo(`${summaryLine(result)}\n`)
        reported++
        // A case starts before the one ahead of it has reported (runCases): its progress line, which that report
        // just cleared, comes back below the summary.
        if (stderrIsTty && progress && progress.index >= reported) io.err(progress.line)
      }
    })
    // The strings of the result first, then the report: JSON and JUnit escape them once more (`\\`, `&amp;`),
    // which puts a key in three layers one layer beyond what the text scrub undoes.
    const text = scrubber.scrub(report(scrubber.value(run), reporter))
    if (outPath) {
      await writeFileAtomic(outPath, text)
      io.out(prettyTail(run))
      io.err(`qwb run: ${reporter} report written to ${outPath}\n`)
    } else {
      io.out(reporter === 'pretty' ? prettyTail(run) : text)
      if (reporter !== 'pretty') io.err(prettyTail(run))
    }
    return run.cases.some(caseFailed) ? 1 : 0
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`qwb run: ${error.message}\n`)
      return 2
    }
    throw error
  } finally {
    await browser?.close().catch(() => undefined)
    await Promise.all(opened.map((e) => e.close().catch(() => undefined)))
  }
}

export const runCommandDefinition: Command = {
  name: 'run',
  summary: 'run saved setups as checks (token, widget in headless Chromium, expectations)',
  run: (argv, io) => runCommand(argv, io, process.env, !!process.stderr.isTTY)
}

