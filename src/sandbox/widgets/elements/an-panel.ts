import type { WidgetContext } from '../core/widget-element'
import { QvWidgetElement } from '../core/widget-element'
import { runSinglePanel } from '../views/single-panel-view'

/** Single Panel: `<an-panel config="name">`, one chart / metric / summary. */
export class AnPanelElement extends QvWidgetElement {
  protected readonly configAttribute = 'config'

  protected triggerName(): string {
    return 'Single Panel Widget'
  }

  protected productName(): string {
    return 'Single Panel'
  }

  protected run(context: WidgetContext): Promise<void> {
    return runSinglePanel(context, 'Single Panel')
  }
}
