/**
 * A data folder as a user leaves it after a normal session, for the
 * start-up tests: one remote environment with its key (active), one setup,
 * one history entry, the dark theme. Then a test damages one file and
 * starts the real composition on the folder again.
 */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { createMainApp, type MainApp } from '../../../../src/main/app/create-main-app'
import { nodeMainAppOptions } from '../../../../src/main/app/node-options'
import { createNodeCipher } from '../../../../src/main/secrets/node-cipher'

export const ORIGIN = 'app://workbench'
export const trusted = { url: `${ORIGIN}/index.html`, isMainFrame: true }
export const ACME_KEY = 'acme-key-1234567890-wxyz'
/** One cipher key for every run on a folder (safeStorage's key is the OS user's, stable across runs). */
export const CIPHER_KEY = Buffer.alloc(32, 9)

export async function startApp(dataDir: string): Promise<MainApp> {
  return createMainApp({ ...nodeMainAppOptions(dataDir, { rendererOrigin: ORIGIN, version: 'test' }), cipher: createNodeCipher(CIPHER_KEY) })
}

export async function call<T = unknown>(app: MainApp, channel: string, payload?: unknown): Promise<T> {
  const result = await app.registry.invoke(channel, payload, trusted)
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

export const alphaSetup = {
  formatVersion: 1,
  name: 'Alpha',
  environment: 'Acme',
  widget: 'page-view',
  token: { userid: 'u-alpha', appid: '59VShVtjM' },
  widgetFields: { dashboardId: 'overview' }
}

/** A normal first session; returns the folder's files as they were left. */
export async function seedDataDir(dataDir: string): Promise<void> {
  const app = await startApp(dataDir)
  try {
    await call(app, 'environments:create', { name: 'Acme', domain: 'https://acme.example.com', apiKey: ACME_KEY })
    await call(app, 'workspace:save', { setup: alphaSetup })
    await call(app, 'settings:update', { ui: { theme: 'dark' } })
    await call(app, 'tokens:generate', { environmentId: 'sandbox', body: { userid: 'u-alpha', appid: '59VShVtjM', expiresIn: '1h' } })
  } finally {
    await app.close()
  }
}

/** Every file (not folder) below `dir`, relative, sorted. */
export function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = []
  for (const name of readdirSync(join(dir, prefix))) {
    const rel = prefix ? `${prefix}/${name}` : name
    if (statSync(join(dir, rel)).isDirectory()) out.push(...listFiles(dir, rel))
    else out.push(rel)
  }
  return out.sort()
}
