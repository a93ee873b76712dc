/**
 * The Qrvey widgets the workbench knows how to embed, as data. The preview,
 * the form and the "copy host page" output are all driven from here, so a new
 * widget is one entry, not a change in three places. Sources: ../shared/QRVEY.md
 * §2 and the widget pages of Qrvey's docs (partner-portal
 * docs/software-developer/04-Widgets/05-Widgets/*.md). Only documented keys;
 * keys the current docs no longer list are marked `legacy`.
 */

export interface LauncherScript {
  /** Path on the Qrvey domain. */
  path: string
  /** 'module' and 'nomodule' come in pairs (Stencil builds); 'classic' is a plain script. */
  type: 'classic' | 'module' | 'nomodule'
}

export interface WidgetField {
  /** Key in the widget configuration object; a dot nests it (`settings.mode` -> { settings: { mode } }). */
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
  /** Set when current Qrvey docs no longer list the key: why it is still offered. */
  legacy?: string
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
  /** Set when the widget (or this way of embedding it) is not in current Qrvey docs. */
  legacy?: string
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
  help: 'Opens this dashboard (page) first. Leave empty for the application default. It may also travel inside the token.'
}

const themeIdField: WidgetField = { key: 'themeId', label: 'Theme id', kind: 'text', help: 'Applies a theme of the application, by the id Composer shows (the sandbox has sandbox-teal, sandbox-sunset and sandbox-dark).' }

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
      { key: 'pageId', label: 'Page id', kind: 'text', help: 'Older name of the page to open first (Qrvey 8.x).', legacy: 'Replaced by dashboardId since Qrvey 8.4.' },
      themeIdField
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
      { key: 'privatePages', label: 'Private pages', kind: 'boolean', help: 'Every new dashboard starts private (unavailable to unauthenticated users).' },
      { key: 'styles.main_color', label: 'Main color', kind: 'text', placeholder: '#0f766e', help: 'styles.main_color: the main color of the widget, a hex value or a color name.' },
      themeIdField
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
    legacy: 'Current Qrvey docs no longer describe this widget; the sandbox keeps the older qrvey-builders + reports_dashboard form.',
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
      {
        key: 'settings.view',
        label: 'View',
        kind: 'select',
        options: ['', 'SUMMARY_VIEW', 'MULTI_PANEL', 'TABULAR_VIEW', 'METRIC_VIEW', 'CUSTOM_VIEW'],
        help: 'settings.view: the first view shown (default MULTI_PANEL, an alias for SUMMARY_VIEW).'
      },
      { key: 'settings.mode', label: 'Mode', kind: 'select', options: ['', 'COMPLETE', 'SIMPLE'], help: 'settings.mode: COMPLETE shows the whole layout, SIMPLE the view only (default COMPLETE).' },
      { key: 'settings.displayMode', label: 'Display mode', kind: 'select', options: ['', 'NORMAL', 'FULL'], help: 'settings.displayMode: FULL extends the layout over the whole container (default NORMAL).' },
      themeIdField
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
      },
      // single-panel.md lists themeId like Analytic Suite's (partner-portal docs/software-developer/04-Widgets/05-Widgets).
      themeIdField
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
    fields: [{ ...dashboardIdField, help: 'The dashboard to show. Leave empty to browse the application\'s dashboards.' }]
  },
  {
    id: 'pixel-perfect-reports',
    name: 'Pixel-perfect Reports',
    element: 'qrvey-pixel-builder',
    configAttribute: 'settings',
    launchers: WIDGETS_LAUNCHER,
    description: 'Printable, paged reports over a dataset.',
    fields: [
      { key: 'reportId', label: 'Report id', kind: 'text', help: 'The report to open; leave empty to browse all reports (the sandbox has orders-by-region and product-ledger).' },
      { key: 'defaultMode', label: 'Mode', kind: 'select', options: ['', 'design', 'preview'], help: 'preview shows the report; design (the default) opens the designer.' }
    ]
  },
  {
    id: 'automation',
    name: 'Automation',
    element: 'qrvey-workflow-design',
    configAttribute: 'settings',
    launchers: WIDGETS_LAUNCHER,
    description: 'Automated flows (workflows) of the application.',
    fields: [{ key: 'workflowId', label: 'Workflow id', kind: 'text', help: 'The flow to open; leave empty to browse all workflows.' }]
  },
  {
    id: 'download-manager',
    name: 'Download Manager',
    element: 'qrvey-download-manager',
    configAttribute: 'settings',
    launchers: [
      { path: '/qrvey_download_manager/qrvey-download-manager/qrvey-download-manager.js', type: 'classic' },
      { path: '/qrvey_download_manager/qrvey-download-manager/qrvey-download-manager.esm.js', type: 'module' }
    ],
    description: 'The exports of one end user (needs a clientid in the token).',
    fields: [
      { key: 'widgetView', label: 'Display', kind: 'select', options: ['', 'modal', 'table'], help: 'modal (the default) opens as a window; table shows it as a page.' },
      { key: 'showModalButton', label: 'Show a download button', kind: 'boolean', help: 'Shows a button that opens the Download Manager window.' }
    ]
  },
  {
    id: 'web-form-design',
    name: 'Web Form Design',
    element: 'qrvey-design-widgets',
    configAttribute: 'settings',
    launchers: WIDGETS_LAUNCHER,
    description: 'Create and change web forms (surveys, forms, quizzes).',
    fields: [
      { key: 'qrvey_id', label: 'Web form id (qrvey_id)', kind: 'text', required: true, help: 'The web form to edit (the sandbox has customer-feedback and onboarding-survey).' },
      { key: 'app_type', label: 'Form type (app_type)', kind: 'select', options: ['FORM', 'QUIZ', 'SURVEY'], required: true, help: 'The kind of web form.' }
    ]
  },
  {
    id: 'web-form-end-user',
    name: 'Web Form End User',
    element: 'qrvey-webform-enduser',
    configAttribute: 'config',
    launchers: [{ path: '/qrvey-webforms-widgets/webform-widgets/webform-widgets.esm.js', type: 'module' }],
    description: 'A published web form that end users fill in (no token needed).',
    fields: [{ key: 'qrvey_hash', label: 'Form hash (qrvey_hash)', kind: 'text', required: true, help: "The web form's public id (the sandbox has fb7QxK2a and sv3MnP9d)." }]
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
