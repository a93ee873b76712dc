/**
 * The installers' configuration, checked here where Electron cannot be
 * downloaded: electron-builder's own validation (its JSON schema and rules),
 * the fuses a shipped app needs (Electron security checklist), the targets
 * the issue asks for, the project's icon set, and `npm run dist` saying in
 * one sentence why it cannot package where the binary is absent.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeTempDir } from '../../../support/temp-dir'

const ROOT = resolve(import.meta.dirname, '../../../..')
const require = createRequire(import.meta.url)
const config = JSON.parse(readFileSync(join(ROOT, 'electron-builder.json'), 'utf8')) as Record<string, unknown> & {
  electronFuses: Record<string, boolean>
  files: string[]
  linux: { target: Array<{ target: string; arch: string[] }>; icon: string }
  mac: { target: Array<{ target: string; arch: string[] }> }
  win: { target: Array<{ target: string; arch: string[] }> }
}

interface BuilderConfigModule {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>
}
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as BuilderConfigModule
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }

function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path)
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

describe('electron-builder configuration', () => {
  // The "$schema" key is for editors; electron-builder's schema does not list it.
  const builderConfig = Object.fromEntries(Object.entries(config).filter(([key]) => key !== '$schema'))

  it("passes electron-builder's own validation", async () => {
    await expect(validateConfiguration(builderConfig, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('the validation is real: an unknown option or a wrong fuse type is refused', async () => {
    await expect(validateConfiguration({ ...builderConfig, notAnOption: true }, new DebugLogger(false))).rejects.toThrow(/notAnOption/)
    await expect(validateConfiguration({ ...builderConfig, electronFuses: { runAsNode: 'no' } }, new DebugLogger(false))).rejects.toThrow(/runAsNode/)
  })

  it('sets the fuses of a shipped app (Electron security checklist: "Consider using fuses")', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false
    })
    expect(config.asar).toBe(true)
  })

  it('builds AppImage and deb on Linux, dmg on macOS, nsis on Windows, for x64 and arm64', () => {
    const targets = (list: Array<{ target: string; arch: string[] }>) => Object.fromEntries(list.map((t) => [t.target, [...t.arch].sort()]))
    expect(targets(config.linux.target)).toEqual({ AppImage: ['arm64', 'x64'], deb: ['arm64', 'x64'] })
    expect(targets(config.mac.target)).toEqual({ dmg: ['arm64', 'x64'] })
    expect(targets(config.win.target)).toEqual({ nsis: ['arm64', 'x64'] })
    expect(config.appId).toMatch(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/)
    expect(config.productName).toBe('Qrvey Embed Workbench')
  })

  it('ships only the built app and its window icon, no sources or source maps', () => {
    expect(config.files).toEqual(['out/**/*', 'build/icons/256x256.png', 'package.json', '!**/*.map'])
  })

  it('has its own icon set: 1024 px for macOS and Windows, the usual sizes for Linux', () => {
    expect(pngSize(join(ROOT, 'build', 'icon.png'))).toEqual({ width: 1024, height: 1024 })
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(join(ROOT, config.linux.icon, `${size}x${size}.png`))).toEqual({ width: size, height: size })
    }
  })
})

describe('npm run dist without an Electron binary', () => {
  it('says why in one sentence and exits 1, building nothing', () => {
    const empty = makeTempDir('qwb-no-electron-')
    try {
      // An override folder without Electron in it, and a mirror nobody listens on: no binary, no download.
      const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'dist.mjs')], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          ...process.env,
          ELECTRON_OVERRIDE_DIST_PATH: empty.dir,
          ELECTRON_MIRROR: 'http://127.0.0.1:9/',
          electron_config_cache: empty.dir,
          QWB_ELECTRON_FETCH_TIMEOUT_MS: '30000'
        }
      })
      expect(result.status).toBe(1)
      const lines = result.stderr.trim().split('\n')
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(/^npm run dist needs the Electron \d+\.\d+\.\d+ binary, which is not on this machine and could not be downloaded \(.+\); run it where the internet is reachable/)
      expect(result.stdout).not.toMatch(/electron-builder|vite/)
    } finally {
      empty.cleanup()
    }
  })
})
