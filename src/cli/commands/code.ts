/**
 * `qwb code <setup file> --lang <lang>`: prints the code the workbench's Code
 * tab shows for a saved setup. The domain comes from --domain, or from the
 * setup's environment in the workspace's environments.json (the sandbox: its
 * fixed default address).
 */
import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { buildCodeRequest, CODE_LANGUAGES, findCodeLanguage } from '../../shared/codegen'
import { SANDBOX_ENVIRONMENT_NAME } from '../../shared/environment'
import { DEFAULT_SANDBOX_PORT } from '../../shared/settings'
import { parseSetupText, tokenBodyOfSetup, type Setup } from '../../shared/setup'
import { tokenBodySchema } from '../../shared/token-request'
import { findWidget } from '../../shared/widget-catalog'
import { issueMessages } from '../../shared/validation-messages'
import { UsageError, type Command, type Io } from '../command'

const HELP = `Usage: qwb code <setup file> --lang <lang> [--domain <url>]

Prints the code for a saved setup, as the workbench's Code tab shows it:
a backend serving GET /qrvey-token (the API key read from QRVEY_API_KEY),
or a front end that fetches it and renews the widget on qvTokenExpired.

Options:
  --lang, -l <lang>   one of:
${CODE_LANGUAGES.map((l) => `                        ${l.id.padEnd(11)} ${l.label} (${l.kind === 'backend' ? 'backend' : 'front end'})`).join('\n')}
  --domain <url>      the Qrvey domain; default: the setup's environment in
                      <workspace>/environments.json (the sandbox: http://127.0.0.1:${DEFAULT_SANDBOX_PORT})
  --help, -h          this text

Example: npx qwb code ~/qrvey-workspace/setups/acme.json --lang python > server.py
`

const SANDBOX_DOMAIN = `http://127.0.0.1:${DEFAULT_SANDBOX_PORT}`

interface EnvironmentEntry {
  name?: unknown
  domain?: unknown
  kind?: unknown
}

/** The domain of the setup's environment, looked up by name in the workspace the setup file is in. */
async function environmentDomain(setupPath: string, setup: Setup): Promise<string> {
  const name = setup.environment.trim()
  if (!name) throw new UsageError('the setup names no environment; pass --domain <url>')
  const file = join(dirname(dirname(setupPath)), 'environments.json')
  let entries: EnvironmentEntry[] = []
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { environments?: EnvironmentEntry[] }
    entries = Array.isArray(parsed.environments) ? parsed.environments : []
  } catch {
    // No workspace around the file: only the sandbox can be known without --domain.
  }
  const found = entries.find((e) => e.name === name)
  if (found?.kind === 'sandbox') return SANDBOX_DOMAIN
  if (found && typeof found.domain === 'string') return found.domain
  if (!found && name === SANDBOX_ENVIRONMENT_NAME) return SANDBOX_DOMAIN
  throw new UsageError(`the environment "${name}" is not in ${file}; pass --domain <url>`)
}

async function run(argv: readonly string[], io: Io): Promise<number> {
  let values: { lang?: string; domain?: string; help?: boolean }
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { lang: { type: 'string', short: 'l' }, domain: { type: 'string' }, help: { type: 'boolean', short: 'h' } }
    }))
  } catch (error) {
    io.err(`qwb code: ${(error as Error).message}\n\n${HELP}`)
    return 2
  }
  if (values.help) {
    io.out(HELP)
    return 0
  }
  try {
    if (positionals.length !== 1) throw new UsageError(positionals.length ? `one setup file, not ${positionals.length}` : 'which setup file?')
    if (!values.lang) throw new UsageError(`--lang is required (${CODE_LANGUAGES.map((l) => l.id).join(', ')})`)
    const language = findCodeLanguage(values.lang)
    if (!language) throw new UsageError(`unknown language "${values.lang}"; choose one of ${CODE_LANGUAGES.map((l) => l.id).join(', ')}`)

    const path = resolve(positionals[0])
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      io.err(`qwb code: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`)
      return 1
    }
    const parsed = parseSetupText(text)
    if (!parsed.ok) {
      io.err(`qwb code: ${path} is not a setup: ${parsed.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}\n`)
      return 1
    }
    const setup = parsed.setup
    const widget = findWidget(setup.widget || 'page-view')
    if (!widget) throw new Error(`the setup's widget "${setup.widget}" is not one this version knows`)
    const body = tokenBodySchema.safeParse(tokenBodyOfSetup(setup))
    if (!body.success) {
      io.err(`qwb code: the setup's token body is not complete: ${issueMessages(body.error)[0]}. Fix it in the workbench or the file.\n`)
      return 1
    }
    const domain = values.domain ?? (await environmentDomain(path, setup))
    let origin: string
    try {
      origin = new URL(domain).origin
    } catch {
      throw new UsageError(`--domain "${domain}" is not a URL (for example https://acme.qrveyapp.com)`)
    }
    const request = buildCodeRequest({ widget, domain: origin, body: body.data, qrvey86OrNewer: setup.qrvey86OrNewer, fields: setup.widgetFields })
    io.out(language.generate(request))
    return 0
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`qwb code: ${error.message}. See "qwb code --help".\n`)
      return 2
    }
    throw error
  }
}

export const codeCommand: Command = { name: 'code', summary: 'print backend or front-end code for a saved setup', run }
