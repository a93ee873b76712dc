/**
 * The widgets beyond dashboards (QRVEY.md §2), one small class each: the
 * element name, its documented config attribute, the name in qvTokenExpired's
 * trigger (Qrvey documents only "Dashboard View Widget"; these follow its
 * pattern) and the view that renders it.
 */
import type { ConfigAttribute } from '../core/config'
import type { WidgetContext } from '../core/widget-element'
import { QvWidgetElement } from '../core/widget-element'
import { runDownloadManager, type DownloadManagerHandle } from '../views/download-manager-view'
import { runPixelReport } from '../views/pixel-report-view'
import { runWebformDesign } from '../views/webform-design-view'
import { runWebformEndUser } from '../views/webform-view'
import { runWorkflowDesign } from '../views/workflow-view'

/** A widget element that is only its names and its view. */
interface ViewWidget {
  configAttribute: ConfigAttribute
  /** The product's name, in messages. */
  product: string
  /** The name in qvTokenExpired's trigger. */
  trigger: string
  /** false: it runs without a token (Web Form End User). */
  needsAuth?: boolean
  run(context: WidgetContext): Promise<void>
}

function viewWidget(spec: ViewWidget) {
  return class extends QvWidgetElement {
    protected readonly configAttribute = spec.configAttribute
    protected needsAuth(): boolean {
      return spec.needsAuth ?? super.needsAuth()
    }
    protected triggerName(): string {
      return spec.trigger
    }
    protected productName(): string {
      return spec.product
    }
    protected run(context: WidgetContext): Promise<void> {
      return spec.run(context)
    }
  }
}

/** Pixel-perfect Reports: `<qrvey-pixel-builder settings="config">`. */
export const QrveyPixelBuilderElement = viewWidget({ configAttribute: 'settings', product: 'Pixel-perfect Reports', trigger: 'Pixel-perfect Reports Widget', run: runPixelReport })

/** Automation: `<qrvey-workflow-design settings="config">`. */
export const QrveyWorkflowDesignElement = viewWidget({ configAttribute: 'settings', product: 'Automation', trigger: 'Automation Widget', run: runWorkflowDesign })

/** Web Form Design: `<qrvey-design-widgets settings="config">` (8.5-style keys: api_key / qv_token, app_id, qrvey_id, app_type). */
export const QrveyDesignWidgetsElement = viewWidget({ configAttribute: 'settings', product: 'Web Form Design', trigger: 'Web Form Design Widget', run: runWebformDesign })

/** Web Form End User: `<qrvey-webform-enduser config="config">`, only `domain` and `qrvey_hash`. */
export const QrveyWebformEndUserElement = viewWidget({ configAttribute: 'config', product: 'Web Form', trigger: 'Web Form Widget', needsAuth: false, run: runWebformEndUser })

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
