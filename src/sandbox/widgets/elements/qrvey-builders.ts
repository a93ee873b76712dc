import { configFlag, type WidgetConfig } from '../core/config'
import type { WidgetContext } from '../core/widget-element'
import { QvWidgetElement } from '../core/widget-element'
import { runDashboardView } from '../views/dashboard-view'
import { runReportBuilder } from '../views/report-builder-view'

function isReportBuilder(config: WidgetConfig | undefined): boolean {
  return config !== undefined && configFlag(config, 'reports_dashboard')
}

/**
 * Dashboard Builder (formerly Page Builder): `<qrvey-builders settings="name">`;
 * with `reports_dashboard: true` in the config it is the Report Builder.
 */
export class QrveyBuildersElement extends QvWidgetElement {
  protected readonly configAttribute = 'settings'
  /** The text of the last CSV export (Report Builder), for hosts and tests. */
  lastExportCsv: string | undefined
  /** The file name the last export was offered under. */
  lastExportFileName: string | undefined

  protected triggerName(config: WidgetConfig | undefined): string {
    return isReportBuilder(config) ? 'Report Builder Widget' : 'Dashboard Builder Widget'
  }

  protected productName(config: WidgetConfig | undefined): string {
    return isReportBuilder(config) ? 'Report Builder' : 'Dashboard Builder'
  }

  protected run(context: WidgetContext): Promise<void> {
    if (isReportBuilder(context.config)) {
      return runReportBuilder(context, {
        product: 'Report Builder',
        onExport: ({ csv, fileName }) => {
          this.lastExportCsv = csv
          this.lastExportFileName = fileName
          this.dispatchEvent(new CustomEvent('qv-report-exported', { detail: { fileName }, bubbles: true, composed: true }))
        }
      })
    }
    return runDashboardView(context, { product: 'Dashboard Builder', tabs: true, editable: true })
  }
}
