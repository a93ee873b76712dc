import type { WidgetContext } from '../core/widget-element'
import { QvWidgetElement } from '../core/widget-element'
import { requestedDashboardId, runDashboardView } from '../views/dashboard-view'
import type { WidgetConfig } from '../core/config'

/** Dashboard View (formerly Page View): `<qrvey-end-user settings="name">`. */
export class QrveyEndUserElement extends QvWidgetElement {
  protected readonly configAttribute = 'settings'

  protected triggerName(): string {
    return 'Dashboard View Widget'
  }

  protected productName(): string {
    return 'Dashboard View'
  }

  protected firstDashboardId(config: WidgetConfig): string | undefined {
    return requestedDashboardId(config)
  }

  protected run(context: WidgetContext): Promise<void> {
    return runDashboardView(context, { product: 'Dashboard View', tabs: true, editable: false })
  }
}
