import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Conf from 'conf'
import { afterEach, describe, expect, it } from 'vitest'
import { migrateSettings } from '../../../../src/main/settings/migrations'
import { backupPathFor, isCorruptStoreError, openStoreSafely, recoveringStore, type StoreRecoveryReport } from '../../../../src/main/settings/open-store-safely'
import { SettingsService } from '../../../../src/main/settings/settings-service'
import { nodeStoreOpener } from '../../../../src/main/storage/node-store'
import { DEFAULT_SETTINGS } from '../../../../src/shared/settings'
import { makeTempDir } from '../../../support/temp-dir'

const temps: Array<{ cleanup(): void }> = []
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()))
function temp(): string {
  const t = makeTempDir('qwb-settings-')
  temps.push(t)
  return t.dir
}

const clock = () => new Date('2025-04-05T06:07:08.009Z')
const opener = (dir: string) => () => nodeStoreOpener(dir)('settings')

describe("conf's own behaviour on a damaged file (what openStoreSafely relies on)", () => {
  it('throws a SyntaxError from the constructor for a truncated file, and leaves the file as it was', () => {
    const dir = temp()
    const truncated = '{\n  "settingsFormatVersion": 2,\n  "workspace": {"pa'
    writeFileSync(join(dir, 'settings.json'), truncated)
    let thrown: unknown
    try {
      new Conf({ cwd: dir, configName: 'settings', projectName: 'x' })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(SyntaxError)
    expect(isCorruptStoreError(thrown)).toBe(true)
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(truncated)
  })

  it('throws on an empty file too, and on every get once the file is damaged while open', () => {
    const dir = temp()
    writeFileSync(join(dir, 'settings.json'), '')
    expect(() => new Conf({ cwd: dir, configName: 'settings', projectName: 'x' })).toThrow(SyntaxError)
    writeFileSync(join(dir, 'settings.json'), '{}')
    const store = new Conf({ cwd: dir, configName: 'settings', projectName: 'x' })
    writeFileSync(join(dir, 'settings.json'), '{"a": ')
    expect(() => store.get('a')).toThrow(SyntaxError)
  })
})

describe('openStoreSafely', () => {
  it('opens a healthy store as it is', () => {
    const dir = temp()
    const { store, report } = openStoreSafely(opener(dir), join(dir, 'settings.json'), clock)
    store.set('x', 1)
    expect(report).toEqual({ recovered: false })
    expect(openStoreSafely(opener(dir), join(dir, 'settings.json'), clock).store.get('x')).toBe(1)
  })

  it('moves a truncated file aside to a timestamped backup, reports it, and opens a fresh store', () => {
    const dir = temp()
    const path = join(dir, 'settings.json')
    const truncated = '{"settingsFormatVersion": 2, "ui": {"theme": "da'
    writeFileSync(path, truncated)
    const { store, report } = openStoreSafely(opener(dir), path, clock)
    expect(report).toEqual({ recovered: true, backupPath: join(dir, 'settings.corrupt-2025-04-05T06-07-08-009Z.json'), error: expect.stringMatching(/JSON/) })
    expect(readFileSync(report.backupPath!, 'utf8')).toBe(truncated)
    store.set('ok', true)
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ ok: true })
  })

  it('never reuses a backup name', () => {
    const dir = temp()
    const path = join(dir, 'settings.json')
    writeFileSync(path, '{')
    openStoreSafely(opener(dir), path, clock)
    writeFileSync(path, '[')
    const second = openStoreSafely(opener(dir), path, clock)
    expect(second.report.backupPath).toBe(join(dir, 'settings.corrupt-2025-04-05T06-07-08-009Z-2.json'))
    expect(readdirSync(dir).sort()).toEqual(['settings.corrupt-2025-04-05T06-07-08-009Z-2.json', 'settings.corrupt-2025-04-05T06-07-08-009Z.json'])
  })

  it('rethrows anything that is not a damaged file', () => {
    expect(() =>
      openStoreSafely(() => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })
      }, '/nowhere/settings.json')
    ).toThrow(/EACCES/)
  })

  it('recoveringStore also recovers when the file is damaged while the app runs', () => {
    const dir = temp()
    const path = join(dir, 'settings.json')
    const reports: StoreRecoveryReport[] = []
    const { store } = recoveringStore(opener(dir), path, { clock, onRecovered: (r) => reports.push(r) })
    store.set('a', 1)
    writeFileSync(path, '{"a": ')
    expect(store.get('a')).toBeUndefined()
    expect(reports).toEqual([{ recovered: true, backupPath: join(dir, 'settings.corrupt-2025-04-05T06-07-08-009Z.json'), error: expect.any(String) }])
    expect(backupPathFor(path, clock())).toBe(join(dir, 'settings.corrupt-2025-04-05T06-07-08-009Z-2.json'))
    expect(existsSync(reports[0].backupPath!)).toBe(true)
    store.set('b', 2)
    expect(store.get('b')).toBe(2)
  })
})

describe('settings migrations', () => {
  it('v1 -> v2 moves the workspace folder and the look-and-feel fields', () => {
    const v1 = { settingsFormatVersion: 1, workspaceDir: '/home/me/qwb', recentWorkspaces: ['/old', '/home/me/qwb', 7], theme: 'dark', showHistory: true, lastSetupId: 'Acme' }
    const { value, steps } = migrateSettings(v1, 1)
    expect(steps).toEqual([1])
    expect(value).toEqual({ settingsFormatVersion: 2, workspace: { path: '/home/me/qwb', recent: ['/home/me/qwb', '/old'] }, ui: { theme: 'dark', historyOpen: true }, lastSetupId: 'Acme' })
    expect(v1.workspaceDir).toBe('/home/me/qwb')
  })

  it('refuses to "migrate" a newer format', () => {
    expect(() => migrateSettings({}, 3)).toThrow(RangeError)
  })
})

describe('SettingsService', () => {
  it('starts with defaults and writes the current format', () => {
    const dir = temp()
    const service = new SettingsService(opener(dir)())
    expect(service.get()).toEqual(DEFAULT_SETTINGS)
    expect(service.openReport()).toEqual({ resetFields: [] })
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ settingsFormatVersion: 2, ui: { theme: 'system' } })
  })

  it('upgrades a v1 file (also one from before versioning) on open, and reports it', () => {
    const dir = temp()
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ workspaceDir: '/w', theme: 'light' }))
    const service = new SettingsService(opener(dir)())
    expect(service.openReport()).toEqual({ migratedFrom: 1, resetFields: [] })
    expect(service.get()).toMatchObject({ settingsFormatVersion: 2, workspace: { path: '/w', recent: ['/w'] }, ui: { theme: 'light' } })
    const file = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))
    expect(file).not.toHaveProperty('workspaceDir')
    expect(file).not.toHaveProperty('theme')
    expect(new SettingsService(opener(dir)()).openReport()).toEqual({ resetFields: [] })
  })

  it('replaces invalid values by defaults, keeps the rest, and says which', () => {
    const dir = temp()
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ settingsFormatVersion: 2, workspace: { path: '/keep', recent: 'nope' }, ui: { theme: 'neon', historyOpen: true, colour: 'x' } }))
    const service = new SettingsService(opener(dir)())
    expect(service.openReport().resetFields.sort()).toEqual(['ui.colour', 'ui.theme', 'workspace.recent'])
    expect(service.get()).toMatchObject({ workspace: { path: '/keep', recent: [] }, ui: { theme: 'system', historyOpen: true } })
  })

  it('reads a file from a newer workbench but never writes it', () => {
    const dir = temp()
    const newer = JSON.stringify({ settingsFormatVersion: 3, ui: { theme: 'dark' }, somethingNew: { a: 1 } })
    writeFileSync(join(dir, 'settings.json'), newer)
    const service = new SettingsService(opener(dir)())
    expect(service.openReport().readOnly).toMatchObject({ version: 3, message: expect.stringMatching(/newer version/) })
    expect(service.get().ui.theme).toBe('dark')
    expect(service.update({ ui: { theme: 'light' } })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(newer)
  })

  it('updates: a chosen workspace goes first in the recent list; invalid patches are refused with the field', () => {
    const dir = temp()
    const service = new SettingsService(opener(dir)())
    service.update({ workspace: { path: '/a' } })
    const after = service.update({ workspace: { path: '/b' }, ui: { historyOpen: true }, lastSetupId: 'Acme' })
    expect(after).toMatchObject({ ok: true, value: { workspace: { path: '/b', recent: ['/b', '/a'] }, ui: { historyOpen: true }, lastSetupId: 'Acme' } })
    expect(service.update({ lastSetupId: null })).toMatchObject({ ok: true })
    expect(service.get().lastSetupId).toBeUndefined()
    expect(service.update({ ui: { theme: 'neon' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'ui.theme' } })
    expect(new SettingsService(opener(dir)()).get().workspace.recent).toEqual(['/b', '/a'])
  })

  it('reports a recovery from a damaged file together with the settings', () => {
    const dir = temp()
    const path = join(dir, 'settings.json')
    writeFileSync(path, '{"settingsFormatVersion": 2, "ui": {')
    const { store, report } = openStoreSafely(opener(dir), path, clock)
    const service = new SettingsService(store, report)
    expect(service.openReport()).toEqual({ recovered: { backupPath: report.backupPath, error: report.error }, resetFields: [] })
    expect(service.get()).toEqual(DEFAULT_SETTINGS)
  })
})
