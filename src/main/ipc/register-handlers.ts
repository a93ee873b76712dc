/** Maps each IPC channel to the service call behind it. No logic lives here. */
import type { AppInfo } from '../../shared/ipc-contract'
import { ok } from '../../shared/result'
import type { EnvironmentService } from '../environments/environment-service'
import type { Logger } from '../logging/logger'
import type { PreviewService } from '../preview/preview-service'
import type { SandboxControl } from '../sandbox/control'
import type { TokenService } from '../tokens/token-service'
import type { HandlerRegistry } from './handler-registry'

export interface HandlerServices {
  environments: EnvironmentService
  tokens: TokenService
  preview: PreviewService
  sandboxControl: SandboxControl
  logger: Logger
  appInfo: AppInfo
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
    const result = await s.tokens.generate(req)
    s.logger.log(result.ok ? 'info' : 'warn', 'token.requested', {
      environmentId: req.environmentId,
      ...(result.ok ? { status: result.value.status, durationMs: result.value.durationMs } : { code: result.error.code })
    })
    return result
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
}
