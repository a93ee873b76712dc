/**
 * Starting the real Electron app for the `_electron` suite: the packaged app
 * when QWB_ELECTRON_EXECUTABLE points at it (the desktop workflow runs the
 * suite against what it ships), else the development build (out/main) on the
 * electron package's binary. Never starts a download: where no binary is on
 * the machine, `electronTarget()` says why and the suite reports itself skipped.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron as electron, type ElectronApplication } from '@playwright/test'
import { findElectronBinary } from '../../../scripts/lib/electron-binary.mjs'

const ROOT = resolve(import.meta.dirname, '../../..')

export interface ElectronTarget {
  executablePath: string
  /** The app's entry for the development build; none for a packaged app. */
  args: string[]
  packaged: boolean
}

export type TargetOrReason = { target: ElectronTarget; reason?: undefined } | { target?: undefined; reason: string }

export function electronTarget(): TargetOrReason {
  const packaged = process.env.QWB_ELECTRON_EXECUTABLE
  if (packaged) {
    return existsSync(packaged) ? { target: { executablePath: packaged, args: [], packaged: true } } : { reason: `QWB_ELECTRON_EXECUTABLE=${packaged} does not exist` }
  }
  const binary = findElectronBinary()
  if (!binary) return { reason: 'No Electron binary on this machine (it is downloaded on first use, and the internet is not reachable here); the desktop workflow runs this suite.' }
  const main = join(ROOT, 'out', 'main', 'index.js')
  if (!existsSync(main)) return { reason: 'out/main/index.js is missing: run npm run build:all first' }
  return { target: { executablePath: binary, args: [main], packaged: false } }
}

export interface DataDir {
  dir: string
  cleanup(): void
}

export function makeDataDir(): DataDir {
  const dir = mkdtempSync(join(tmpdir(), 'qwb-electron-'))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Starts the app on its own data folder (`--user-data-dir`), so tests never share state or a single-instance lock. */
export function launchApp(target: ElectronTarget, dataDir: string, env: Record<string, string> = {}): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: target.executablePath,
    args: [...target.args, `--user-data-dir=${dataDir}`],
    env: { ...process.env, ELECTRON_ENABLE_LOGGING: '0', ...env }
  })
}
