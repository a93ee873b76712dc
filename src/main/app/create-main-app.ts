/**
 * The main process without Electron: services, the sandbox, the preview
 * server, the workspace and the handler registry, wired together.
 * src/main/index.ts adds windows, dialogs and ipcMain on top; tests,
 * benchmarks and the Chromium harness use this directly, so they drive
 * exactly what the app runs.
 */
import { renameSync, statSync } from 'node:fs'
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
import { startPreviewServer, type PreviewHost, type PreviewServerHandle } from '../preview/preview-server'
import { PreviewService, type PopOutOpener } from '../preview/preview-service'
import { generateDemoKey } from '../../sandbox/server/demo-key'
import { startSandbox, type SandboxHandle } from '../../sandbox/server/server'
import { EncryptedSecretVault, type StringCipher } from '../secrets/secret-vault'
import { backupPathFor, type StoreRecoveryReport } from '../settings/open-store-safely'
import { openGuardedStore, type StoreShapeCheck } from '../storage/guarded-store'
import { checkActiveEnvironmentFile } from '../environments/active-environment-file'
import { checkSecretsFile } from '../secrets/secrets-file'
import { checkSettingsFile } from '../settings/settings-file'
import type { WorkspaceStore } from '../workspace/workspace-store'
import { acquireInstanceLock, type InstanceLock } from './instance-lock'
import { SettingsService } from '../settings/settings-service'
import { DelegatingStore } from '../storage/delegating-store'
import type { KeyValueStore } from '../storage/key-value-store'
import { StatCheckedStore } from '../storage/stat-checked-store'
import { TokenService } from '../tokens/token-service'
import { RoutedStore } from '../workspace/routed-store'
import { createSecretGuard, type SecretGuard } from '../workspace/secret-guard'
import { WorkspaceService } from '../workspace/workspace-service'
import { CompareService } from '../compare/compare-service'
import { DoctorService } from '../doctor/doctor-service'
import type { WidgetRenderer } from '../doctor/widget-renderer'
import type { PreviewPage } from '../preview/preview-server'
import { createWorkbenchBundler } from '../support/workbench-bundle'

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
  /**
   * The sandbox's port: absent, the one in the settings (4300 unless changed),
   * so its address survives restarts; 0 for any free port (tests: other runs share the machine).
   */
  sandboxPort?: number
  /**
   * The single preview's host name (preview/preview-server.ts): 127.0.0.1 unless set. The
   * benchmarks and tests set 'localhost' to put browser mode's previews on another site than
   * the workbench page, as the desktop app always has them (app://workbench).
   */
  previewHost?: PreviewHost
  /** Opens a preview in a window of its own; only the desktop app has one. */
  popOut?: PopOutOpener
  /** Asks the user for a folder (the desktop app's dialog); absent: not offered. */
  chooseFolder?: () => Promise<string | undefined>
  /**
   * Which shell runs the app, recorded in the data folder's lock ('electron', 'browser'; default 'node').
   * 'browser' (browser mode) also opens workspace folders from typed paths, having no folder dialog.
   */
  shell?: string
  /** Asks where to write a starter folder (the desktop app's save dialog); absent: not offered. */
  chooseStarterFolder?: (suggestedName: string) => Promise<string | undefined>
  /** Delivers an event to the workbench page. */
  emit?: <E extends WorkbenchEventName>(event: E, payload: WorkbenchEvents[E]) => void
  /**
   * Renders a widget in a browser page for Test connection's last step, given the preview
   * server's publish (desktop app: a hidden Electron window; browser mode: headless Chromium through
   * Playwright; both src/main/doctor/driver-renderer.ts); absent: that step is skipped and says why.
   */
  widgetRenderer?: (publish: (page: PreviewPage) => string) => WidgetRenderer
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
  doctor: DoctorService
  logFile: string
  /** This instance's hold on the data folder (released by close()). */
  lock: InstanceLock
  /** What the user was told since start (damaged files moved aside, ...). */
  notices(): string[]
  close(): Promise<void>
}

function errorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException
  return e?.code ? `${e.code}: ${e.message}` : error instanceof Error ? error.message : String(error)
}

/** What the user is told when one of the app's own files was set aside (store name -> words). */
const STORE_LABELS: Record<string, { what: string; then: string }> = {
  settings: { what: 'settings', then: 'the default settings are used' },
  secrets: { what: 'API key store', then: 'enter the API keys of your environments again (the offline sandbox has a new demo key)' },
  environments: { what: 'active-environment', then: 'the offline sandbox is selected' }
}

function storeNotice(name: string, path: string, report: StoreRecoveryReport, whileRunning: boolean): string {
  const label = STORE_LABELS[name] ?? { what: name, then: 'a fresh one is used' }
  const when = whileRunning ? ' while the app was running' : ''
  if (report.memoryOnly) return `The ${label.what} file cannot be used${when} (${path}: ${report.error}). Changes to it are kept only until the app closes.`
  return `The ${label.what} file was damaged${when} and was moved aside to ${report.backupPath} (${report.error}); nothing in it was deleted, and ${label.then}.`
}

/**
 * The default workspace, in the app's own data folder. A file (or anything
 * but a folder) where it should be is moved aside, like a damaged store.
 */
async function openDefaultWorkspace(dir: string, guard: SecretGuard, tell: (text: string) => void, gate: Promise<unknown>): Promise<OpenedWorkspace> {
  try {
    return await WorkspaceService.openAtStart(dir, guard, gate)
  } catch (error) {
    const stat = statSync(dir, { throwIfNoEntry: false })
    if (!stat || stat.isDirectory()) throw error
    const backupPath = backupPathFor(dir, new Date())
    renameSync(dir, backupPath)
    tell(`Something that is not a folder was where the default workspace goes (${dir}); it was moved aside to ${backupPath} and a new workspace was started.`)
    return WorkspaceService.openAtStart(dir, guard, gate)
  }
}

type OpenedWorkspace = Awaited<ReturnType<typeof WorkspaceService.openAtStart>>

/**
 * Starts the sandbox on the wanted port; when that port is taken (a second
 * workbench, another app), on any free one, with a notice saying which.
 */
export async function startSandboxOnPort(apiKey: string, port: number): Promise<{ sandbox: SandboxHandle; portNotice?: string }> {
  try {
    return { sandbox: await startSandbox({ apiKey, port }) }
  } catch (error) {
    if (port === 0 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error
    const sandbox = await startSandbox({ apiKey, port: 0 })
    const used = new URL(sandbox.url).port
    return {
      sandbox,
      portNotice: `The sandbox's port ${port} is taken (another workbench or another program?), so this time it runs on port ${used} (${sandbox.url}). Backends and copied pages pointed at port ${port} will not reach it; free the port and restart, or choose another port in the sandbox panel.`
    }
  }
}

/**
 * Composes the main process. Never rejects because of what is in the user's
 * files: each damaged file is moved aside or listed with its error, the rest
 * loads, and `appInfo.notices` (also sent as `app:notices`) tells the user.
 * It rejects only for what no file can fix: another instance holds the data
 * folder (InstanceLockedError), or the data folder itself cannot be used.
 */
export async function createMainApp(options: MainAppOptions): Promise<MainApp> {
  const lock = acquireInstanceLock(options.dataDir, { shell: options.shell ?? 'node' })
  try {
    return await compose(options, lock)
  } catch (error) {
    lock.release()
    throw error
  }
}

async function compose(options: MainAppOptions, lock: InstanceLock): Promise<MainApp> {
  const redactor = new SecretRedactor()
  const logFile = join(options.dataDir, 'logs', 'main.log')
  const logger = new FileLogger(logFile, redactor)
  const emit = options.emit ?? (() => {})
  const notices: string[] = []
  const tell = (text: string, fields: Record<string, unknown> = {}) => {
    notices.push(text)
    logger.log('warn', 'app.notice', { text, ...fields })
    emit('app:notices', [...notices])
  }

  // The app's own stores: a damaged or wrongly shaped file is moved aside and reported, at start and
  // while running, never wiped (issues 4 and 7).
  const openStore = (name: string, check?: StoreShapeCheck): { store: KeyValueStore; report: StoreRecoveryReport } => {
    const path = options.storeFile(name)
    const opened = openGuardedStore({
      // conf reads its whole file on every get(); a stat tells when that is needed (issue 15).
      open: () => new StatCheckedStore(options.openStore(name)),
      filePath: path,
      check,
      onRecovered: (report) => tell(storeNotice(name, path, report, true), { store: name })
    })
    if (opened.report.recovered || opened.report.memoryOnly) tell(storeNotice(name, path, opened.report, false), { store: name })
    return opened
  }

  const settingsOpened = openStore('settings', checkSettingsFile)
  const settings = new SettingsService(settingsOpened.store, settingsOpened.report)
  const vault = new EncryptedSecretVault(options.cipher, openStore('secrets', checkSecretsFile).store, (secret) => redactor.remember(secret))
  const guard = createSecretGuard(() => redactor.known())

  // Keep the demo key across restarts where the vault persists, so a user's
  // own backend pointed at the sandbox keeps working.
  const { sandbox, portNotice } = await startSandboxOnPort(vault.get(SANDBOX_ENVIRONMENT_ID) ?? generateDemoKey(), options.sandboxPort ?? settings.get().sandbox.port)
  redactor.remember(sandbox.apiKey)
  if (portNotice) {
    notices.push(portNotice)
    logger.log('warn', 'sandbox.port-taken', { wanted: options.sandboxPort ?? settings.get().sandbox.port, url: sandbox.url })
  }

  // The chosen workspace; where it cannot be opened (a removed drive, a file in its place), the default one.
  const defaultWorkspace = join(options.dataDir, 'workspace')
  let workspaceDir = settings.get().workspace.path ?? defaultWorkspace
  // A large folder is indexed in the background (WorkspaceService.openAtStart): the window does not wait for it.
  // Its reading begins when start-up is done (startedUp), so it does not slow the start down.
  let startedUp!: () => void
  const startUpDone = new Promise<void>((resolve) => (startedUp = resolve))
  let opened: OpenedWorkspace
  try {
    opened = await WorkspaceService.openAtStart(workspaceDir, guard, startUpDone)
  } catch (error) {
    if (workspaceDir !== defaultWorkspace) {
      tell(`The workspace folder ${workspaceDir} could not be opened (${errorText(error)}); the default workspace ${defaultWorkspace} is open instead. Use "Open folder…" to open it again once it is available.`)
      workspaceDir = defaultWorkspace
    }
    opened = await openDefaultWorkspace(defaultWorkspace, guard, tell, startUpDone)
  }
  const workspaceStore: WorkspaceStore = opened.store
  const environmentsFile = new DelegatingStore(workspaceStore.environmentsStore())
  const environments = new EnvironmentService(
    new RoutedStore(environmentsFile, ['environments'], openStore('environments', checkActiveEnvironmentFile).store),
    vault,
    sandbox
  )
  const environmentsProblem = workspaceStore.environmentsProblem()
  if (environmentsProblem) tell(`${join(workspaceDir, 'environments.json')}: ${environmentsProblem}`)
  const indexedDir = workspaceDir
  const tellUnreadable = () => {
    const unreadableSetups = workspaceStore.list().filter((s) => s.error)
    if (!unreadableSetups.length) return
    const names = unreadableSetups.slice(0, 3).map((s) => s.file).join(', ')
    tell(`${unreadableSetups.length} setup file(s) in ${indexedDir} cannot be read (${names}${unreadableSetups.length > 3 ? ', ...' : ''}); they are listed with their error and never overwritten.`)
  }
  if (opened.indexed) {
    // Told when the background index is complete; the list's channels have waited for it meanwhile.
    void opened.indexed.then(tellUnreadable, (error) => logger.log('error', 'workspace.index-failed', { reason: errorText(error) }))
  } else tellUnreadable()
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
    },
    onPersonasChange: () => emit('personas:changed', workspace.personas.list())
  })
  // Persona files (issue 12) that cannot be read: listed with their error, never overwritten; said at start like setups.
  const unreadablePersonas = workspace.personas.list().filter((p) => p.error)
  if (unreadablePersonas.length) {
    const names = unreadablePersonas.slice(0, 3).map((p) => p.file).join(', ')
    tell(`${unreadablePersonas.length} persona file(s) in ${workspaceDir} cannot be read (${names}${unreadablePersonas.length > 3 ? ', ...' : ''}); they are listed with their error and never overwritten.`)
  }

  const history = new HistoryStore({ file: join(options.dataDir, 'history.jsonl'), guard })
  const h = history.loadReport
  if (h.movedAside) tell(`The history file ${history.file} could not be used (${h.movedAside.reason}); it was moved aside to ${h.movedAside.backupPath} and a new history was started.`)
  if (h.memoryOnly) tell(`The history file ${history.file} cannot be used: ${h.memoryOnly}. The history is kept only until the app closes.`)
  if (h.skippedLines > 0) tell(`${h.skippedLines} damaged line(s) of the history could not be read; they were copied to ${h.skippedBackup} and left out.`)

  const drafts = new DraftStore(join(options.dataDir, 'draft.json'), guard)
  // Main can read the sandbox's own tokens: their expiry is shown exactly, not estimated.
  const sandboxOrigin = new URL(sandbox.url).origin
  const tokens = new TokenService(createHttpClient(), environments, undefined, async (token, domain) =>
    originOf(domain) === sandboxOrigin ? sandbox.issuer.peek(token) : undefined
  )
  const discovery = new DiscoveryService({ targets: environments, http: createHttpClient(), sandbox: { origin: sandboxOrigin, source: new SandboxDiscovery() } })
  // Previews may be framed by the workbench page only (CSP frame-ancestors).
  const previewServer = await startPreviewServer({ frameAncestors: options.rendererOrigin, host: options.previewHost })
  const preview = new PreviewService(environments, previewServer, options.rendererOrigin, options.popOut, guard)
  // Test connection (issue 13): the doctor's steps, each sent to the page as it finishes.
  const doctor = new DoctorService(
    environments,
    { http: createHttpClient(), renderer: options.widgetRenderer?.(previewServer.publish), pageOrigin: previewServer.origin },
    (progress) => emit('doctor:step', progress)
  )
  const registry = new HandlerRegistry(allowOnlyOrigin(options.rendererOrigin), logger, (reply) => scrubReply(redactor.echo(), reply))
  // Issue 12: the RLS lab's compare view (reads values from the sandbox only).
  const compare = new CompareService({ tokens, preview, environments, sandboxOrigin, http: createHttpClient() })
  const appInfo = {
    version: options.version,
    sandboxUrl: sandbox.url,
    ...(portNotice ? { sandboxPortNote: portNotice } : {}),
    previewOrigin: previewServer.origin,
    compareOrigins: [...previewServer.compareOrigins],
    canPopOut: preview.canPopOut,
    canChooseFolder: !!options.chooseFolder,
    canExportStarter: !!options.chooseStarterFolder,
    canTypeFolder: options.shell === 'browser',
    canTypeStarterFolder: options.shell === 'browser',
    shell: options.shell === 'browser' ? ('browser' as const) : ('desktop' as const),
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
    doctor,
    supportBundle: createWorkbenchBundler({ environments, doctor, echo: () => redactor.echo(), guard, version: options.version, shell: options.shell ?? 'node' }),
    chooseFolder: options.chooseFolder,
    chooseStarterFolder: options.chooseStarterFolder,
    typedFolders: options.shell === 'browser',
    logger,
    appInfo,
    compare
  })
  startedUp()
  logger.log('info', 'app.started', { version: options.version, sandboxUrl: sandbox.url, workspace: workspaceDir, vaultPersistent: vault.status().persistent, notices: notices.length })

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
    doctor,
    logFile,
    lock,
    notices: () => [...notices],
    close: async () => {
      await Promise.all([sandbox.close(), previewServer.close(), workspace.close()])
      lock.release()
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
