/**
 * The Qrvey widgets the workbench knows how to embed, as data. The preview,
 * the form and the "copy host page" output are all driven from here, so a new
 * widget is one entry, not a change in three places. Sources: ../shared/QRVEY.md.
 */

export interface LauncherScript {
  /** Path on the Qrvey domain. */
  path: string
  /** 'module' and 'nomodule' come in pairs (Stencil builds); 'classic' is a plain script. */
  type: 'classic' | 'module' | 'nomodule'
}

export interface WidgetField {
  /** Key in the widget configuration object. */
  key: string
  label: string
  kind: 'text' | 'select' | 'boolean'
  options?: readonly string[]
  required?: boolean
  /** Required only while another field has a given value (Single Panel's id per panel type). */
  requiredWhen?: { key: string; equals: string }
  /** Shown only while another field has a given value. */
  visibleWhen?: { key: string; equals: string }
  help: string
  placeholder?: string
}

export interface WidgetDefinition {
  id: string
  /** Name used in Qrvey's security-token document. */
  name: string
  /** Name in current Qrvey docs, where it changed. */
  currentName?: string
  element: string
  /** Attribute whose value is the NAME of the global variable holding the configuration. */
  configAttribute: 'settings' | 'config'
  launchers: readonly LauncherScript[]
  fields: readonly WidgetField[]
  /** Config entries the widget needs that are not the user's to choose. */
  fixedConfig?: Readonly<Record<string, unknown>>
  description: string
}

const WIDGETS_LAUNCHER: readonly LauncherScript[] = [{ path: '/widgets-launcher/app.js', type: 'classic' }]
const AN_WIDGETS: readonly LauncherScript[] = [
  { path: '/qrvey-an-widgets/an-dashboard/andashboard/andashboard.esm.js', type: 'module' },
  { path: '/qrvey-an-widgets/an-dashboard/andashboard/andashboard.js', type: 'nomodule' }
]

const dashboardIdField: WidgetField = {
  key: 'dashboardId',
  label: 'Dashboard id',
  kind: 'text',
  help: 'Opens this dashboard (page) first. Leave empty for the application default.'
}

const qrveyIdField: WidgetField = {
  key: 'qrveyId',
  label: 'Dataset id (qrveyId)',
  kind: 'text',
  required: true,
  help: 'The dataset the widget analyses.'
}

export const WIDGET_CATALOG: readonly WidgetDefinition[] = [
  {
    id: 'page-view',
    name: 'Page View',
    currentName: 'Dashboard View',
    element: 'qrvey-end-user',
    configAttribute: 'settings',
    launchers: WIDGETS_LAUNCHER,
    description: 'End users view the application dashboards, with a page switcher.',
    fields: [
      dashboardIdField,
      { key: 'pageId', label: 'Page id', kind: 'text', help: 'Older name of the page to open first (Qrvey 8.x).' },
      { key: 'themeId', label: 'Theme id', kind: 'text', help: 'Applies a saved theme.' }
    ]
  },
  {
    id: 'page-builder',
    name: 'Page Builder',
    currentName: 'Dashboard Builder',
    element: 'qrvey-builders',
    configAttribute: 'settings',
    launchers: WIDGETS_LAUNCHER,
    description: 'Users edit dashboards: add, move and remove panels.',
    fields: [
      dashboardIdField,
      { key: 'privatePages', label: 'Private pages', kind: 'boolean', help: 'Pages a user creates are visible only to that clientid.' }
    ]
  },
  {
    id: 'report-builder',
    name: 'Report Builder',
    element: 'qrvey-builders',
    configAttribute: 'settings',
    launchers: WIDGETS_LAUNCHER,
    fixedConfig: { reports_dashboard: true },
    description: 'Users build tabular reports and export them.',
    fields: [dashboardIdField]
  },
  {
    id: 'analytic-suite',
    name: 'Analytic Suite',
    element: 'an-dashboard',
    configAttribute: 'config',
    launchers: AN_WIDGETS,
    description: 'A dataset explorer with grouped tables and charts.',
    fields: [
      qrveyIdField,
      { key: 'mode', label: 'Mode', kind: 'select', options: ['', 'view', 'edit'], help: 'How the suite opens.' }
    ]
  },
  {
    id: 'single-panel',
    name: 'Single Panel',
    element: 'an-panel',
    configAttribute: 'config',
    launchers: AN_WIDGETS,
    description: 'One chart, metric or summary.',
    fields: [
      qrveyIdField,
      { key: 'type', label: 'Panel type', kind: 'select', options: ['CHART', 'METRIC', 'SUMMARY'], required: true, help: 'What the panel shows.' },
      {
        key: 'chartId',
        label: 'Chart id',
        kind: 'text',
        requiredWhen: { key: 'type', equals: 'CHART' },
        visibleWhen: { key: 'type', equals: 'CHART' },
        help: 'The chart to show.'
      },
      {
        key: 'metricId',
        label: 'Metric id',
        kind: 'text',
        requiredWhen: { key: 'type', equals: 'METRIC' },
        visibleWhen: { key: 'type', equals: 'METRIC' },
        help: 'The metric to show.'
      },
      {
        key: 'summaryId',
        label: 'Summary id',
        kind: 'text',
        requiredWhen: { key: 'type', equals: 'SUMMARY' },
        visibleWhen: { key: 'type', equals: 'SUMMARY' },
        help: 'The summary to show.'
      }
    ]
  },
  {
    id: 'qrvey-dashboard',
    name: 'Dashboard (v9)',
    element: 'qrvey-dashboard',
    configAttribute: 'settings',
    launchers: [
      { path: '/qrvey-dashboard/qrvey-dashboard/qrvey-dashboard.esm.js', type: 'module' },
      { path: '/qrvey-dashboard/qrvey-dashboard/qrvey-dashboard.js', type: 'nomodule' }
    ],
    description: 'The Qrvey 9 dashboard element.',
    fields: [{ ...dashboardIdField, required: true, help: 'The dashboard to show.' }]
  }
]

export function findWidget(id: string): WidgetDefinition | undefined {
  return WIDGET_CATALOG.find((w) => w.id === id)
}

export type WidgetFieldValues = Record<string, string | boolean | undefined>

export function isFieldVisible(field: WidgetField, values: WidgetFieldValues): boolean {
  return !field.visibleWhen || values[field.visibleWhen.key] === field.visibleWhen.equals
}

export function isFieldRequired(field: WidgetField, values: WidgetFieldValues): boolean {
  if (field.required) return true
  return !!field.requiredWhen && values[field.requiredWhen.key] === field.requiredWhen.equals
}

/** Field key -> message, for every required field left empty. */
export function missingWidgetFields(widget: WidgetDefinition, values: WidgetFieldValues): Record<string, string> {
  const missing: Record<string, string> = {}
  for (const field of widget.fields) {
    const value = values[field.key]
    const empty = value === undefined || value === ''
    if (empty && isFieldVisible(field, values) && isFieldRequired(field, values)) {
      missing[field.key] = `${field.label} is required for ${widget.name}: ${field.help}`
    }
  }
  return missing
}
