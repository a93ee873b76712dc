/**
 * What the compare view runs against, from a saved setup or from the token
 * form as it stands: the environment (a setup names it by name), the widget
 * and its fields, the Qrvey 8.6+ switch and the base token body the
 * personas go over (tokenForPersona's rules, src/shared/personas).
 */
import type { EnvironmentView } from '@shared/environment'
import type { CompareStartRequest } from '@shared/personas/compare'
import { tokenBodyOfSetup, type Setup } from '@shared/setup'
import { findWidget } from '@shared/widget-catalog'

export interface CompareTarget {
  environmentId: string
  environmentName: string
  widgetId: string
  widgetName: string
  fields: Record<string, string | boolean>
  qrvey86OrNewer: boolean
  base: CompareStartRequest['base']
  setupName: string
  timeoutMs?: number
}

export type TargetOrProblem = { ok: true; target: CompareTarget } | { ok: false; problem: string }

/** The target a setup stands for; `activeId` is used when the setup names no environment. */
export function targetOfSetup(setup: Setup, environments: readonly EnvironmentView[], activeId: string): TargetOrProblem {
  const environment = setup.environment ? environments.find((e) => e.name === setup.environment) : environments.find((e) => e.id === activeId)
  if (!environment) {
    return { ok: false, problem: `The environment "${setup.environment}" of this setup does not exist here: add it in Environments, or pick another setup.` }
  }
  const widget = findWidget(setup.widget)
  if (!widget) return { ok: false, problem: `This setup names no widget this version knows ("${setup.widget}"): open it in the workbench and pick one.` }
  const base = tokenBodyOfSetup(setup)
  if (!String(base.appid ?? '').trim()) return { ok: false, problem: 'This setup has no appid: the personas need the application to embed. Set it in the workbench and save.' }
  return {
    ok: true,
    target: {
      environmentId: environment.id,
      environmentName: environment.name,
      widgetId: widget.id,
      widgetName: widget.name,
      fields: { ...setup.widgetFields },
      qrvey86OrNewer: setup.qrvey86OrNewer,
      base,
      setupName: setup.name,
      ...(setup.timeoutMs ? { timeoutMs: setup.timeoutMs } : {})
    }
  }
}
