/**
 * The compare view's main side (issue 12 points 2 and 3): one token per
 * persona through the TokenService (the API key never leaves main), one
 * preview page per token through the PreviewService, and, for the offline
 * sandbox only, what each token may see, read over HTTP from the sandbox's
 * data API (sandbox-values.ts).
 */
import type { AxiosInstance } from 'axios'
import type { CreatePreviewRequest, PreviewCreated } from '../../shared/ipc-contract'
import type { PublishOptions } from '../preview/preview-server'
import type { CompareStarted, ComparedPersona, CompareValues } from '../../shared/personas/compare'
import { compareStartSchema, compareValuesSchema } from '../../shared/personas/compare'
import { personaTokenBody } from '../../shared/personas/token-for-persona'
import { fail, ok, type Result } from '../../shared/result'
import { tokenBodySchema, type GenerateTokenRequest, type GenerateTokenResult, type TokenBody } from '../../shared/token-request'
import { issueMessages } from '../../shared/validation-messages'
import type { z } from 'zod'
import { canonicalJson } from '../../shared/canonical-json'
import { sha256Hex } from '../history/token-summary'
import { readSandboxValues } from './sandbox-values'

export interface CompareDeps {
  tokens: { generate(request: GenerateTokenRequest): Promise<Result<GenerateTokenResult>> }
  /** Each persona's page goes to its own compare frame origin (compareSlot = its place in the request). */
  preview: { create(request: CreatePreviewRequest, options?: PublishOptions): Result<PreviewCreated> }
  environments: { nameOf(id: string): string | undefined; domainOf(id: string): Result<string> }
  /** The offline sandbox's origin: only there can values be read. */
  sandboxOrigin: string
  http: AxiosInstance
}

type StartRequest = z.output<typeof compareStartSchema>
type ValuesRequest = z.output<typeof compareValuesSchema>

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}

export class CompareService {
  constructor(private readonly deps: CompareDeps) {}

  /** Whether the environment is the offline sandbox (values readable), or why it cannot be used. */
  private target(environmentId: string): Result<{ name: string; readable: boolean }> {
    const name = this.deps.environments.nameOf(environmentId)
    const domain = this.deps.environments.domainOf(environmentId)
    if (name === undefined || !domain.ok) return fail('NOT_FOUND', 'That environment no longer exists. Pick another setup or environment.')
    return ok({ name, readable: originOf(domain.value) === this.deps.sandboxOrigin })
  }

  async start(request: StartRequest): Promise<Result<CompareStarted>> {
    const target = this.target(request.environmentId)
    if (!target.ok) return target
    const personas = await Promise.all(request.personas.map((persona, slot) => this.startOne(request, slot, persona.name, personaTokenBody(request.base as TokenBody, persona.token))))
    return ok({ environmentName: target.value.name, valuesReadable: target.value.readable, personas })
  }

  private async startOne(request: StartRequest, slot: number, name: string, body: TokenBody): Promise<ComparedPersona> {
    if (!String(body.userid ?? '').trim()) {
      const message = `${name} has no userid, and the setup has none either: give the persona a userid (the Qrvey user its token is for).`
      return { name, body, error: { code: 'INVALID_INPUT', message, field: 'userid' } }
    }
    const checked = tokenBodySchema.safeParse(body)
    if (!checked.success) return { name, body, error: { code: 'INVALID_INPUT', message: `${name}: ${issueMessages(checked.error)[0]}` } }
    const generated = await this.deps.tokens.generate({
      environmentId: request.environmentId,
      body: checked.data,
      context: { setupName: request.setupName, widgetId: request.widgetId, qrvey86OrNewer: request.qrvey86OrNewer },
      ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {})
    })
    if (!generated.ok) return { name, body, error: generated.error }
    const { token, warnings, status, durationMs } = generated.value
    const base: ComparedPersona = { name, body, token, status, durationMs, ...(warnings ? { warnings } : {}) }
    // The frame's storage is cleared unless its previous page was for this very user (environment and token body).
    const domain = this.deps.environments.domainOf(request.environmentId)
    const compareUser = sha256Hex(`${domain.ok ? domain.value : request.environmentId}\n${canonicalJson(checked.data, undefined, { compact: true })}`)
    const preview = this.deps.preview.create(
      {
        environmentId: request.environmentId,
        widgetId: request.widgetId,
        token,
        fields: request.fields,
        qrvey86OrNewer: request.qrvey86OrNewer,
        ...(request.sandboxScheme ? { sandboxScheme: request.sandboxScheme } : {})
      },
      { compareSlot: slot, compareUser }
    )
    return preview.ok ? { ...base, preview: preview.value } : { ...base, error: preview.error }
  }

  async values(request: ValuesRequest): Promise<Result<CompareValues>> {
    const target = this.target(request.environmentId)
    if (!target.ok) return target
    if (!target.value.readable) {
      return fail('UNSUPPORTED', `Values are not readable on ${target.value.name}: a Qrvey instance does not let the workbench read the data a token sees. Compare what the previews report instead.`)
    }
    const readings = await Promise.all(request.tokens.map((token) => readSandboxValues(this.deps.http, this.deps.sandboxOrigin, token)))
    return ok({ readings })
  }
}
