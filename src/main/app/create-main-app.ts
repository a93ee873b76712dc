/**
 * The main process without Electron: services, the sandbox, the preview
 * server, the workspace and the handler registry, wired together.
 * src/main/index.ts adds windows, dialogs and ipcMain on top; tests,
 * benchmarks and the Chromium harness use this directly, so they drive
 * exactly what the app runs.
 */
import { join } from 'node:path'
import { SANDBOX_ENVIRONMENT_ID } from '../../shared/environment'
import type { WorkbenchEventName, WorkbenchEvents } from '../../shared/ipc-contract'
import { EnvironmentService } from '../environments/environment-service'
import { HistoryStore } from '../history/history-store'
import { DraftStore } from '../drafts/draft-store'
import { DiscoveryService } from '../discovery/discovery-service'
import { SandboxDiscovery } from '../discovery/sandbox-discovery'
import { createHttpClient } from '../http/http-client'
import { HandlerRegistry } from '../ipc/handler-registry'
import { registerHandlers } from '../ipc/register-handlers'
import { allowOnlyOrigin } from '../ipc/sender-policy'
import { scrubReply } from '../ipc/reply-scrub'
import { FileLogger, SecretRedactor } from '../logging/logger'
import { startPreviewServer, type PreviewServerHandle } from '../preview/preview-server'
import { PreviewService, type PopOutOpener } from '../preview/preview-service'
import { generateDemoKey } from '../../sandbox/server/demo-key'
import { startSandbox, type SandboxHandle } from '../../sandbox/server/server'
import { EncryptedSecretVault, type StringCipher } from '../secrets/secret-vault'
import { openStoreSafely, type StoreRecoveryReport } from '../settings/open-store-safely'
import { SettingsService } from '../settings/settings-service'
import { DelegatingStore } from '../storage/delegating-store'
import type { KeyValueStore } from '../storage/key-value-store'
import { TokenService } from '../tokens/token-service'
import { RoutedStore } from '../workspace/routed-store'
import { createSecretGuard } from '../workspace/secret-guard'
import { WorkspaceService } from '../workspace/workspace-service'

export interface MainAppOptions {
  /** Folder for the log, the history and (in Node) the stores. */
  dataDir: string
  cipher: StringCipher
  openStore: (name: string) => KeyValueStore
  /** Where the store named `name` keeps its file, to move it aside if it is damaged. */
  storeFile: (name: string) => string
  /** Origin of the workbench page; IPC from anywhere else is refused. */
  rendererOrigin: string
  version: string
  /** Fixed sandbox port; default: a free one. */
  sandboxPort?: number
  /** Opens a preview in a window of its own; only the desktop app has one. */
  popOut?: PopOutOpener
  /** Asks the user for a folder (the desktop app's dialog); absent: not offered. */
  chooseFolder?: () => Promise<string | undefined>
  /** Delivers an event to the workbench page. */
  emit?: <E extends WorkbenchEventName>(event: E, payload: WorkbenchEvents[E]) => void
}

export interface MainApp {
  registry: HandlerRegistry
  environments: EnvironmentService
  tokens: TokenService
  sandbox: SandboxHandle
  previewServer: PreviewServerHandle
  preview: PreviewService
  workspace: WorkspaceService
  history: HistoryStore
  settings: SettingsService
  drafts: DraftStore
  logFile: string
  close(): Promise<void>
}

export async function createMainApp(options: MainAppOptions): Promise<MainApp> {
  const redactor = new SecretRedactor()
  const logFile = join(options.dataDir, 'logs', 'main.log')
  const logger = new FileLogger(logFile, redactor)
  const notices: string[] = []

  // A damaged store file is moved aside and reported, never wiped (issue 4).
  const recoveries: StoreRecoveryReport[] = []
  const openSafely = (name: string): KeyValueStore => {
    const { store, report } = openStoreSafely(() => options.openStore(name), options.storeFile(name))
    if (report.recovered) {
      recoveries.push(report)
      notices.push(`The ${name} file was damaged and was moved aside to ${report.backupPath}; the app started with a fresh one.`)
      logger.log('warn', 'store.recovered', { name, backupPath: report.backupPath, error: report.error })
    }
    return store
  }

  const settingsStore = openSafely('settings')
  const settings = new SettingsService(settingsStore, recoveries.find((r) => r.backupPath?.includes('settings')))
  const vault = new EncryptedSecretVault(options.cipher, openSafely('secrets'), (secret) => redactor.remember(secret))
  const guard = createSecretGuard(() => redactor.known())

  // Keep the demo key across restarts where the vault persists, so a user's
  // own backend pointed at the sandbox keeps working.
  const sandbox = await startSandbox({ apiKey: vault.get(SANDBOX_ENVIRONMENT_ID) ?? generateDemoKey(), port: options.sandboxPort ?? 0 })
  redactor.remember(sandbox.apiKey)

  const workspaceDir = settings.get().workspace.path ?? join(options.dataDir, 'workspace')
  const workspaceStore = await WorkspaceService.open(workspaceDir, guard)
  const environmentsFile = new DelegatingStore(workspaceStore.environmentsStore())
  const environments = new EnvironmentService(new RoutedStore(environmentsFile, ['environments'], openSafely('environments')), vault, sandbox)
  const emit = options.emit ?? (() => {})
  const workspace = new WorkspaceService({
    store: workspaceStore,
    path: workspaceDir,
    environments,
    environmentsStore: environmentsFile,
    guard,
    onImportFallback: (reason) => logger.log('warn', 'import.parsed-on-main-thread', { reason }),
    onChange: (change) => {
      emit('workspace:changed', workspace.state())
      if (change === 'switched' || change.environments) emit('environments:changed', environments.state())
    }
  })

  const history = new HistoryStore({ file: join(options.dataDir, 'history.jsonl'), guard })
  if (history.loadReport.skippedLines > 0) notices.push(`${history.loadReport.skippedLines} damaged line(s) of the history were skipped.`)

  const drafts = new DraftStore(join(options.dataDir, 'draft.json'), guard)
  // Main can read the sandbox's own tokens: their expiry is shown exactly, not estimated.
  const sandboxOrigin = new URL(sandbox.url).origin
  const tokens = new TokenService(createHttpClient(), environments, undefined, async (token, domain) =>
    originOf(domain) === sandboxOrigin ? sandbox.issuer.peek(token) : undefined
  )
  const discovery = new DiscoveryService({ targets: environments, http: createHttpClient(), sandbox: { origin: sandboxOrigin, source: new SandboxDiscovery() } })
  // Previews may be framed by the workbench page only (CSP frame-ancestors).
  const previewServer = await startPreviewServer({ frameAncestors: options.rendererOrigin })
  const preview = new PreviewService(environments, previewServer, options.rendererOrigin, options.popOut, guard)
  const registry = new HandlerRegistry(allowOnlyOrigin(options.rendererOrigin), logger, (reply) => scrubReply(redactor.echo(), reply))
  const appInfo = {
    version: options.version,
    sandboxUrl: sandbox.url,
    previewOrigin: previewServer.origin,
    canPopOut: preview.canPopOut,
    canChooseFolder: !!options.chooseFolder,
    notices
  }
  registerHandlers(registry, {
    environments,
    tokens,
    preview,
    sandboxControl: sandbox.control,
    sandboxTokens: sandbox.issuer,
    workspace,
    history,
    settings,
    drafts,
    discovery,
    chooseFolder: options.chooseFolder,
    logger,
    appInfo
  })
  logger.log('info', 'app.started', { version: options.version, sandboxUrl: sandbox.url, workspace: workspaceDir, vaultPersistent: vault.status().persistent })

  return {
    registry,
    environments,
    tokens,
    sandbox,
    previewServer,
    preview,
    workspace,
    history,
    settings,
    drafts,
    logFile,
    close: async () => {
      await Promise.all([sandbox.close(), previewServer.close(), workspace.close()])
    }
  }
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}
