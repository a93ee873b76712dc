import type { WidgetContext } from '../core/widget-element'
import { QvWidgetElement } from '../core/widget-element'
import { runDashboardView } from '../views/dashboard-view'

/** The Qrvey 9 dashboard element: `<qrvey-dashboard settings="name">`, one dashboard by `dashboardId`. */
export class QrveyDashboardElement extends QvWidgetElement {
  protected readonly configAttribute = 'settings'

  protected triggerName(): string {
    return 'Dashboard Widget'
  }

  protected productName(): string {
    return 'Dashboard'
  }

  protected run(context: WidgetContext): Promise<void> {
    return runDashboardView(context, { product: 'Dashboard', tabs: false, editable: false, browseWithoutId: true })
  }
}
