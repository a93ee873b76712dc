/**
 * Single Panel (`an-panel`): config `qrveyId` (dataset), `type`
 * (CHART | METRIC | SUMMARY) and `chartId` / `metricId` / `summaryId`.
 * GET the panel definition, then draw that one chart, KPI or table.
 */
import { panelTypeOf, type SandboxApp } from '../../../shared/sandbox-api'
import { TokenExpiredError } from '../core/api'
import { configText } from '../core/config'
import { clear } from '../core/dom'
import { appColumns, loadPanel, panelCard, QueryCache } from '../core/panels'
import { messageBox, type WidgetContext } from '../core/widget-element'

const ID_KEYS = { CHART: 'chartId', METRIC: 'metricId', SUMMARY: 'summaryId' } as const
type PanelType = keyof typeof ID_KEYS

export async function runSinglePanel(context: WidgetContext, product: string): Promise<void> {
  const { client, config, shell } = context
  shell.classList.add('qv-single')
  const datasetId = configText(config, 'qrveyId', 'qrvey_id', 'qrveyid', 'datasetId')
  const typeText = configText(config, 'type')?.toUpperCase()
  const type = typeText && typeText in ID_KEYS ? (typeText as PanelType) : undefined
  const panelId = type ? configText(config, ID_KEYS[type]) : configText(config, 'chartId', 'metricId', 'summaryId')

  const problems: string[] = []
  if (datasetId === undefined) problems.push('"qrveyId" (the dataset id) is missing.')
  if (typeText !== undefined && type === undefined) problems.push(`"type" must be CHART, METRIC or SUMMARY; got "${typeText}".`)
  if (panelId === undefined) problems.push(type ? `type ${type} needs "${ID_KEYS[type]}".` : 'Set "type" (CHART, METRIC or SUMMARY) and the matching "chartId", "metricId" or "summaryId".')
  if (problems.length > 0 || datasetId === undefined || panelId === undefined) {
    const text = problems.join(' ')
    console.error(`<${context.element.localName}> ${text}`)
    context.setState('config-error')
    clear(shell)
    shell.append(messageBox({ title: `${product}: configuration problem`, text }, 'qv-standalone'))
    return
  }

  // Column labels make the subtitle and number formats nicer; the panel works without them.
  const appPromise: Promise<SandboxApp | undefined> = client.getApp().catch((error: unknown) => {
    if (error instanceof TokenExpiredError) throw error
    return undefined
  })
  const [panel, app] = await Promise.all([client.getPanel(datasetId, panelId), appPromise])
  // A CHART type naming a metric (or any such mix) is drawn as what the id is, and said: Qrvey's docs pair each
  // type with its own id key and do not say what a mismatch does (QRVEY.md: accept and warn).
  const actual = panelTypeOf(panel.kind)
  if (type && actual !== type) {
    console.warn(`<${context.element.localName}> type ${type} names "${panelId}", which is a ${actual} panel; it is shown as a ${actual}. Set type ${actual} and ${ID_KEYS[actual]} instead.`)
  }
  const columns = appColumns(app)
  const parts = panelCard(panel, columns.get(panel.datasetId))
  clear(shell)
  shell.append(parts.card)
  const ok = await loadPanel(context, new QueryCache(), panel, parts, columns)
  if (!context.signal.aborted) context.setState(ok ? 'ready' : 'error')
}
