/**
 * App settings (not setups: those live in the workspace folder). Persisted
 * by electron-store in main; each top-level key is one store key. The
 * format is versioned by `settingsFormatVersion`; src/main/settings migrates
 * older files forward.
 */
import { z } from 'zod'
import { DEFAULT_SANDBOX_PORT } from './sandbox-port'

export const SETTINGS_FORMAT_VERSION = 2
export const MAX_RECENT_WORKSPACES = 10
/** Longest folder path kept (Windows' long-path limit is 32,767 UTF-16 units; nobody types more than this). */
export const MAX_PATH_LENGTH = 4096
/** A setup id is a file name stem (file-names.ts keeps them far shorter). */
export const MAX_SETUP_ID_LENGTH = 255

const folderPath = z.string().min(1).max(MAX_PATH_LENGTH, `A folder path is at most ${MAX_PATH_LENGTH} characters`)
const setupId = z.string().min(1).max(MAX_SETUP_ID_LENGTH, `A setup id is at most ${MAX_SETUP_ID_LENGTH} characters`)
export { DEFAULT_SANDBOX_PORT } from './sandbox-port'

/** 1024-65535: no privileged ports; 0 would mean "any free port", which is what the fixed port avoids. */
export const sandboxPortSchema = z
  .number({ error: 'the sandbox port must be a number' })
  .int('the sandbox port must be a whole number')
  .min(1024, 'the sandbox port must be from 1024 to 65535')
  .max(65535, 'the sandbox port must be from 1024 to 65535')

export const settingsSchema = z.strictObject({
  settingsFormatVersion: z.literal(SETTINGS_FORMAT_VERSION),
  workspace: z
    .strictObject({
      /** Folder the user chose; absent: the default folder in the app's data folder. */
      path: folderPath.optional(),
      recent: z.array(folderPath).max(MAX_RECENT_WORKSPACES).default([])
    })
    .default({ recent: [] }),
  /** Setup id opened last, reopened at start. */
  lastSetupId: setupId.optional(),
  ui: z
    .strictObject({
      theme: z.enum(['system', 'light', 'dark']).default('system'),
      historyOpen: z.boolean().default(false)
    })
    .default({ theme: 'system', historyOpen: false }),
  history: z.strictObject({ enabled: z.boolean().default(true) }).default({ enabled: true }),
  /** Where the app's sandbox listens from the next start on. */
  sandbox: z.strictObject({ port: sandboxPortSchema.default(DEFAULT_SANDBOX_PORT) }).default({ port: DEFAULT_SANDBOX_PORT })
})

export type Settings = z.output<typeof settingsSchema>

export const SETTINGS_KEYS = ['settingsFormatVersion', 'workspace', 'lastSetupId', 'ui', 'history', 'sandbox'] as const

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({ settingsFormatVersion: SETTINGS_FORMAT_VERSION })

/** A change made in main: any top-level section, partially (the workspace only after the folder dialog). */
export const settingsPatchSchema = z.strictObject({
  workspace: z.strictObject({ path: folderPath.optional(), recent: z.array(folderPath).max(MAX_RECENT_WORKSPACES).optional() }).optional(),
  lastSetupId: setupId.nullable().optional(),
  ui: z.strictObject({ theme: z.enum(['system', 'light', 'dark']).optional(), historyOpen: z.boolean().optional() }).optional(),
  history: z.strictObject({ enabled: z.boolean().optional() }).optional(),
  sandbox: z.strictObject({ port: sandboxPortSchema.optional() }).optional()
})
export type SettingsPatch = z.input<typeof settingsPatchSchema>

/**
 * A change from the renderer (settings:update): everything but the workspace
 * folder, which changes only through workspace:choose-folder, whose handler
 * opens the folder dialog in main. Otherwise a compromised renderer could
 * point main's writes at any folder.
 */
export const rendererSettingsPatchSchema = settingsPatchSchema.omit({ workspace: true })
export type RendererSettingsPatch = z.input<typeof rendererSettingsPatchSchema>

/** What happened while the settings were opened, for a notice in the UI. */
export interface SettingsReport {
  /** The store file could not be read and was moved aside. */
  recovered?: { backupPath: string; error: string }
  /** The file was written by an older format and was upgraded. */
  migratedFrom?: number
  /** Values that were invalid and were replaced by defaults, with their path. */
  resetFields: string[]
  /** Written by a newer workbench: read as far as possible, but never written (so the newer version loses nothing). */
  readOnly?: { version: number; message: string }
}
