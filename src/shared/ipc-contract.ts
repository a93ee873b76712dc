/**
 * The one IPC contract between renderer and main. Channel names are
 * `domain:verb`; every request has a zod schema that main applies before a
 * handler sees the payload; every response is a Result (see result.ts).
 */
import { z } from 'zod'
import {
  createEnvironmentSchema,
  environmentIdSchema,
  setKeySchema,
  updateEnvironmentSchema,
  type EnvironmentsState
} from './environment'
import { generateTokenRequestSchema, type GenerateTokenResult } from './token-request'
import type { Result } from './result'
import { WIDGET_CATALOG } from './widget-catalog'
import type { SandboxModes } from './sandbox-api'
import { sandboxModesPatchSchema } from './sandbox-modes'
import {
  deleteSetupsRequestSchema,
  duplicateSetupRequestSchema,
  exportSetupsRequestSchema,
  importApplyRequestSchema,
  importPreviewRequestSchema,
  renameSetupRequestSchema,
  restoreSetupsRequestSchema,
  saveSetupRequestSchema,
  searchSetupsRequestSchema,
  setupIdSchema,
  setupPageRequestSchema,
  setupSummariesRequestSchema,
  type SetupPage,
  type DeleteResult,
  type ImportReport,
  type SaveSetupResult,
  type SetupRecord,
  type SetupSummary,
  type StagedImportPreview
} from './workspace'
import type { HistoryEntry } from './history'
import { rendererSettingsPatchSchema, type Settings, type SettingsReport } from './settings'
import type { DroppedSecret } from './secret-fields'
import { tokenBodySchema } from './token-request'
import { cancelTokenRequestSchema } from './token-request'
import { STARTER_LANGUAGE_IDS } from './codegen/starter'
import { draftSchema, type KeptDraft } from './draft'
import { discoveryRequestSchema, type DemoSetupView, type DiscoveryListing } from './discovery'
// Issue 12 (RLS lab): the compare view's calls.
import { compareStartSchema, compareValuesSchema, type CompareStarted, type CompareValues } from './personas/compare'
import {
  deletePersonasRequestSchema,
  duplicatePersonaRequestSchema,
  exportPersonasRequestSchema,
  personaIdSchema,
  renamePersonaRequestSchema,
  restorePersonasRequestSchema,
  savePersonaRequestSchema,
  type AddDemoPersonasResult,
  type DeletePersonasResult,
  type DemoPersonaView,
  type PersonaRecord,
  type PersonaSummary,
  type SavePersonaResult
} from './personas/persona-workspace'
import { doctorRunSchema, type DoctorReport } from './doctor'
import { supportBundleRequestSchema, type SupportBundle } from './support-bundle'

const noPayload = z.union([z.undefined(), z.null(), z.strictObject({})], { error: 'this call takes no arguments' })

const widgetIds = WIDGET_CATALOG.map((w) => w.id) as [string, ...string[]]

const compactTokenSchema = z
  .string()
  .min(1, 'Generate a token first')
  .max(64_000, 'The token is longer than 64,000 characters')
  .regex(/^[\w.~+/=-]+$/, 'The token contains characters a compact JOSE token cannot have')

export const createPreviewSchema = z.strictObject({
  environmentId: z.string().min(1),
  widgetId: z.enum(widgetIds, { error: `widgetId must be one of ${widgetIds.join(', ')}` }),
  token: compactTokenSchema,
  fields: z.record(z.string(), z.union([z.string().max(2_000), z.boolean()])),
  qrvey86OrNewer: z.boolean(),
  /** The workbench is dark: a hint for the offline sandbox's widgets, in the preview block only (never in a copied page). */
  sandboxScheme: z.literal('dark').optional()
})
export type CreatePreviewRequest = z.infer<typeof createPreviewSchema>

export const historyQuerySchema = z.strictObject({
  text: z.string().max(500).optional(),
  kind: z.enum(['token', 'preview']).optional(),
  status: z.enum(['success', 'failure']).optional(),
  limit: z.number().int().min(1).max(1000).optional()
})

export const recordPreviewSchema = z.strictObject({
  environmentId: z.string().min(1),
  widgetId: z.string().min(1).max(64),
  setupName: z.string().max(500).optional(),
  status: z.enum(['success', 'failure']),
  timings: z.record(z.string(), z.number().min(0).max(3_600_000)),
  error: z.string().max(2_000).optional()
})

/** A folder path typed by the user (browser mode has no folder dialog). */
export const typedFolderPathSchema = z
  .string()
  .trim()
  .min(1, 'Type the full path of a folder')
  .max(4096, 'The path is longer than 4,096 characters')
  .refine((p) => !p.includes('\0'), 'The path contains a NUL character')
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'Type an absolute path, e.g. /home/you/qrvey-setups or C:\\Users\\you\\qrvey-setups')

/** A starter folder for the current request; main rebuilds the code from the catalog, not from renderer text. */
export const exportStarterSchema = z.strictObject({
  languageId: z.enum(STARTER_LANGUAGE_IDS, { error: `languageId must be one of ${STARTER_LANGUAGE_IDS.join(', ')}` }),
  widgetId: z.enum(widgetIds, { error: `widgetId must be one of ${widgetIds.join(', ')}` }),
  domain: z.url({ protocol: /^https?$/, error: 'domain must be an http(s) URL' }),
  body: tokenBodySchema,
  fields: z.record(z.string(), z.union([z.string().max(2_000), z.boolean()])),
  qrvey86OrNewer: z.boolean(),
  /** Browser mode only: the folder to write to, typed by the user (the desktop app asks with its save dialog). */
  folder: typedFolderPathSchema.optional()
})
export type ExportStarterRequest = z.infer<typeof exportStarterSchema>

/** The same starter as a .zip download (either shell; browser mode's answer to "no folder dialog", issue 9). */
export const starterZipSchema = exportStarterSchema.omit({ folder: true })

export interface StarterZip {
  fileName: string
  /** The zip's bytes, base64 (IPC and the HTTP bridge carry JSON). */
  base64: string
  files: string[]
  run: string
}

export interface StarterExported {
  folder: string
  files: string[]
  /** The command to run in the folder. */
  run: string
}

export const IPC_REQUEST_SCHEMAS = {
  'app:info': noPayload,
  'environments:list': noPayload,
  'environments:create': createEnvironmentSchema,
  'environments:update': updateEnvironmentSchema,
  'environments:set-key': setKeySchema,
  'environments:remove-key': environmentIdSchema,
  'environments:delete': environmentIdSchema,
  'environments:select': environmentIdSchema,
  'tokens:generate': generateTokenRequestSchema,
  'tokens:cancel': cancelTokenRequestSchema,
  'preview:create': createPreviewSchema,
  'preview:pop-out': z.strictObject({ url: z.url({ error: 'url must be a preview URL' }) }),
  'sandbox:modes': noPayload,
  'sandbox:set-modes': sandboxModesPatchSchema,
  'sandbox:reset-modes': noPayload,
  'sandbox:expire-token': z.strictObject({ token: compactTokenSchema }),
  'workspace:info': noPayload,
  'workspace:reload': noPayload,
  'workspace:choose-folder': noPayload,
  'workspace:open-folder': z.strictObject({ path: typedFolderPathSchema }),
  'workspace:search': searchSetupsRequestSchema,
  'workspace:page': setupPageRequestSchema,
  'workspace:summaries': setupSummariesRequestSchema,
  'workspace:get': setupIdSchema,
  'workspace:save': saveSetupRequestSchema,
  'workspace:rename': renameSetupRequestSchema,
  'workspace:duplicate': duplicateSetupRequestSchema,
  'workspace:delete': deleteSetupsRequestSchema,
  'workspace:restore': restoreSetupsRequestSchema,
  'workspace:export': exportSetupsRequestSchema,
  'workspace:share-text': setupIdSchema,
  'workspace:import-preview': importPreviewRequestSchema,
  'workspace:import-apply': importApplyRequestSchema,
  'history:list': historyQuerySchema,
  'history:clear': noPayload,
  'history:record-preview': recordPreviewSchema,
  'settings:get': noPayload,
  'settings:update': rendererSettingsPatchSchema,
  'code:export-starter': exportStarterSchema,
  'code:starter-zip': starterZipSchema,
  'drafts:get': noPayload,
  'drafts:put': draftSchema,
  'drafts:clear': noPayload,
  'discovery:list': discoveryRequestSchema,
  'demos:list': noPayload,
  // Issue 12: one token + preview per persona; values each token sees (sandbox only).
  'compare:start': compareStartSchema,
  'compare:values': compareValuesSchema,
  // Personas (issue 12): the workspace's personas/ folder.
  'personas:list': noPayload,
  'personas:get': personaIdSchema,
  'personas:save': savePersonaRequestSchema,
  'personas:rename': renamePersonaRequestSchema,
  'personas:duplicate': duplicatePersonaRequestSchema,
  'personas:delete': deletePersonasRequestSchema,
  'personas:restore': restorePersonasRequestSchema,
  'personas:export': exportPersonasRequestSchema,
  'personas:share-text': personaIdSchema,
  'personas:demos': noPayload,
  'personas:add-demos': noPayload,
  'doctor:run': doctorRunSchema,
  'support:bundle': supportBundleRequestSchema
} as const

export type Channel = keyof typeof IPC_REQUEST_SCHEMAS

export interface AppInfo {
  version: string
  /** Origin of the offline sandbox the app started, e.g. http://127.0.0.1:43123. */
  sandboxUrl: string
  /** Set when the sandbox's usual port was taken: which port it used instead, and what follows. */
  sandboxPortNote?: string
  /** Origin the preview pages are served from (never the workbench's own). */
  previewOrigin: string
  /** Pop-out windows exist only in the desktop app. */
  canPopOut: boolean
  /** A folder dialog exists only in the desktop app. */
  canChooseFolder: boolean
  /** The starter export's save dialog exists only in the desktop app (and the test harness). */
  canExportStarter?: boolean
  /** Browser mode opens a workspace folder from a typed path instead of a dialog. */
  canTypeFolder?: boolean
  /** Browser mode writes the starter to a typed folder path instead of a save dialog (issue 9). */
  canTypeStarterFolder?: boolean
  /** Which shell runs the workbench: the Electron app or browser mode. */
  shell?: 'desktop' | 'browser'
  /** Things the user should know from start-up (a damaged file moved aside, ...). */
  notices: string[]
}

export interface PreviewCreated {
  /** Where the preview page is served; load it in an iframe. */
  url: string
  /** The host page a customer would serve (the preview without its reporter block). */
  hostPage: string
  config: Record<string, unknown>
}

export interface IpcResponses {
  'app:info': AppInfo
  'environments:list': EnvironmentsState
  'environments:create': EnvironmentsState
  'environments:update': EnvironmentsState
  'environments:set-key': EnvironmentsState
  'environments:remove-key': EnvironmentsState
  'environments:delete': EnvironmentsState
  'environments:select': EnvironmentsState
  'tokens:generate': GenerateTokenResult
  /** false: no request with that id was waiting (it had already answered). */
  'tokens:cancel': { cancelled: boolean }
  'preview:create': PreviewCreated
  'preview:pop-out': { opened: true }
  'sandbox:modes': SandboxModes
  'sandbox:set-modes': SandboxModes
  'sandbox:reset-modes': SandboxModes
  /** The sandbox treats the token as expired from now on. */
  'sandbox:expire-token': { expiresAt: string }
  'workspace:info': WorkspaceState
  'workspace:reload': WorkspaceState
  'workspace:choose-folder': WorkspaceState
  'workspace:open-folder': WorkspaceState
  'workspace:search': SetupSummary[]
  'workspace:page': SetupPage
  'workspace:summaries': Array<SetupSummary | null>
  'workspace:get': SetupRecord
  'workspace:save': SaveSetupResult
  'workspace:rename': SaveSetupResult
  'workspace:duplicate': SaveSetupResult
  'workspace:delete': DeleteResult
  'workspace:restore': SetupSummary[]
  'workspace:export': ExportedFile
  'workspace:share-text': { text: string }
  'workspace:import-preview': StagedImportPreview
  'workspace:import-apply': ImportReport
  'history:list': HistoryEntry[]
  'history:clear': { cleared: true }
  'history:record-preview': HistoryEntry
  'settings:get': { settings: Settings; report: SettingsReport }
  'settings:update': Settings
  /** `null`: the user closed the dialog. */
  'code:export-starter': StarterExported | null
  'code:starter-zip': StarterZip
  'drafts:get': KeptDraft | null
  'drafts:put': KeptDraft
  'drafts:clear': { cleared: true }
  'discovery:list': DiscoveryListing
  'demos:list': DemoSetupView[]
  'compare:start': CompareStarted
  'compare:values': CompareValues
  'personas:list': PersonaSummary[]
  'personas:get': PersonaRecord
  'personas:save': SavePersonaResult
  'personas:rename': SavePersonaResult
  'personas:duplicate': SavePersonaResult
  'personas:delete': DeletePersonasResult
  'personas:restore': PersonaSummary[]
  /** An export file (format qrvey-embed-workbench) with these personas and no setups. */
  'personas:export': ExportedFile
  'personas:share-text': { text: string }
  'personas:demos': DemoPersonaView[]
  'personas:add-demos': AddDemoPersonasResult
  'doctor:run': DoctorReport
  /** The bundle's text and the list of what is in it, shown before it is saved. */
  'support:bundle': SupportBundle
}

export { WORKSPACE_STATE_ROWS } from './workspace-rows'

export interface WorkspaceState {
  /** The workspace folder. */
  path: string
  /**
   * The first rows of the list in name order (at most WORKSPACE_STATE_ROWS): a
   * small workspace whole, a large one's first page; the rest comes through
   * workspace:page, so a change never sends 20,000 rows.
   */
  setups: SetupSummary[]
  /** How many setup files the folder has (readable or not). */
  total: number
  /** How many of them cannot be read (listed with their error). */
  unreadable: number
  /** environments.json could not be read (left untouched): why. */
  environmentsProblem?: string
}

export interface ExportedFile {
  text: string
  fileName: string
  /** Secrets removed from what was exported, to tell the user. */
  dropped: DroppedSecret[]
  /** Setups left out because their files cannot be read. */
  skipped: string[]
}

export type { WorkbenchEventName, WorkbenchEvents } from './events'
export { EVENT_CHANNEL, WORKBENCH_EVENT_NAMES } from './events'

/** What the renderer passes (before zod defaults/transforms). */
export type RequestOf<C extends Channel> = z.input<(typeof IPC_REQUEST_SCHEMAS)[C]>
/** What a handler receives (after parsing). */
export type ParsedRequestOf<C extends Channel> = z.output<(typeof IPC_REQUEST_SCHEMAS)[C]>
export type ResponseOf<C extends Channel> = Result<IpcResponses[C]>

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(IPC_REQUEST_SCHEMAS, name)
}
