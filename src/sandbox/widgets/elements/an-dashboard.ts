import type { WidgetContext } from '../core/widget-element'
import { QvWidgetElement } from '../core/widget-element'
import { runAnalyticSuite } from '../views/analytic-suite-view'

/** Analytic Suite: `<an-dashboard config="name">`, a dataset explorer on `qrveyId`. */
export class AnDashboardElement extends QvWidgetElement {
  protected readonly configAttribute = 'config'

  protected triggerName(): string {
    return 'Analytic Suite Widget'
  }

  protected productName(): string {
    return 'Analytic Suite'
  }

  protected run(context: WidgetContext): Promise<void> {
    return runAnalyticSuite(context, 'Analytic Suite')
  }
}
