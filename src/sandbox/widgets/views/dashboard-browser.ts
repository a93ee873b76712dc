/**
 * The v9 dashboard without a dashboardId: the app's dashboards to pick from
 * (QRVEY.md §2; Qrvey's dashboard-view.md says the same of Dashboard View:
 * "If omitted, the widget will open to 'browse all dashboards'"). Clicking
 * one opens it in the same element.
 */
import type { SandboxApp } from '../../../shared/sandbox-api'
import { clear, h, icon } from '../core/dom'
import { header, type WidgetContext } from '../core/widget-element'

export function browse(context: WidgetContext, app: SandboxApp, product: string, open: (dashboardId: string) => void): void {
  const { shell } = context
  clear(shell)
  const list = h('div', { class: 'qv-list', data: { qv: 'dashboard-browser' }, attrs: { role: 'list' } })
  for (const dashboard of app.dashboards) {
    list.append(
      h('button', { class: 'qv-list-item', data: { qv: 'browse-dashboard', dashboardId: dashboard.id }, attrs: { type: 'button', role: 'listitem' }, on: { click: () => open(dashboard.id) } }, [
        icon('grid'),
        h('div', {}, [h('div', { class: 'qv-list-title', text: dashboard.name }), h('div', { class: 'qv-list-sub', text: `id ${dashboard.id}` })])
      ])
    )
  }
  if (app.dashboards.length === 0) list.append(h('div', { class: 'qv-empty', data: { qv: 'empty' }, text: 'This application has no dashboards yet.' }))
  shell.append(
    header(app.name, product),
    h('div', { class: 'qv-toolbar' }, [h('div', {}, [h('h2', { class: 'qv-title', text: 'Dashboards' }), h('div', { class: 'qv-meta', text: `${app.dashboards.length} in ${app.name}; pick one to open it` })])]),
    h('div', { class: 'qv-body' }, list)
  )
  context.setState('ready')
}
