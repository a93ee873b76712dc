/**
 * The corruption scenario end to end: the settings file and one setup
 * file are both truncated (a crash mid-write, a bad sync). The app must start,
 * keep a backup of the settings file, report both problems, and lose no
 * other setup.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openStoreSafely } from '../../../../src/main/settings/open-store-safely'
import { SettingsService } from '../../../../src/main/settings/settings-service'
import { nodeStoreOpener } from '../../../../src/main/storage/node-store'
import { WorkspaceStore } from '../../../../src/main/workspace/workspace-store'
import { makeTempDir } from '../../../support/temp-dir'

const temps: Array<{ cleanup(): void }> = []
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()))

/** What the lead's startup does: settings first (they say where the workspace is), then the workspace. */
async function startApp(appData: string) {
  const path = join(appData, 'settings.json')
  const { store, report } = openStoreSafely(() => nodeStoreOpener(appData)('settings'), path, () => new Date('2025-06-01T12:00:00Z'))
  const settings = new SettingsService(store, report)
  const dir = settings.get().workspace.path ?? join(appData, 'workspace')
  const workspace = await WorkspaceStore.open({ dir })
  return { settings, workspace }
}

describe('starting after a crash left truncated files', () => {
  it('starts, keeps a backup of the settings, reports both files, and loses no other setup', async () => {
    const temp = makeTempDir('qwb-startup-')
    temps.push(temp)
    const appData = temp.dir
    const workspaceDir = join(appData, 'my-workspace')

    // A normal first run: choose a workspace, save three setups.
    const first = await startApp(appData)
    first.settings.update({ workspace: { path: workspaceDir }, ui: { theme: 'dark' } })
    const reopened = await startApp(appData)
    for (const name of ['Alpha', 'Beta', 'Gamma']) {
      const saved = await reopened.workspace.save({ setup: { formatVersion: 1, name, environment: 'Acme', widget: 'page-view', token: { userid: `u-${name}`, appid: 'app' } } })
      expect(saved.ok).toBe(true)
    }
    await first.workspace.close()
    await reopened.workspace.close()

    // The crash: both files cut short.
    const settingsText = readFileSync(join(appData, 'settings.json'), 'utf8')
    const truncatedSettings = settingsText.slice(0, Math.floor(settingsText.length / 2))
    writeFileSync(join(appData, 'settings.json'), truncatedSettings)
    const betaPath = join(workspaceDir, 'setups', 'Beta.json')
    const truncatedBeta = readFileSync(betaPath, 'utf8').slice(0, 40)
    writeFileSync(betaPath, truncatedBeta)

    const app = await startApp(appData)
    // Settings: recovered from a backup, reported; the damaged file is kept byte for byte.
    const report = app.settings.openReport()
    expect(report.recovered).toEqual({ backupPath: join(appData, 'settings.corrupt-2025-06-01T12-00-00-000Z.json'), error: expect.stringMatching(/JSON/) })
    expect(readFileSync(report.recovered!.backupPath, 'utf8')).toBe(truncatedSettings)
    expect(app.settings.get().ui.theme).toBe('system')
    // The workspace path was in the lost settings, so the default folder opens; the chosen one is untouched and still there to reopen.
    expect(app.workspace.dir).toBe(join(appData, 'workspace'))
    await app.workspace.close()
    const chosen = await WorkspaceStore.open({ dir: workspaceDir })
    const list = chosen.list()
    expect(list.map((s) => [s.name, s.userid, !!s.error])).toEqual([
      ['Alpha', 'u-Alpha', false],
      ['Beta', '', true],
      ['Gamma', 'u-Gamma', false]
    ])
    expect(list[1].error).toMatch(/Not valid JSON.*truncated/)
    expect(readFileSync(betaPath, 'utf8')).toBe(truncatedBeta)
    await chosen.close()
  })
})
