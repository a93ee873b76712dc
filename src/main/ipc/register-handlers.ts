/** Maps each IPC channel to the service call behind it. No logic lives here beyond recording history. */
import { statSync } from 'node:fs'
import type { AppInfo } from '../../shared/ipc-contract'
import { fail, ok } from '../../shared/result'
import type { DraftStore } from '../drafts/draft-store'
import type { DiscoveryService } from '../discovery/discovery-service'
import { demoSetups } from '../../sandbox/data/demo-setups'
import type { EnvironmentService } from '../environments/environment-service'
import type { HistoryStore } from '../history/history-store'
import type { Logger } from '../logging/logger'
import type { PreviewService } from '../preview/preview-service'
import type { SandboxControl } from '../../sandbox/server/control'
import type { TokenIssuer } from '../../sandbox/server/token-issuer'
import type { SettingsService } from '../settings/settings-service'
import type { TokenService } from '../tokens/token-service'
import type { WorkspaceService } from '../workspace/workspace-service'
import type { CompareService } from '../compare/compare-service'
import type { HandlerRegistry } from './handler-registry'
import { buildCodeRequest } from '../../shared/codegen'
import { buildStarter, starterRunCommand } from '../../shared/codegen/starter'
import { findWidget } from '../../shared/widget-catalog'
import { StarterFolderError, writeStarter } from '../starter/write-starter'
import { zipStarter } from '../starter/zip-starter'
import type { STARTER_LANGUAGE_IDS } from '../../shared/codegen/starter'
import type { TokenBody } from '../../shared/token-request'
import { demoPersonas } from '../../sandbox/data/demo-personas'
import { addDemoPersonas, exportPersonas, personaShareText } from '../personas/persona-transfer'
import type { DoctorService } from '../doctor/doctor-service'
import type { Result } from '../../shared/result'
import type { SupportBundle, SupportBundleRequest } from '../../shared/support-bundle'

export interface HandlerServices {
  environments: EnvironmentService
  tokens: TokenService
  preview: PreviewService
  sandboxControl: SandboxControl
  /** The sandbox's issuer: "fast-forward" expires one of its tokens now. */
  sandboxTokens: Pick<TokenIssuer, 'expireNow'>
  workspace: WorkspaceService
  history: HistoryStore
  settings: SettingsService
  drafts: DraftStore
  discovery: DiscoveryService
  doctor: Pick<DoctorService, 'run'>
  supportBundle: (request: SupportBundleRequest) => Result<SupportBundle>
  chooseFolder?: () => Promise<string | undefined>
  /** Asks where to write a starter (the desktop app's save dialog); absent: not offered. */
  chooseStarterFolder?: (suggestedName: string) => Promise<string | undefined>
  /** Browser mode has no folder dialog: a typed path opens the folder instead. */
  typedFolders?: boolean
  logger: Logger
  appInfo: AppInfo
  /** The RLS lab's compare view (issue 12). */
  compare?: CompareService
}

export function registerHandlers(registry: HandlerRegistry, s: HandlerServices): void {
  registry.handle('app:info', () => ok(s.appInfo))

  registry.handle('environments:list', () => ok(s.environments.state()))
  registry.handle('environments:create', (req) => s.environments.create(req))
  registry.handle('environments:update', (req) => s.environments.update(req))
  registry.handle('environments:set-key', (req) => s.environments.setKey(req.id, req.apiKey))
  registry.handle('environments:remove-key', (req) => s.environments.removeKey(req.id))
  registry.handle('environments:delete', (req) => s.environments.remove(req.id))
  registry.handle('environments:select', (req) => s.environments.select(req.id))

  registry.handle('tokens:generate', async (req) => {
    const seen: { environmentName?: string } = {}
    const result = await s.tokens.generate(req, seen)
    // Read again only where the request stopped before its environment was resolved (no such environment, a key bound elsewhere).
    const environmentName = seen.environmentName ?? s.environments.nameOf(req.environmentId)
    // A request refused before it was sent (no such environment) is not history: refused calls change nothing.
    if (environmentName === undefined) return result
    // The user stopped it: not a failure of the instance, so not history either (issue 11).
    if (!result.ok && result.error.code === 'CANCELLED') {
      s.logger.log('info', 'token.cancelled', { environmentId: req.environmentId })
      return result
    }
    s.logger.log(result.ok ? 'info' : 'warn', 'token.requested', {
      environmentId: req.environmentId,
      ...(result.ok ? { status: result.value.status, durationMs: result.value.durationMs } : { code: result.error.code })
    })
    const recorded = s.history.add({
      kind: 'token',
      status: result.ok ? 'success' : 'failure',
      setupName: req.context?.setupName,
      environmentName,
      widget: req.context?.widgetId,
      userid: req.body.userid,
      appid: req.body.appid,
      httpStatus: result.ok ? result.value.status : undefined,
      errorCode: result.ok ? undefined : result.error.code,
      error: result.ok ? undefined : result.error.message,
      timings: result.ok ? { total: result.value.durationMs } : {},
      token: result.ok ? result.value.token : undefined,
      request: {
        environmentId: req.environmentId,
        body: req.body,
        timeoutMs: req.timeoutMs,
        widgetId: req.context?.widgetId,
        widgetFields: req.context?.widgetFields,
        qrvey86OrNewer: req.context?.qrvey86OrNewer
      }
    })
    if (!recorded.ok) s.logger.log('warn', 'history.refused', { reason: recorded.error.message })
    return result
  })

  registry.handle('tokens:cancel', (req) => {
    const cancelled = s.tokens.cancel(req.requestId)
    return ok({ cancelled })
  })

  registry.handle('preview:create', (req) => s.preview.create(req))
  registry.handle('preview:pop-out', (req) => s.preview.popOut(req.url))

  registry.handle('sandbox:modes', () => ok({ ...s.sandboxControl.get() }))
  registry.handle('sandbox:set-modes', (req) => {
    const modes = { ...s.sandboxControl.set(req) }
    s.logger.log('info', 'sandbox.modes-changed', { modes })
    return ok(modes)
  })
  registry.handle('sandbox:reset-modes', () => ok({ ...s.sandboxControl.reset() }))
  registry.handle('sandbox:expire-token', async (req) => {
    if (!(await s.sandboxTokens.expireNow(req.token))) {
      return fail('INVALID_INPUT', 'Fast-forward works only for tokens the offline sandbox issued: a Qrvey instance decides itself when its tokens expire.')
    }
    s.logger.log('info', 'sandbox.token-expired-early', {})
    return ok({ expiresAt: new Date().toISOString() })
  })

  // A large workspace is indexed in the background at start (WorkspaceService.openAtStart): what reads
  // the list waits for the index, so it never answers from half of it. Writes queue behind it anyway.
  const indexed = <R, A extends unknown[]>(read: (...args: A) => R) => async (...args: A): Promise<Awaited<R>> => {
    await s.workspace.store.whenIndexed()
    return await read(...args)
  }
  registry.handle('workspace:info', indexed(() => ok(s.workspace.state())))
  registry.handle('workspace:reload', async () => {
    await s.workspace.store.load()
    return ok(s.workspace.state())
  })
  // The only ways the workspace folder changes: a folder the user picked in
  // main's own dialog, or (browser mode, which has none) a typed path.
  const openFolder = async (dir: string) => {
    const switched = await s.workspace.switchTo(dir)
    if (!switched.ok) return switched
    const recent = [dir, ...s.settings.get().workspace.recent.filter((p) => p !== dir)].slice(0, 10)
    const saved = s.settings.update({ workspace: { path: dir, recent } })
    if (!saved.ok) s.logger.log('warn', 'settings.workspace-not-saved', { reason: saved.error.message })
    return switched
  }
  registry.handle('workspace:choose-folder', async () => {
    if (!s.chooseFolder) return fail('UNSUPPORTED', 'Choosing a workspace folder needs the desktop app; in browser mode, type the folder\'s path.')
    const dir = await s.chooseFolder()
    return dir ? openFolder(dir) : ok(s.workspace.state())
  })
  registry.handle('workspace:open-folder', async (req) => {
    if (!s.typedFolders) return fail('UNSUPPORTED', 'The desktop app opens a workspace folder through its folder dialog (Open folder…).')
    let isDir = false
    try {
      isDir = statSync(req.path).isDirectory()
    } catch {
      return fail('NOT_FOUND', `There is no folder at ${req.path}. Create it first, or type the path of an existing folder.`, { field: 'path' })
    }
    if (!isDir) return fail('INVALID_INPUT', `${req.path} is a file, not a folder. Type the path of a folder.`, { field: 'path' })
    return openFolder(req.path)
  })
  registry.handle('workspace:search', indexed((req) => ok(s.workspace.store.search(req.query, req.limit))))
  registry.handle('workspace:page', indexed((req) => ok(s.workspace.store.page(req.query ?? '', req.offset, req.limit))))
  registry.handle('workspace:summaries', indexed((req) => ok(s.workspace.store.summaries(req.ids))))
  registry.handle('workspace:get', indexed((req) => s.workspace.store.get(req.id)))
  registry.handle('workspace:save', (req) => s.workspace.store.save({ id: req.id, setup: req.setup as never, baseRevision: req.baseRevision }))
  registry.handle('workspace:rename', (req) => s.workspace.store.rename(req.id, req.name))
  registry.handle('workspace:duplicate', (req) => s.workspace.store.duplicate(req.id, req.name))
  registry.handle('workspace:delete', (req) => s.workspace.store.delete(req.ids))
  registry.handle('workspace:restore', (req) => s.workspace.store.restore(req.undoToken))
  registry.handle('workspace:export', indexed((req) => {
    const exported = s.workspace.exportSetups(req.ids)
    if (!exported.ok) return exported
    const { text, fileName, dropped, skipped } = exported.value
    return ok({ text, fileName, dropped, skipped })
  }))
  registry.handle('workspace:share-text', indexed((req) => {
    const text = s.workspace.shareText(req.id)
    return text.ok ? ok({ text: text.value }) : text
  }))
  registry.handle('workspace:import-preview', indexed((req) => s.workspace.previewImport(req.text, req.onConflict, req.renameEnvironments)))
  registry.handle('workspace:import-apply', (req) => s.workspace.applyImport(req.importId, req.onConflict, req.renameEnvironments))

  registry.handle('history:list', (req) => ok(s.history.query(req)))
  registry.handle('history:clear', () => {
    s.history.clear()
    return ok({ cleared: true as const })
  })
  registry.handle('history:record-preview', (req) => {
    const environmentName = s.environments.nameOf(req.environmentId)
    if (environmentName === undefined) return fail('NOT_FOUND', 'That environment no longer exists; the preview run was not recorded.')
    return s.history.add({ kind: 'preview', status: req.status, setupName: req.setupName, environmentName, widget: req.widgetId, timings: req.timings, error: req.error })
  })

  registry.handle('settings:get', () => ok({ settings: s.settings.get(), report: s.settings.openReport() }))
  registry.handle('settings:update', (req) => s.settings.update(req))

  const starterFiles = (req: { languageId: (typeof STARTER_LANGUAGE_IDS)[number]; widgetId: string; domain: string; body: TokenBody; fields: Record<string, string | boolean>; qrvey86OrNewer: boolean }) => {
    const widget = findWidget(req.widgetId)!
    const request = buildCodeRequest({ widget, domain: req.domain, body: req.body, qrvey86OrNewer: req.qrvey86OrNewer, fields: req.fields })
    return buildStarter(req.languageId, request)
  }
  registry.handle('code:export-starter', async (req) => {
    // A typed folder: browser mode only (the desktop app writes only where its own save dialog pointed).
    if (req.folder !== undefined && !s.typedFolders) return fail('UNSUPPORTED', 'The desktop app asks where to write the starter with its save dialog (Export starter…).')
    if (req.folder === undefined && !s.chooseStarterFolder) {
      return fail('UNSUPPORTED', 'Browser mode has no folder dialog: type the path of a new or empty folder for the starter, or download it as a .zip.')
    }
    const files = starterFiles(req)
    const folder = req.folder ?? (await s.chooseStarterFolder!(`qrvey-starter-${req.languageId}`))
    if (!folder) return ok(null)
    try {
      const written = await writeStarter(folder, files)
      s.logger.log('info', 'starter.exported', { languageId: req.languageId, folder, typed: req.folder !== undefined })
      return ok({ folder, files: written, run: starterRunCommand(req.languageId) })
    } catch (error) {
      if (error instanceof StarterFolderError) return fail('INVALID_INPUT', error.message, { field: 'folder' })
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return fail('INVALID_INPUT', `The workbench may not write to ${folder} (${code}). Choose a folder you can write to.`, { field: 'folder' })
      return fail('INTERNAL', `Could not write the starter to ${folder}: ${(error as Error).message}`)
    }
  })
  registry.handle('code:starter-zip', (req) => {
    const name = `qrvey-starter-${req.languageId}`
    const files = starterFiles(req)
    const zip = zipStarter(name, files)
    s.logger.log('info', 'starter.zipped', { languageId: req.languageId, bytes: zip.byteLength })
    return ok({ fileName: `${name}.zip`, base64: Buffer.from(zip).toString('base64'), files: files.map((f) => f.path), run: starterRunCommand(req.languageId) })
  })
  registry.handle('discovery:list', (req) => s.discovery.list(req))
  registry.handle('demos:list', () => ok(demoSetups()))
  registerPersonaHandlers(registry, s)
  registry.handle('drafts:get', () => ok(s.drafts.get()))
  registry.handle('drafts:put', (req) => s.drafts.put(req))
  registry.handle('drafts:clear', () => {
    s.drafts.clear()
    return ok({ cleared: true as const })
  })

  // Issue 12: the compare view (tokens through the TokenService; the key stays here).
  registry.handle('compare:start', (req) => (s.compare ? s.compare.start(req) : fail('UNSUPPORTED', 'Comparing personas is not available here.')))
  registry.handle('compare:values', (req) => (s.compare ? s.compare.values(req) : fail('UNSUPPORTED', 'Comparing personas is not available here.')))
  registry.handle('doctor:run', async (req) => {
    const report = await s.doctor.run(req)
    if (report.ok) s.logger.log(report.value.ok ? 'info' : 'warn', 'doctor.ran', { environment: report.value.environment.name, failedStep: report.value.failedStep })
    return report
  })
  registry.handle('support:bundle', (req) => s.supportBundle(req))
}

/** Personas (issue 12): the workspace's personas/ folder, through the workspace service (it switches with the folder). */
function registerPersonaHandlers(registry: HandlerRegistry, s: HandlerServices): void {
  const store = () => s.workspace.personas
  registry.handle('personas:list', () => ok(store().list()))
  registry.handle('personas:get', (req) => store().get(req.id))
  registry.handle('personas:save', (req) => store().save({ id: req.id, persona: req.persona, baseRevision: req.baseRevision }))
  registry.handle('personas:rename', (req) => store().rename(req.id, req.name))
  registry.handle('personas:duplicate', (req) => store().duplicate(req.id, req.name))
  registry.handle('personas:delete', (req) => store().delete(req.ids))
  registry.handle('personas:restore', (req) => store().restore(req.undoToken))
  registry.handle('personas:export', (req) => {
    const exported = exportPersonas(store(), req.ids, new Date())
    if (!exported.ok) return exported
    const { text, fileName, dropped, skipped } = exported.value
    return ok({ text, fileName, dropped, skipped })
  })
  registry.handle('personas:share-text', (req) => {
    const text = personaShareText(store(), req.id, new Date())
    return text.ok ? ok({ text: text.value }) : text
  })
  registry.handle('personas:demos', () => ok(demoPersonas()))
  registry.handle('personas:add-demos', () =>
    addDemoPersonas(
      store(),
      demoPersonas().map((d) => d.persona)
    )
  )
}
