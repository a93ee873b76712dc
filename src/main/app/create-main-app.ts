/**
 * The main process without Electron: services, the sandbox and the handler
 * registry, wired together. src/main/index.ts adds windows and ipcMain on top;
 * tests, benchmarks and the Chromium harness use this directly, so they drive
 * exactly what the app runs.
 */
import { join } from 'node:path'
import { SANDBOX_ENVIRONMENT_ID } from '../../shared/environment'
import { EnvironmentService } from '../environments/environment-service'
import { createHttpClient } from '../http/http-client'
import { HandlerRegistry } from '../ipc/handler-registry'
import { registerHandlers } from '../ipc/register-handlers'
import { allowOnlyOrigin } from '../ipc/sender-policy'
import { FileLogger, SecretRedactor } from '../logging/logger'
import { startPreviewServer, type PreviewServerHandle } from '../preview/preview-server'
import { PreviewService, type PopOutOpener } from '../preview/preview-service'
import { generateDemoKey } from '../sandbox/demo-key'
import { startSandbox, type SandboxHandle } from '../sandbox/server'
import { EncryptedSecretVault, type StringCipher } from '../secrets/secret-vault'
import type { KeyValueStore } from '../storage/key-value-store'
import { TokenService } from '../tokens/token-service'

export interface MainAppOptions {
  /** Folder for the log (and, in Node, the stores). */
  dataDir: string
  cipher: StringCipher
  openStore: (name: string) => KeyValueStore
  /** Origin of the workbench page; IPC from anywhere else is refused. */
  rendererOrigin: string
  version: string
  /** Fixed sandbox port; default: a free one. */
  sandboxPort?: number
  /** Opens a preview in a window of its own; only the desktop app has one. */
  popOut?: PopOutOpener
}

export interface MainApp {
  registry: HandlerRegistry
  environments: EnvironmentService
  tokens: TokenService
  sandbox: SandboxHandle
  previewServer: PreviewServerHandle
  preview: PreviewService
  logFile: string
  close(): Promise<void>
}

export async function createMainApp(options: MainAppOptions): Promise<MainApp> {
  const redactor = new SecretRedactor()
  const logFile = join(options.dataDir, 'logs', 'main.log')
  const logger = new FileLogger(logFile, redactor)
  const vault = new EncryptedSecretVault(options.cipher, options.openStore('secrets'), (secret) => redactor.remember(secret))

  // Keep the demo key across restarts where the vault persists, so a user's
  // own backend pointed at the sandbox keeps working.
  const sandbox = await startSandbox({ apiKey: vault.get(SANDBOX_ENVIRONMENT_ID) ?? generateDemoKey(), port: options.sandboxPort ?? 0 })
  redactor.remember(sandbox.apiKey)

  const environments = new EnvironmentService(options.openStore('environments'), vault, sandbox)
  const tokens = new TokenService(createHttpClient(), environments)
  const previewServer = await startPreviewServer()
  const preview = new PreviewService(environments, previewServer, options.rendererOrigin, options.popOut)
  const registry = new HandlerRegistry(allowOnlyOrigin(options.rendererOrigin), logger)
  const appInfo = { version: options.version, sandboxUrl: sandbox.url, previewOrigin: previewServer.origin, canPopOut: preview.canPopOut }
  registerHandlers(registry, { environments, tokens, preview, sandboxControl: sandbox.control, logger, appInfo })
  logger.log('info', 'app.started', { version: options.version, sandboxUrl: sandbox.url, vaultPersistent: vault.status().persistent })

  return {
    registry,
    environments,
    tokens,
    sandbox,
    previewServer,
    preview,
    logFile,
    close: async () => {
      await Promise.all([sandbox.close(), previewServer.close()])
    }
  }
}
