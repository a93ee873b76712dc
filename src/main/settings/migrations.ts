/**
 * Settings formats, oldest first, and the steps between them. Each step
 * takes the raw object of one version and returns the next version's; steps
 * run in order, so a file from any older version reaches the current one.
 *
 * v1 (flat):  { settingsFormatVersion?: 1, workspaceDir?, recentWorkspaces?, theme?, showHistory?, lastSetupId? }
 *             (files from before versioning have no settingsFormatVersion: they are v1)
 * v2 (now):   { settingsFormatVersion: 2, workspace: { path?, recent }, ui: { theme, historyOpen },
 *               history: { enabled }, lastSetupId? }
 */
import { MAX_RECENT_WORKSPACES, SETTINGS_FORMAT_VERSION } from '../../shared/settings'

export type RawSettings = Record<string, unknown>

/** Top-level keys only older formats use (removed from the store after migrating). */
export const LEGACY_KEYS = ['workspaceDir', 'recentWorkspaces', 'theme', 'showHistory'] as const

function objectOr(value: unknown): RawSettings {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as RawSettings) : {}
}

function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : []
}

export const MIGRATIONS: Record<number, (raw: RawSettings) => RawSettings> = {
  /** v1 -> v2: the workspace folder and the recent list move under `workspace`; look-and-feel under `ui`. */
  1: (v1) => {
    const { workspaceDir, recentWorkspaces, theme, showHistory, ...rest } = v1
    const path = typeof workspaceDir === 'string' && workspaceDir !== '' ? workspaceDir : undefined
    const recent = [...new Set([...(path ? [path] : []), ...texts(recentWorkspaces)])].slice(0, MAX_RECENT_WORKSPACES)
    // Merge rather than overwrite, in case a v2 key is already there (a half-migrated file).
    const workspace = objectOr(rest.workspace)
    const v2: RawSettings = { ...rest, settingsFormatVersion: 2, workspace: { ...workspace, ...(path ? { path } : {}), recent } }
    const ui: RawSettings = { ...objectOr(rest.ui) }
    if (theme !== undefined) ui.theme = theme
    if (showHistory !== undefined) ui.historyOpen = showHistory
    v2.ui = ui
    return v2
  }
}

/**
 * `raw` (in format `fromVersion`) brought to the current format. Throws for
 * a version newer than this app knows (the caller then reads without writing).
 */
export function migrateSettings(raw: RawSettings, fromVersion: number): { value: RawSettings; steps: number[] } {
  if (fromVersion > SETTINGS_FORMAT_VERSION) throw new RangeError(`settings format ${fromVersion} is newer than ${SETTINGS_FORMAT_VERSION}`)
  let value = structuredClone(raw)
  const steps: number[] = []
  for (let version = Math.max(1, fromVersion); version < SETTINGS_FORMAT_VERSION; version++) {
    const step = MIGRATIONS[version]
    if (!step) throw new Error(`No migration from settings format ${version}`)
    value = step(value)
    steps.push(version)
  }
  value.settingsFormatVersion = SETTINGS_FORMAT_VERSION
  return { value, steps }
}
