/**
 * The widgets beyond dashboards (QRVEY.md §2), one small class each: the
 * element name, its documented config attribute, the name in qvTokenExpired's
 * trigger (Qrvey documents only "Dashboard View Widget"; these follow its
 * pattern) and the view that renders it.
 */
import type { WidgetContext } from '../core/widget-element'
import { QvWidgetElement } from '../core/widget-element'
import { runDownloadManager, type DownloadManagerHandle } from '../views/download-manager-view'
import { runPixelReport } from '../views/pixel-report-view'
import { runWebformDesign } from '../views/webform-design-view'
import { runWebformEndUser } from '../views/webform-view'
import { runWorkflowDesign } from '../views/workflow-view'

/** Pixel-perfect Reports: `<qrvey-pixel-builder settings="config">`. */
export class QrveyPixelBuilderElement extends QvWidgetElement {
  protected readonly configAttribute = 'settings'
  protected triggerName(): string {
    return 'Pixel-perfect Reports Widget'
  }
  protected productName(): string {
    return 'Pixel-perfect Reports'
  }
  protected run(context: WidgetContext): Promise<void> {
    return runPixelReport(context)
  }
}

/** Automation: `<qrvey-workflow-design settings="config">`. */
export class QrveyWorkflowDesignElement extends QvWidgetElement {
  protected readonly configAttribute = 'settings'
  protected triggerName(): string {
    return 'Automation Widget'
  }
  protected productName(): string {
    return 'Automation'
  }
  protected run(context: WidgetContext): Promise<void> {
    return runWorkflowDesign(context)
  }
}

/** Web Form Design: `<qrvey-design-widgets settings="config">` (8.5-style keys: api_key / qv_token, app_id, qrvey_id, app_type). */
export class QrveyDesignWidgetsElement extends QvWidgetElement {
  protected readonly configAttribute = 'settings'
  protected triggerName(): string {
    return 'Web Form Design Widget'
  }
  protected productName(): string {
    return 'Web Form Design'
  }
  protected run(context: WidgetContext): Promise<void> {
    return runWebformDesign(context)
  }
}

/** Web Form End User: `<qrvey-webform-enduser config="config">`, only `domain` and `qrvey_hash`. */
export class QrveyWebformEndUserElement extends QvWidgetElement {
  protected readonly configAttribute = 'config'
  protected needsAuth(): boolean {
    return false
  }
  protected triggerName(): string {
    return 'Web Form Widget'
  }
  protected productName(): string {
    return 'Web Form'
  }
  protected run(context: WidgetContext): Promise<void> {
    return runWebformEndUser(context)
  }
}

/** Download Manager: `<qrvey-download-manager settings="config">`, with `openDownloadManager()`. */
export class QrveyDownloadManagerElement extends QvWidgetElement {
  protected readonly configAttribute = 'settings'
  #handle: DownloadManagerHandle | undefined
  #openWhenReady = false

  /** download-manager.md: "Enables you to open the Download Manager modal in JS or from another element in your page." */
  openDownloadManager(): void {
    if (this.#handle) this.#handle.open()
    else this.#openWhenReady = true
  }

  protected triggerName(): string {
    return 'Download Manager Widget'
  }
  protected productName(): string {
    return 'Download Manager'
  }
  protected async run(context: WidgetContext): Promise<void> {
    this.#handle = undefined
    context.signal.addEventListener('abort', () => (this.#handle = undefined))
    const handle = await runDownloadManager(context)
    if (context.signal.aborted) return
    this.#handle = handle
    if (this.#openWhenReady) {
      this.#openWhenReady = false
      handle.open()
    }
  }
}
