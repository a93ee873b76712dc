/**
 * The page-to-widget events of Dashboard View / Builder and the v9 dashboard
 * (dashboard-view.md "Events", QRVEY.md §3), dispatched by the host on
 * `window`. Each one does what the docs say, and where the docs list reasons
 * it is "unable", the sandbox logs Qrvey's own message plus the reason:
 *
 *   qvDSHRestoreDashboard {version: ORIGINAL | PERSONALIZED}
 *   qvDSHSaveDashboard            (needs a clientid in the token)
 *   qvDSHEditDashboard / qvDSHCloseEditDashboard
 *   qvDSHDownloadDashboard {format: CSV | EXCEL | PDF | DATASET}
 *   qvDSHCreateNewSubscription / qvDSHManageSubscriptions  (not simulated offline)
 *
 * `atApplyUserFilters` is handled by every widget element (widget-element.ts).
 */
import { configObject } from '../core/config'
import type { WidgetContext } from '../core/widget-element'

export type RestoreVersion = 'ORIGINAL' | 'PERSONALIZED'
export const DOWNLOAD_FORMATS = ['CSV', 'EXCEL', 'PDF', 'DATASET'] as const
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number]

export interface DashboardActions {
  /** Why the action cannot run now, or undefined when it can. */
  whyNotRestore(version: RestoreVersion): string | undefined
  restore(version: RestoreVersion): Promise<void>
  whyNotSave(): string | undefined
  save(): Promise<void>
  whyNotEdit(): string | undefined
  edit(): void
  closeEdit(): void
  whyNotDownload(format: DownloadFormat): string | undefined
  download(format: DownloadFormat): Promise<void>
}

/** Qrvey's own log line, then the sandbox's reason, then a toast so the user sees it too. */
function unable(context: WidgetContext, event: string, text: string, reason: string): void {
  console.warn(`[${event}]: ${text}`, reason)
  context.toast(`${event}: ${reason}`)
}

/** The personalization object (dashboard-view.md "Personalization"): a flag, true unless set to false. */
export function personalizationAllows(context: WidgetContext, key: 'enabled' | 'edit_page' | 'download_data'): boolean {
  const personalization = configObject(context.config, 'personalization')
  if (personalization?.enabled === false) return false
  return personalization?.[key] !== false
}

/** featurePermission (dashboard-view.md): liteVersion hides everything, downloads.hideGeneralDownload the toolbar download. */
export function generalDownloadHidden(context: WidgetContext): boolean {
  const permission = configObject(context.config, 'featurePermission')
  const downloads = permission?.downloads as Record<string, unknown> | undefined
  const explicit = downloads?.hideGeneralDownload
  if (explicit === false) return false
  return explicit === true || permission?.liteVersion === true || !personalizationAllows(context, 'download_data')
}

export function listenForHostEvents(context: WidgetContext, actions: DashboardActions): void {
  const on = (name: string, handler: (detail: unknown) => void): void => context.listen(window, name, (event) => handler((event as CustomEvent).detail))

  on('qvDSHRestoreDashboard', (detail) => {
    const version = (detail as { version?: unknown } | null | undefined)?.version
    const text = 'Unable to restore to the provided version'
    if (version !== 'ORIGINAL' && version !== 'PERSONALIZED') {
      return unable(context, 'qvDSHRestoreDashboard', text, version === undefined ? 'no version given: send {detail: {version: "ORIGINAL"}} or "PERSONALIZED"' : `"${String(version)}" is not ORIGINAL or PERSONALIZED`)
    }
    const why = actions.whyNotRestore(version)
    if (why) return unable(context, 'qvDSHRestoreDashboard', text, why)
    context.action(() => actions.restore(version))
  })

  on('qvDSHSaveDashboard', () => {
    const why = actions.whyNotSave()
    if (why) return unable(context, 'qvDSHSaveDashboard', 'Unable to save changes.', why)
    context.action(() => actions.save())
  })

  on('qvDSHEditDashboard', () => {
    const why = actions.whyNotEdit()
    if (why) return unable(context, 'qvDSHEditDashboard', 'Unable to edit dashboard.', why)
    actions.edit()
  })

  on('qvDSHCloseEditDashboard', () => actions.closeEdit())

  on('qvDSHDownloadDashboard', (detail) => {
    const format = String((detail as { format?: unknown } | null | undefined)?.format ?? '').toUpperCase()
    const text = 'Unable to download the provided format.'
    if (!DOWNLOAD_FORMATS.includes(format as DownloadFormat)) {
      return unable(context, 'qvDSHDownloadDashboard', text, format === '' ? 'no format given: send {detail: {format: "CSV"}} (CSV, EXCEL, PDF or DATASET)' : `"${format}" is not CSV, EXCEL, PDF or DATASET`)
    }
    const why = actions.whyNotDownload(format as DownloadFormat)
    if (why) return unable(context, 'qvDSHDownloadDashboard', text, why)
    context.action(() => actions.download(format as DownloadFormat))
  })

  for (const name of ['qvDSHCreateNewSubscription', 'qvDSHManageSubscriptions']) {
    on(name, () => {
      const settings = configObject(context.config, 'subscriptionsSettings')
      if (settings?.enable_subscriptions === false) return unable(context, name, name === 'qvDSHManageSubscriptions' ? 'Unable to manage subscriptions.' : 'Unable to create subscription.', 'subscriptionsSettings.enable_subscriptions is false')
      // Subscriptions e-mail scheduled exports: a server-side schedule the sandbox does not run.
      console.error(`[${name}]: subscriptions are not simulated offline by the Qrvey sandbox (they schedule e-mailed exports on a real instance).`)
      context.toast(`${name}: subscriptions are not simulated offline`)
    })
  }
}
