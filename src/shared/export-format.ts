/**
 * The file that carries setups (and the environments they use, without
 * keys) from one workbench to another: a single setup to paste into a
 * ticket, or a whole workspace. Versioned; never carries a secret.
 *
 *   { "format": "qrvey-embed-workbench", "formatVersion": 1, "exportedAt": "...",
 *     "setups": [ <setup>, ... ], "personas": [ <persona>, ... ],
 *     "environments": [ { "name", "domain", "timeoutMs" } ] }
 *
 * `personas` (issue 12) is optional and written only when there are some, so
 * an export without personas reads the same in earlier versions.
 *
 * Reading is strict and says which field is wrong; secret-looking fields are
 * dropped (not refused) and reported, see secret-fields.ts.
 */
import { z } from 'zod'
import { canonicalJson, type KeyOrder } from './canonical-json'
import { sanitizeSecrets, describeDropped, type DroppedSecret } from './secret-fields'
import { formatVersionProblem, objectError, parseJsonText, parseSetupValue, SETUP_FORMAT_VERSION, setupKeyOrder, setupSchema, setupNameKey, type Setup } from './setup'
import { MAX_TIMEOUT_MS } from './token-request'
import { parsePersonaValue, PERSONA_FORMAT_VERSION, personaKeyOrder, personaSchema, type Persona } from './personas/persona'
import { formatIssuePath, placedIssues } from './validation-messages'

export { sanitizeSecrets, describeDropped, type DroppedSecret } from './secret-fields'

export const EXPORT_FORMAT = 'qrvey-embed-workbench'
export const EXPORT_FORMAT_VERSION = 1
export { MAX_IMPORT_BYTES, formatBytes, tooLargeMessage } from './import-size'

export const exportedEnvironmentSchema = z.strictObject(
  {
  name: z.string({ error: 'name must be a text' }).trim().min(1, 'name must not be empty').max(80, 'name is longer than 80 characters'),
  /** The origin, e.g. https://acme.qrveyapp.com (checked again when the environment is created). */
  domain: z.string({ error: 'domain must be a text (the https:// address of the Qrvey instance)' }).max(2048),
  timeoutMs: z.number({ error: 'timeoutMs must be a number' }).int('timeoutMs must be a whole number').min(100).max(MAX_TIMEOUT_MS).optional()
  },
  { error: objectError('each environment must be an object with name and domain') }
)
export type ExportedEnvironment = z.output<typeof exportedEnvironmentSchema>

export const exportDocumentSchema = z.strictObject(
  {
    format: z.literal(EXPORT_FORMAT),
    formatVersion: z.literal(EXPORT_FORMAT_VERSION),
    exportedAt: z.string({ error: 'exportedAt must be a date text' }).optional(),
    setups: z.array(setupSchema, { error: 'setups must be a list of setups' }),
    personas: z.array(personaSchema, { error: 'personas must be a list of personas' }).optional(),
    environments: z.array(exportedEnvironmentSchema, { error: 'environments must be a list' }).default([])
  },
  { error: objectError('an export must be a JSON object') }
)
export type ExportDocument = z.output<typeof exportDocumentSchema>

const EXPORT_KEY_ORDER = ['format', 'formatVersion', 'exportedAt', 'setups', 'personas', 'environments']
const ENVIRONMENT_KEY_ORDER = ['name', 'domain', 'timeoutMs']

export const exportKeyOrder: KeyOrder = (path) => {
  if (path.length === 0) return EXPORT_KEY_ORDER
  if (path[0] === 'setups' && path[1] === '*') return setupKeyOrder(path.slice(2))
  if (path[0] === 'personas' && path[1] === '*') return personaKeyOrder(path.slice(2))
  if (path[0] === 'environments' && path.length === 2) return ENVIRONMENT_KEY_ORDER
  return undefined
}

/**
 * An export document for these setups. Only the environments a setup names
 * are included (all given ones with `includeAllEnvironments`, for a whole
 * workspace). Secrets are removed on the way out as well.
 */
export function buildExport(input: {
  setups: readonly Setup[]
  /** Personas to carry (issue 12); the key is left out when there are none. */
  personas?: readonly Persona[]
  environments: readonly ExportedEnvironment[]
  exportedAt: Date
  includeAllEnvironments?: boolean
}): { document: ExportDocument; dropped: DroppedSecret[] } {
  const used = new Set(input.setups.map((s) => setupNameKey(s.environment)))
  const environments = input.environments
    .filter((e) => input.includeAllEnvironments || used.has(setupNameKey(e.name)))
    .map((e) => ({ name: e.name, domain: e.domain, ...(e.timeoutMs !== undefined ? { timeoutMs: e.timeoutMs } : {}) }))
  const raw = {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    exportedAt: input.exportedAt.toISOString(),
    setups: input.setups,
    ...(input.personas?.length ? { personas: input.personas } : {}),
    environments
  }
  const { value, dropped } = sanitizeSecrets(raw)
  return { document: value as ExportDocument, dropped }
}

export function serializeExport(document: ExportDocument, options: { compact?: boolean } = {}): string {
  return canonicalJson(document, exportKeyOrder, options)
}

/** Why an import was refused: the first problem in `message`, each one with its field path in `issues`. */
export interface ImportRefusal {
  ok: false
  message: string
  /** Path of the first problem (`setups[2].token.userid`), '' for the whole file. */
  field: string
  issues: Array<{ path: string; message: string }>
}

export interface ParsedImport {
  ok: true
  document: ExportDocument
  /** Secrets that were in the file and were dropped: show `notices` to the user. */
  dropped: DroppedSecret[]
  notices: string[]
  /** What the file was: a workbench export, or a single setup or persona file from a workspace folder. */
  source: 'export' | 'setup-file' | 'persona-file'
}

function refusal(message: string, field = '', issues?: Array<{ path: string; message: string }>): ImportRefusal {
  return { ok: false, message, field, issues: issues ?? [{ path: field, message }] }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Fields only a setup file has (a persona is the user side of a token body; a setup names the rest). */
const SETUP_ONLY_FIELDS = ['environment', 'widget', 'qrvey86OrNewer', 'timeoutMs', 'widgetFields', 'notes', 'personas']
const SETUP_ONLY_TOKEN_FIELDS = ['appid', 'expiresIn']
const PERSONA_ONLY_TOKEN_FIELDS = ['asset_permissions', 'roles']

/**
 * Whether a single workspace file (no "format") is a persona rather than a
 * setup. A setup file as the workbench writes it always has environment,
 * widget and token.appid; a persona file never does. A file with neither
 * kind's own fields stays a setup (what earlier versions read it as), unless
 * it has a description or persona-only token fields.
 */
export function looksLikePersonaFile(raw: Record<string, unknown>): boolean {
  const token = isObject(raw.token) ? raw.token : {}
  if (SETUP_ONLY_FIELDS.some((k) => k in raw) || SETUP_ONLY_TOKEN_FIELDS.some((k) => k in token)) return false
  return 'description' in raw || PERSONA_ONLY_TOKEN_FIELDS.some((k) => k in token) || ('token' in raw && !('appid' in token))
}

/**
 * A parsed JSON value -> an export document, or a refusal naming the field.
 * Accepts a workbench export or one setup file (as found in a workspace's
 * setups/ folder, e.g. sent from a teammate's git repository).
 */
export function parseImportValue(raw: unknown): ParsedImport | ImportRefusal {
  if (!isObject(raw)) return refusal('This is not a workbench export: the file must be a JSON object ({ ... }).')
  const { value, dropped } = sanitizeSecrets(raw)
  const notices = dropped.map(describeDropped)

  if (raw.format === undefined && 'name' in raw && looksLikePersonaFile(raw)) {
    const persona = parsePersonaValue(value)
    if (!persona.ok) {
      const first = persona.issues[0]
      return refusal(first.path ? `${first.path}: ${first.message}` : first.message, first.path, persona.issues)
    }
    return { ok: true, document: { format: EXPORT_FORMAT, formatVersion: EXPORT_FORMAT_VERSION, setups: [], personas: [persona.persona], environments: [] }, dropped, notices, source: 'persona-file' }
  }

  if (raw.format === undefined && 'name' in raw) {
    const single = parseSetupValue(value)
    if (!single.ok) {
      const first = single.issues[0]
      return refusal(first.path ? `${first.path}: ${first.message}` : first.message, first.path, single.issues)
    }
    return { ok: true, document: { format: EXPORT_FORMAT, formatVersion: EXPORT_FORMAT_VERSION, setups: [single.setup], environments: [] }, dropped, notices, source: 'setup-file' }
  }

  if (value.format !== EXPORT_FORMAT) {
    const found = value.format === undefined ? 'it has no "format" field' : `its format is ${JSON.stringify(value.format).slice(0, 60)}`
    return refusal(`This is not a Qrvey Embed Workbench export: ${found} (expected "${EXPORT_FORMAT}").`, 'format')
  }
  const version = formatVersionProblem(value.formatVersion, EXPORT_FORMAT_VERSION, 'export')
  if (version) return refusal(version, 'formatVersion')
  if (Array.isArray(value.setups)) {
    // A setup from a newer workbench is refused with the version message, not a list of unknown fields.
    for (const [i, setup] of value.setups.entries()) {
      const problem = isObject(setup) ? formatVersionProblem(setup.formatVersion, SETUP_FORMAT_VERSION, 'setup') : undefined
      if (problem) return refusal(`setups[${i}].formatVersion: ${problem}`, `setups[${i}].formatVersion`)
    }
  }
  if (Array.isArray(value.personas)) {
    for (const [i, persona] of value.personas.entries()) {
      const problem = isObject(persona) ? formatVersionProblem(persona.formatVersion, PERSONA_FORMAT_VERSION, 'persona') : undefined
      if (problem) return refusal(`personas[${i}].formatVersion: ${problem}`, `personas[${i}].formatVersion`)
    }
  }
  const parsed = exportDocumentSchema.safeParse(value)
  if (!parsed.success) {
    const issues = placedIssues(parsed.error).map((i) => ({ path: formatIssuePath(i.path), message: i.message }))
    const first = issues[0]
    return refusal(first.path ? `${first.path}: ${first.message}` : first.message, first.path, issues)
  }
  const names = new Map<string, number>()
  for (const [i, setup] of parsed.data.setups.entries()) {
    const key = setupNameKey(setup.name)
    const earlier = names.get(key)
    if (earlier !== undefined) {
      return refusal(`setups[${i}].name: "${setup.name}" appears twice in this file (also setups[${earlier}]); setup names must be unique.`, `setups[${i}].name`)
    }
    names.set(key, i)
  }
  const personaNames = new Map<string, number>()
  for (const [i, persona] of (parsed.data.personas ?? []).entries()) {
    const key = setupNameKey(persona.name)
    const earlier = personaNames.get(key)
    if (earlier !== undefined) {
      return refusal(`personas[${i}].name: "${persona.name}" appears twice in this file (also personas[${earlier}]); persona names must be unique.`, `personas[${i}].name`)
    }
    personaNames.set(key, i)
  }
  return { ok: true, document: parsed.data, dropped, notices, source: 'export' }
}

/** The text of an import file -> a document or a refusal. Check the size (MAX_IMPORT_BYTES) before reading. */
export function parseImportText(text: string): ParsedImport | ImportRefusal {
  const json = parseJsonText(text)
  if (!json.ok) return refusal(`This file is not a workbench export. ${json.message}`)
  return parseImportValue(json.value)
}

