import type { WidgetContext } from '../core/widget-element'
import { QvWidgetElement } from '../core/widget-element'
import { runDashboardView } from '../views/dashboard-view'

/** Dashboard View (formerly Page View): `<qrvey-end-user settings="name">`. */
export class QrveyEndUserElement extends QvWidgetElement {
  protected readonly configAttribute = 'settings'

  protected triggerName(): string {
    return 'Dashboard View Widget'
  }

  protected productName(): string {
    return 'Dashboard View'
  }

  protected run(context: WidgetContext): Promise<void> {
    return runDashboardView(context, { product: 'Dashboard View', tabs: true, editable: false })
  }
}
