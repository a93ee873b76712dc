/**
 * scripts/check-fuses.mjs is what the desktop workflow runs on the app it
 * packaged. Here it reads a stand-in binary: a fuse wire as Electron ships it
 * (every fuse at Electron's default), flipped by @electron/fuses exactly as
 * electron-builder flips it from electron-builder.json.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses'
import { afterAll, describe, expect, it } from 'vitest'
import { makeTempDir } from '../../../support/temp-dir'

const ROOT = resolve(import.meta.dirname, '../../../..')
const builder = JSON.parse(readFileSync(join(ROOT, 'electron-builder.json'), 'utf8')) as { executableName: string; electronFuses: Record<string, boolean> }
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
// Electron's defaults: RunAsNode, NODE_OPTIONS, --inspect and file:// privileges on; the rest off.
const ELECTRON_DEFAULT_WIRE = '10110001'

function fakeUnpackedApp(dir: string): string {
  const folder = join(dir, process.platform === 'win32' ? 'win-unpacked' : 'linux-unpacked')
  mkdirSync(folder, { recursive: true })
  const executable = join(folder, process.platform === 'win32' ? `${builder.executableName}.exe` : builder.executableName)
  writeFileSync(executable, Buffer.concat([Buffer.from('ELF-ish prefix'), Buffer.from(SENTINEL), Buffer.from([1, ELECTRON_DEFAULT_WIRE.length]), Buffer.from(ELECTRON_DEFAULT_WIRE), Buffer.from('suffix')]))
  return executable
}

const check = (outputDir: string) => spawnSync(process.execPath, [join(ROOT, 'scripts', 'check-fuses.mjs'), outputDir], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 })

describe('the packaged app fuse check', () => {
  const temp = makeTempDir('qwb-fuses-')
  afterAll(() => temp.cleanup())

  it('fails on an app whose fuses were never flipped, naming each one', () => {
    const dir = join(temp.dir, 'unflipped')
    fakeUnpackedApp(dir)
    const result = check(dir)
    expect(result.status).toBe(1)
    expect(result.stdout).toMatch(/FAIL runAsNode: true \(wanted false\)/)
    expect(result.stdout).toMatch(/FAIL enableNodeCliInspectArguments: true \(wanted false\)/)
    expect(result.stdout).toMatch(/FAIL onlyLoadAppFromAsar: false \(wanted true\)/)
  })

  it('passes on an app flipped from electron-builder.json, as electron-builder flips it', async () => {
    const dir = join(temp.dir, 'flipped')
    const executable = fakeUnpackedApp(dir)
    const fuses = builder.electronFuses
    await flipFuses(executable, {
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: fuses.runAsNode,
      [FuseV1Options.EnableCookieEncryption]: fuses.enableCookieEncryption,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: fuses.enableNodeOptionsEnvironmentVariable,
      [FuseV1Options.EnableNodeCliInspectArguments]: fuses.enableNodeCliInspectArguments,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: fuses.enableEmbeddedAsarIntegrityValidation,
      [FuseV1Options.OnlyLoadAppFromAsar]: fuses.onlyLoadAppFromAsar,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: fuses.loadBrowserProcessSpecificV8Snapshot,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: fuses.grantFileProtocolExtraPrivileges
    })
    const result = check(dir)
    expect(result.stdout).toContain('all fuses as configured')
    expect(result.status).toBe(0)
  })
})
