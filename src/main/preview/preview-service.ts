/**
 * Turns a generated token into a running preview: the widget configuration
 * (src/shared/widget-config.ts), the host page (src/shared/host-page.ts) and
 * a URL on the preview origin. The API key is not an input here at all.
 */
import type { CreatePreviewRequest, PreviewCreated } from '../../shared/ipc-contract'
import { buildHostPage, hostPageCsp, withoutPreviewBlock } from '../../shared/host-page'
import { fail, ok, type Result } from '../../shared/result'
import { findWidget } from '../../shared/widget-catalog'
import { buildWidgetConfig } from '../../shared/widget-config'
import type { PreviewServerHandle, PublishOptions } from './preview-server'
import type { SecretGuard } from '../workspace/secret-guard'

export interface DomainLookup {
  domainOf(environmentId: string): Result<string>
}

/** Opens a preview URL in a window of its own (Electron only). */
export type PopOutOpener = (url: string) => void

export class PreviewService {
  constructor(
    private readonly environments: DomainLookup,
    private readonly server: PreviewServerHandle,
    private readonly workbenchOrigin: string,
    private readonly popOutOpener?: PopOutOpener,
    /** Refuses a page that would carry an API key (in any encoding) to the preview origin. */
    private readonly guard?: SecretGuard
  ) {}

  /** `options.compareSlot`: a compare frame's page, served on that frame's own origin (preview-server.ts). */
  create(request: CreatePreviewRequest, options: PublishOptions = {}): Result<PreviewCreated> {
    const widget = findWidget(request.widgetId)
    if (!widget) return fail('INVALID_INPUT', `Unknown widget "${request.widgetId}".`, { field: 'widgetId' })
    const domain = this.environments.domainOf(request.environmentId)
    if (!domain.ok) return domain
    const config = buildWidgetConfig({ widget, domain: domain.value, token: request.token, qrvey86OrNewer: request.qrvey86OrNewer, fields: request.fields })
    const html = buildHostPage({ widget, domain: domain.value, config, preview: { parentOrigin: this.workbenchOrigin, sandboxScheme: request.sandboxScheme } })
    // The token is a credential the page must carry; an API key never (the guard names keys before tokens).
    const leak = this.guard?.check(html)
    if (leak?.includes('API key')) return fail('KEY_ECHOED', 'The preview was not opened: the page would contain an API key. Generate a new token and try again.')
    const url = this.server.publish({ html, csp: hostPageCsp(domain.value) }, options)
    return ok({ url, hostPage: withoutPreviewBlock(html), config })
  }

  get canPopOut(): boolean {
    return !!this.popOutOpener
  }

  popOut(url: string): Result<{ opened: true }> {
    if (!this.popOutOpener) return fail('UNSUPPORTED', 'Pop out needs the desktop app; in this window the preview stays in its pane.')
    if (!url.startsWith(`${this.server.origin}/preview/`)) {
      return fail('INVALID_INPUT', 'Only workbench previews can be popped out.', { field: 'url' })
    }
    this.popOutOpener(url)
    return ok({ opened: true })
  }
}
