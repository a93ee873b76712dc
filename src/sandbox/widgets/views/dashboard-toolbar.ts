/**
 * The dashboards' toolbar (dashboard-view.ts): the title and what is shown
 * (panels, editing, which version, the time zone), and the actions: Download,
 * then Refresh (Dashboard View) or Edit dashboard (Dashboard Builder, or
 * after qvDSHEditDashboard); while editing Add panel, Cancel and Save, and
 * the "Add panel" menu of each dataset's panel templates.
 *
 * Plain DOM from a snapshot of the view's state: the view owns the state and
 * draws the toolbar again whenever any of it changes.
 */
import type { Dashboard, DatasetMeta, SandboxApp } from '../../../shared/sandbox-api'
import { panelTemplates, type PanelTemplate } from '../core/dashboard-model'
import { h, icon } from '../core/dom'
import { permissionsPill } from '../core/panels'
import type { RestoreVersion } from './dashboard-host-events'

export interface ToolbarState {
  /** The dashboard shown (the draft while editing); undefined while it loads or when it failed. */
  dashboard: Dashboard | undefined
  /** The name to show before the dashboard itself has loaded. */
  fallbackTitle: string
  /** Set when loading the dashboard failed (its banner is shown). */
  failed: boolean
  editing: boolean
  /** Editing is offered (Dashboard Builder, or Dashboard View after qvDSHEditDashboard). */
  editAllowed: boolean
  dirty: boolean
  menuOpen: boolean
  version: RestoreVersion
  /** This end user has a personalized version of the dashboard shown. */
  personalized: boolean
  /** The time zone the panels' times are in, when the configuration sets one. */
  zone: string | undefined
  /** Record permissions narrowed a panel of this page. */
  filtered: boolean
  /** Downloads are hidden by the configuration (featurePermission / personalization). */
  downloadHidden: boolean
  /** A saved dashboard is loaded (Download and Edit need one). */
  loaded: boolean
}

export interface ToolbarActions {
  download(): void
  refresh(): void
  edit(): void
  toggleMenu(): void
  cancel(): void
  save(): void
  /** The "Add panel" menu, drawn only while it is open. */
  menu(): HTMLElement
}

function metaText(state: ToolbarState): string {
  const { dashboard } = state
  if (!dashboard) return state.failed ? 'Could not be loaded' : 'Loading…'
  const count = dashboard.panels.length
  const which = state.version === 'ORIGINAL' ? ' · original version' : state.personalized ? ' · your version' : ''
  return `${count} panel${count === 1 ? '' : 's'}${state.editing ? ' · editing' : ''}${which}${state.zone ? ` · times in ${state.zone}` : ''}`
}

/** The toolbar's two parts: the titles, then the actions. */
export function toolbarParts(state: ToolbarState, run: ToolbarActions): HTMLElement[] {
  const titles = h('div', {}, [
    h('h2', { class: 'qv-title', data: { qv: 'dashboard-title' }, text: state.dashboard?.name ?? state.fallbackTitle }),
    h('div', { class: 'qv-meta', data: { qv: 'dashboard-meta', version: state.version }, text: metaText(state) })
  ])
  const actions = h('div', { class: 'qv-actions' })
  if (state.filtered) actions.append(permissionsPill())
  if (!state.editing && !state.downloadHidden) {
    actions.append(
      h('button', { class: 'qv-btn qv-btn-ghost', data: { qv: 'download-dashboard' }, attrs: { type: 'button', title: 'Download this dashboard as CSV', disabled: !state.loaded }, on: { click: run.download } }, [
        icon('download'),
        'Download'
      ])
    )
  }
  if (!state.editAllowed && !state.editing) {
    actions.append(
      h('button', { class: 'qv-btn qv-btn-ghost', data: { qv: 'refresh' }, attrs: { type: 'button', title: 'Reload this dashboard' }, on: { click: run.refresh } }, [icon('refresh'), 'Refresh'])
    )
  } else if (!state.editing) {
    actions.append(
      h('button', { class: 'qv-btn qv-btn-primary', data: { qv: 'edit-dashboard' }, attrs: { type: 'button', disabled: !state.loaded }, on: { click: run.edit } }, [icon('edit'), 'Edit dashboard'])
    )
  } else {
    if (state.dirty) actions.append(h('span', { class: 'qv-dirty', data: { qv: 'dirty' }, text: 'Unsaved changes' }))
    actions.append(
      h('button', {
        class: 'qv-btn',
        data: { qv: 'add-panel' },
        attrs: { type: 'button', 'aria-haspopup': 'menu', 'aria-expanded': String(state.menuOpen) },
        on: { click: run.toggleMenu }
      }, [icon('plus'), 'Add panel']),
      h('button', { class: 'qv-btn', data: { qv: 'cancel-edit' }, attrs: { type: 'button' }, on: { click: run.cancel } }, 'Cancel'),
      h('button', { class: 'qv-btn qv-btn-primary', data: { qv: 'save-dashboard' }, attrs: { type: 'button', disabled: !state.dirty }, on: { click: run.save } }, [icon('save'), 'Save'])
    )
    if (state.menuOpen) actions.append(run.menu())
  }
  return [titles, actions]
}

/** The app's datasets with panel templates, those the dashboard already uses first. */
function templatesByDataset(app: SandboxApp, dashboard: Dashboard | undefined): Array<{ dataset: DatasetMeta; templates: PanelTemplate[] }> {
  const used = new Set(dashboard?.panels.map((p) => p.datasetId))
  const datasets = [...app.datasets].sort((a, b) => Number(used.has(b.id)) - Number(used.has(a.id)))
  return datasets.map((dataset) => ({ dataset, templates: panelTemplates(dataset) })).filter((g) => g.templates.length > 0)
}

/** The "Add panel" menu: one item per panel template, under its dataset's name when there are several. */
export function addPanelMenu(app: SandboxApp, dashboard: Dashboard | undefined, pick: (template: PanelTemplate) => void): HTMLElement {
  const groups = templatesByDataset(app, dashboard)
  return h(
    'div',
    { class: 'qv-menu', data: { qv: 'panel-menu' }, attrs: { role: 'menu' } },
    groups.flatMap(({ dataset, templates }) => [
      groups.length > 1 ? h('div', { class: 'qv-menu-heading', text: dataset.name }) : h('div', { class: 'qv-menu-heading', text: 'Add a panel' }),
      ...templates.map((template) =>
        h(
          'button',
          {
            class: 'qv-menu-item',
            data: { qv: 'panel-template', templateId: template.id, datasetId: dataset.id },
            attrs: { role: 'menuitem', type: 'button' },
            on: { click: () => pick(template) }
          },
          [h('span', { class: 'qv-menu-item-label', text: template.label }), h('span', { class: 'qv-menu-item-desc', text: template.description })]
        )
      )
    ])
  )
}
