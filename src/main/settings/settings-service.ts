/**
 * App settings over a KeyValueStore (electron-store in the app, conf in
 * tests), validated with zod, migrated from older formats when opened, and
 * never lost to one bad value: an invalid value is replaced by its default
 * and reported, a file from a newer workbench is read but not written.
 *
 * Open the store with openStoreSafely/recoveringStore first and pass its
 * report in, so one report covers what happened to the settings.
 */
import { fail, ok, type Result } from '../../shared/result'
import {
  DEFAULT_SETTINGS,
  MAX_RECENT_WORKSPACES,
  SETTINGS_FORMAT_VERSION,
  SETTINGS_KEYS,
  settingsPatchSchema,
  settingsSchema,
  type Settings,
  type SettingsReport
} from '../../shared/settings'
import { formatIssuePath, issueMessages } from '../../shared/validation-messages'
import type { KeyValueStore } from '../storage/key-value-store'
import { LEGACY_KEYS, migrateSettings, type RawSettings } from './migrations'
import type { StoreRecoveryReport } from './open-store-safely'

function removeAt(raw: RawSettings, path: readonly PropertyKey[], keys?: readonly string[]): void {
  let node: unknown = raw
  const parents = keys ? path : path.slice(0, -1)
  for (const part of parents) {
    if (typeof node !== 'object' || node === null) return
    node = (node as Record<PropertyKey, unknown>)[part]
  }
  if (typeof node !== 'object' || node === null) return
  const target = node as Record<PropertyKey, unknown>
  if (keys) for (const key of keys) delete target[key]
  else if (Array.isArray(target)) target.splice(Number(path[path.length - 1]), 1)
  else delete target[path[path.length - 1]]
}

/** Parses, replacing each invalid value by its default; says which were replaced. */
function parseLeniently(raw: RawSettings): { settings: Settings; reset: string[] } {
  const value = structuredClone(raw)
  const reset: string[] = []
  for (let attempt = 0; attempt < 50; attempt++) {
    const parsed = settingsSchema.safeParse(value)
    if (parsed.success) return { settings: parsed.data, reset }
    for (const issue of parsed.error.issues) {
      if (issue.path.length === 0 && issue.code !== 'unrecognized_keys') return { settings: structuredClone(DEFAULT_SETTINGS), reset: ['(all)'] }
      if (issue.code === 'unrecognized_keys') {
        removeAt(value, issue.path, issue.keys)
        reset.push(...issue.keys.map((k) => formatIssuePath([...issue.path, k])))
      } else {
        removeAt(value, issue.path)
        reset.push(formatIssuePath(issue.path))
      }
    }
  }
  return { settings: structuredClone(DEFAULT_SETTINGS), reset: ['(all)'] }
}

export class SettingsService {
  private settings: Settings
  private readonly report: SettingsReport

  constructor(
    private readonly store: KeyValueStore,
    recovery?: StoreRecoveryReport
  ) {
    this.report = { resetFields: [] }
    if (recovery?.recovered && recovery.backupPath) this.report.recovered = { backupPath: recovery.backupPath, error: recovery.error ?? '' }
    this.settings = this.load()
  }

  get(): Settings {
    return structuredClone(this.settings)
  }

  /** What happened when the settings were opened: recovery, migration, values reset, read-only. */
  openReport(): SettingsReport {
    return structuredClone(this.report)
  }

  /**
   * Applies a partial change. Choosing a workspace path puts it first in the
   * recent list. `lastSetupId: null` forgets it.
   */
  update(patch: unknown): Result<Settings> {
    if (this.report.readOnly) return fail('CONFLICT', this.report.readOnly.message)
    const parsed = settingsPatchSchema.safeParse(patch)
    if (!parsed.success) {
      return fail('INVALID_INPUT', issueMessages(parsed.error)[0], { field: formatIssuePath(parsed.error.issues[0].path) || undefined })
    }
    const p = parsed.data
    const current = this.settings
    const workspace = { ...current.workspace, ...p.workspace }
    if (p.workspace?.path && !p.workspace.recent) {
      workspace.recent = [p.workspace.path, ...current.workspace.recent.filter((r) => r !== p.workspace?.path)].slice(0, MAX_RECENT_WORKSPACES)
    }
    const next: Record<string, unknown> = {
      ...current,
      workspace,
      ui: { ...current.ui, ...p.ui },
      history: { ...current.history, ...p.history },
      sandbox: { ...current.sandbox, ...p.sandbox }
    }
    if (p.lastSetupId === null) delete next.lastSetupId
    else if (p.lastSetupId !== undefined) next.lastSetupId = p.lastSetupId
    const checked = settingsSchema.safeParse(next)
    if (!checked.success) return fail('INVALID_INPUT', issueMessages(checked.error)[0])
    this.write(checked.data)
    this.settings = checked.data
    return ok(this.get())
  }

  private load(): Settings {
    const raw: RawSettings = {}
    for (const key of [...SETTINGS_KEYS, ...LEGACY_KEYS]) {
      const value = this.store.get(key)
      if (value !== undefined) raw[key] = value
    }
    let version = this.detectVersion(raw)

    if (version > SETTINGS_FORMAT_VERSION) {
      const message = `These settings were written by a newer version of the workbench (format ${version}; this version reads ${SETTINGS_FORMAT_VERSION}). They are used as far as possible but not changed, so the newer version loses nothing.`
      this.report.readOnly = { version, message }
      const known = Object.fromEntries(SETTINGS_KEYS.map((k) => [k, raw[k]]).filter(([, v]) => v !== undefined))
      return parseLeniently({ ...known, settingsFormatVersion: SETTINGS_FORMAT_VERSION }).settings
    }

    let value = raw
    if (version < SETTINGS_FORMAT_VERSION) {
      value = migrateSettings(raw, version).value
      this.report.migratedFrom = version
      version = SETTINGS_FORMAT_VERSION
    }
    const { settings, reset } = parseLeniently({ ...value, settingsFormatVersion: version })
    this.report.resetFields.push(...reset)
    const needsWrite =
      raw.settingsFormatVersion !== SETTINGS_FORMAT_VERSION || this.report.resetFields.length > 0 || LEGACY_KEYS.some((k) => raw[k] !== undefined)
    if (needsWrite) this.write(settings)
    return settings
  }

  /**
   * The stored format version; without a valid one: v1 if a v1-only key is
   * there (files from before versioning), else the current format.
   */
  private detectVersion(raw: RawSettings): number {
    const stored = raw.settingsFormatVersion
    if (typeof stored === 'number' && Number.isInteger(stored) && stored >= 1) return stored
    if (LEGACY_KEYS.some((k) => raw[k] !== undefined)) return 1
    if (stored !== undefined) this.report.resetFields.push('settingsFormatVersion')
    return SETTINGS_FORMAT_VERSION
  }

  private write(settings: Settings): void {
    for (const key of SETTINGS_KEYS) {
      const value = settings[key]
      if (value === undefined) this.store.delete(key)
      else this.store.set(key, value)
    }
    for (const key of LEGACY_KEYS) if (this.store.get(key) !== undefined) this.store.delete(key)
  }
}
