/**
 * `qwb bundle --env NAME`: the workbench's support bundle from the command
 * line. Runs the doctor (its token request as sent, the token's header and
 * its headless render stand in for the workbench's last request and
 * preview: the command line has no preview of its own), lists what goes in,
 * then writes the file through the same nets as the workbench's bundle.
 */
import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { createSecretGuard } from '../../main/workspace/secret-guard'
import { KeyEcho } from '../../main/secrets/key-echo'
import { buildSupportBundle } from '../../main/support/support-bundle'
import { systemInfo } from '../../main/support/system-info'
import { createChromiumRenderer } from '../../main/doctor/chromium-renderer'
import { doctorInputFor, runDoctorWithContext } from '../../main/doctor/doctor'
import type { RenderOutcome } from '../../main/doctor/widget-renderer'
import { createHttpClient } from '../../main/http/http-client'
import { startPreviewServer } from '../../main/preview/preview-server'
import type { BundleLogEntry } from '../../shared/support-bundle'
import { UsageError, type Command, type Io } from '../command'
import { resolveCliEnvironment, type CliEnvironment } from '../environment'
import { parseDoctorArgs, setupParts } from './doctor'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const HELP = `Usage: qwb bundle --env <name> [--setup <file>] [--out <file>] [--list] [--key-env <VAR>] [--workspace <dir>]

Writes a support bundle: one JSON file with the setup, the environment (no
key), the token request as sent (key redacted), the token's header (never
the token), the doctor's result, what the doctor's headless render of the
widget logged (events, console errors, failed requests: the command line
has no workbench preview), and app and OS versions. Secrets are removed
as from the workbench's exports; what goes in is listed before it is written.

Options:
  --env <name>        an environment of the workbench, or "sandbox"
  --setup <file>      a saved setup (its token body and widget)
  --out <file>        where to write (default: ./qwb-support-<env>-<time>.json);
                      an existing file is never overwritten
  --list              list what would go in, write nothing
  --key-env <VAR>     read the API key from this variable (default QWB_KEY_<NAME>)
  --workspace <dir>   the workspace with environments.json (default: the workbench's)
  --help, -h          this text

Exit codes: 0 written (or listed), 1 failed, 2 wrong usage (nothing written).
`

function version(): string {
  try {
    return (JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string }).version
  } catch {
    return 'unknown'
  }
}

function renderLog(render: RenderOutcome | undefined): BundleLogEntry[] | undefined {
  if (!render?.available) return undefined
  const at = Date.now()
  return [
    ...render.events.map((name) => ({ time: at, kind: 'event', name, message: name })),
    ...render.consoleErrors.map((message) => ({ time: at, kind: 'console-error', name: 'console.error', message })),
    ...render.failedRequests.map((message) => ({ time: at, kind: 'network-error', name: 'request-failed', message }))
  ]
}

async function run(argv: readonly string[], io: Io): Promise<number> {
  let values: Record<string, unknown>
  let positionals: string[]
  try {
    ;({ values, positionals } = parseDoctorArgs(argv, { out: { type: 'string' }, list: { type: 'boolean' } }))
  } catch (error) {
    io.err(`qwb bundle: ${(error as Error).message}. See "qwb bundle --help".\n`)
    return 2
  }
  if (values.help) {
    io.out(HELP)
    return 0
  }
  let environment: CliEnvironment
  let parts: Awaited<ReturnType<typeof setupParts>>
  try {
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (the environment goes after --env)`)
    if (values.json) throw new UsageError('--json is for qwb doctor; the bundle is JSON already')
    parts = await setupParts(values.setup as string | undefined)
    environment = await resolveCliEnvironment({ env: values.env as string | undefined, keyEnv: values['key-env'] as string | undefined, workspace: values.workspace as string | undefined, dataDir: values['data-dir'] as string | undefined })
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`qwb bundle: ${error.message}. See "qwb bundle --help".\n`)
      return 2
    }
    throw error
  }
  try {
    io.err(`Running the doctor on ${environment.name} (${environment.domain}) for the bundle…\n`)
    const previews = await startPreviewServer({ frameAncestors: "'none'" })
    let doctor: Awaited<ReturnType<typeof runDoctorWithContext>>
    const input = doctorInputFor({ name: environment.name, kind: environment.kind, domain: environment.domain, apiKey: environment.apiKey, timeoutMs: environment.timeoutMs }, parts)
    try {
      doctor = await runDoctorWithContext(input, { http: createHttpClient(), renderer: createChromiumRenderer(previews.publish), pageOrigin: previews.origin })
    } finally {
      await previews.close()
    }
    const { report, ctx } = doctor
    const log = renderLog(ctx.render)
    const built = buildSupportBundle(
      {
        environment: { name: environment.name, kind: environment.kind, domain: environment.domain, timeoutMs: environment.timeoutMs, keySet: true },
        setup: { ...(parts.name ? { name: parts.name } : {}), widgetId: input.widget.id, body: input.body, fields: input.fields, qrvey86OrNewer: input.qrvey86OrNewer },
        request: ctx.sentRequest ? { ...ctx.sentRequest } : undefined,
        tokenHeader: ctx.tokenHeader,
        preview: log ? { source: "the doctor's headless render (the command line has no workbench preview)", widgetId: input.widget.id, log } : undefined,
        previewNote: log ? undefined : `The command line has no workbench preview, and the doctor's headless render did not run (${report.steps.find((s) => s.id === 'widget')?.verdict ?? 'not reached'}).`,
        doctor: report,
        system: systemInfo(version(), 'qwb command line'),
        createdAt: new Date()
      },
      { echo: KeyEcho.of(environment.apiKey), guard: createSecretGuard(() => [environment.apiKey]) }
    )
    if (!built.ok) {
      io.err(`qwb bundle: ${built.error.message}\n`)
      return 1
    }
    const bundle = built.value
    const out = resolve((values.out as string | undefined) ?? bundle.fileName)
    io.out(`The support bundle holds (no API key, no token):\n${bundle.items.map((i) => `  ${i.title}: ${i.summary}`).join('\n')}\n`)
    if (values.list) {
      io.out('Nothing written (--list).\n')
      return 0
    }
    try {
      await writeFile(out, bundle.text, { flag: 'wx', mode: 0o600 })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      io.err(code === 'EEXIST' ? `qwb bundle: ${out} exists; it was not overwritten. Choose another --out.\n` : `qwb bundle: cannot write ${out} (${code ?? (error as Error).message}).\n`)
      return code === 'EEXIST' ? 2 : 1
    }
    io.out(`Written to ${out}\n`)
    return 0
  } finally {
    await environment.close()
  }
}

export const bundleCommand: Command = { name: 'bundle', summary: 'write a support bundle (no key, no token) for an environment', run }
