/**
 * Automation (`qrvey-workflow-design`, automation-widget.md): without
 * `workflowId` "this widget will display the 'browse all workflows' page";
 * with one it opens that flow (its trigger, conditions and actions). Running
 * or editing a flow is marked as not simulated: the sandbox sends no mail
 * and runs no schedules.
 */
import { SANDBOX_EXTRA_PATHS, type Workflow } from '../../../shared/sandbox-extras-api'
import { configText } from '../core/config'
import { clear, h, icon } from '../core/dom'
import { notSimulatedCard } from '../core/not-simulated'
import { localeOf, timezoneLabel } from '../core/presentation'
import { header, type WidgetContext } from '../core/widget-element'

export async function runWorkflowDesign(context: WidgetContext): Promise<void> {
  const { client, config, shell } = context
  const { userId, appId } = client.ids
  const wanted = configText(config, 'workflowId', 'workflow_id')
  const locale = localeOf(config)
  const zone = timezoneLabel(config)
  const when = (iso: string | null): string => {
    if (!iso) return 'Never run'
    const offsetMinutes = zone ? Number(zone.slice(3, 4) + '1') * (Number(zone.slice(4, 6)) * 60 + Number(zone.slice(7, 9))) : 0
    const shifted = new Date(Date.parse(iso) + offsetMinutes * 60_000)
    return `Last run ${shifted.toLocaleString(locale, { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' })} ${zone ?? 'UTC'}`
  }

  async function showList(): Promise<void> {
    context.setState('loading')
    const workflows = await client.request<Workflow[]>('GET', SANDBOX_EXTRA_PATHS.workflows(userId, appId))
    clear(shell)
    const list = h('div', { class: 'qv-list', data: { qv: 'workflow-list' } })
    for (const flow of workflows) {
      list.append(
        h('button', { class: 'qv-list-item', data: { qv: 'workflow-item', workflowId: flow.id }, attrs: { type: 'button' }, on: { click: () => context.action(() => showFlow(flow.id)) } }, [
          icon('refresh'),
          h('div', { class: 'qv-brand' }, [h('div', { class: 'qv-list-title', text: flow.name }), h('div', { class: 'qv-list-sub', text: `${flow.trigger} · ${when(flow.lastRun)}` })]),
          h('div', { class: 'qv-spacer' }),
          h('span', { class: `qv-status qv-status-${flow.status}`, text: flow.status })
        ])
      )
    }
    if (workflows.length === 0) list.append(h('div', { class: 'qv-empty', text: 'This application has no automated flows.' }))
    shell.append(header('Automation', 'All workflows'), h('div', { class: 'qv-body' }, list))
    context.setState('ready')
  }

  async function showFlow(id: string): Promise<void> {
    context.setState('loading')
    const flow = await client.request<Workflow>('GET', SANDBOX_EXTRA_PATHS.workflow(userId, appId, id))
    clear(shell)
    const steps = h('ol', { class: 'qv-steps', data: { qv: 'workflow-steps' } })
    flow.steps.forEach((step, index) => {
      if (index > 0) steps.append(h('li', { class: 'qv-step-link', attrs: { 'aria-hidden': 'true' } }))
      steps.append(h('li', { class: 'qv-step', data: { qv: 'workflow-step', kind: step.kind } }, [h('span', { class: 'qv-step-kind', text: step.kind }), h('span', { text: step.label })]))
    })
    const back = wanted === undefined ? h('button', { class: 'qv-btn', data: { qv: 'workflow-back' }, attrs: { type: 'button' }, on: { click: () => context.action(showList) } }, [icon('left'), 'All workflows']) : null
    shell.append(
      header('Automation', flow.name),
      h('div', { class: 'qv-toolbar' }, [
        h('div', {}, [h('h2', { class: 'qv-title', data: { qv: 'workflow-title' }, text: flow.name }), h('div', { class: 'qv-meta', text: `${flow.trigger} · ${when(flow.lastRun)}` })]),
        h('div', { class: 'qv-actions' }, [h('span', { class: `qv-status qv-status-${flow.status}`, text: flow.status }), back])
      ]),
      notSimulatedCard(context.element.localName, 'Running and editing automated flows', 'The flow is shown as designed; no schedule runs and no message is sent.'),
      h('div', { class: 'qv-body' }, steps)
    )
    context.setState('ready')
  }

  if (wanted !== undefined) await showFlow(wanted)
  else await showList()
}
