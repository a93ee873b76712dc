/**
 * The token form <-> a saved setup, both ways, pure. A setup names its
 * environment, widget, token body, widget fields, the 8.6+ switch and the
 * timeout; the form holds the same things as typed text. `setupFromForm`
 * builds the setup the form stands for (or says what cannot be saved yet);
 * `formFromSetup` is the reverse. A setup that went through both comes back
 * byte-identical (serializeSetup), which is also how "modified" is decided.
 */
import { findWidget, WIDGET_CATALOG, type WidgetFieldValues } from '@shared/widget-catalog'
import type { GenerateTokenRequest } from '@shared/token-request'
import { FORM_OWNED_KEYS } from '@shared/token-constants'
import type { Setup, SetupToken } from '@shared/setup'
import { SETUP_FORMAT_VERSION, serializeSetup } from '@shared/setup-text'
import type { HistoryRequest } from '@shared/history'
import { DEFAULT_EXPIRES_IN, type TokenFields } from './token-body-basics'
import { CHECKING_FORM, formChecks } from './form-checks-loader'

/** Everything the token form holds that a setup keeps. */
export interface FormSnapshot {
  widgetId: string
  /** Widget id -> its field values (the form keeps one set per widget). */
  widgetValues: Record<string, WidgetFieldValues>
  fields: TokenFields
  timeoutText: string
  permissionsText: string
  extraText: string
  qrvey86: boolean
}

/**
 * What a setup has that the form does not: its name, the environment (by
 * name), notes, and the personas compared in it with their expectations (the
 * compare view edits those; the form must carry them through a save).
 */
export interface SetupMeta {
  name: string
  environment: string
  notes?: string
  personas?: Setup['personas']
}

export type BuiltSetup = { ok: true; setup: Setup } | { ok: false; problems: string[] }

/** The form of a new setup: the first widget, nothing typed, the default expiry. */
export function emptyFormSnapshot(): FormSnapshot {
  return {
    widgetId: WIDGET_CATALOG[0].id,
    widgetValues: {},
    fields: { userid: '', appid: '', clientid: '', expiresIn: DEFAULT_EXPIRES_IN },
    timeoutText: '',
    permissionsText: '',
    extraText: '',
    qrvey86: true
  }
}

/** A widget's values as a setup keeps them: no empty texts, no unset values. */
export function keptWidgetFields(values: WidgetFieldValues | undefined): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {}
  for (const [key, value] of Object.entries(values ?? {})) {
    if (typeof value === 'boolean' || (typeof value === 'string' && value !== '')) out[key] = value
  }
  return out
}

/**
 * The setup the form stands for. Texts are trimmed and empty optional
 * fields left out, as the token body does. JSON that does not parse (or a
 * timeout that is not a number) cannot be kept in a setup: it is refused
 * with the reason, so a save never silently loses what was typed.
 */
export function setupFromForm(form: FormSnapshot, meta: SetupMeta): BuiltSetup {
  // The checks arrive just after start (form-checks-loader.ts); until then nothing can be kept.
  const checks = formChecks.value
  if (!checks) return { ok: false, problems: [CHECKING_FORM] }
  const problems: string[] = []
  const permissions = checks.validatePermissionsText(form.permissionsText)
  if (permissions.errors.length) problems.push(`Permissions: ${permissions.errors[0].message}`)
  const extra = checks.validateExtraText(form.extraText)
  if (extra.errors.length) problems.push(`Extra body JSON: ${extra.errors[0].message}`)
  const timeout = checks.parseTimeout(form.timeoutText)
  if (timeout.error) problems.push(timeout.error)
  if (problems.length) return { ok: false, problems }

  const token: SetupToken = { userid: form.fields.userid.trim(), appid: form.fields.appid.trim() }
  const clientid = form.fields.clientid.trim()
  if (clientid) token.clientid = clientid
  const expiresIn = form.fields.expiresIn.trim()
  if (expiresIn) token.expiresIn = expiresIn
  if (permissions.value !== undefined) token.permissions = permissions.value
  if (extra.value !== undefined && Object.keys(extra.value).length > 0) token.extra = { ...extra.value }

  const setup: Setup = {
    formatVersion: SETUP_FORMAT_VERSION,
    name: meta.name,
    environment: meta.environment,
    widget: form.widgetId,
    qrvey86OrNewer: form.qrvey86,
    ...(timeout.value !== undefined ? { timeoutMs: timeout.value } : {}),
    token,
    widgetFields: keptWidgetFields(form.widgetValues[form.widgetId]),
    ...(meta.notes !== undefined ? { notes: meta.notes } : {}),
    ...(meta.personas !== undefined ? { personas: meta.personas } : {})
  }
  return { ok: true, setup }
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2)

export interface AppliedSetup {
  form: FormSnapshot
  /** Things of the setup the form could not take as they are, in words. */
  warnings: string[]
}

/**
 * The form a setup stands for. Only the setup's widget gets values (other
 * widgets start empty: they belong to no setup). A widget this version does
 * not know leaves the first one selected, with a warning.
 */
export function formFromSetup(setup: Setup): AppliedSetup {
  const warnings: string[] = []
  let widgetId = setup.widget
  if (!findWidget(widgetId)) {
    widgetId = WIDGET_CATALOG[0].id
    if (setup.widget) warnings.push(`The widget "${setup.widget}" is not one this version knows; ${WIDGET_CATALOG[0].name} is selected instead.`)
  }
  const t = setup.token
  const form: FormSnapshot = {
    widgetId,
    widgetValues: Object.keys(setup.widgetFields).length ? { [widgetId]: { ...setup.widgetFields } } : {},
    fields: { userid: t.userid, appid: t.appid, clientid: t.clientid ?? '', expiresIn: t.expiresIn ?? '' },
    timeoutText: setup.timeoutMs !== undefined ? String(setup.timeoutMs) : '',
    permissionsText: t.permissions !== undefined ? pretty(t.permissions) : '',
    extraText: t.extra !== undefined && Object.keys(t.extra).length > 0 ? pretty(t.extra) : '',
    qrvey86: setup.qrvey86OrNewer
  }
  return { form, warnings }
}

/**
 * One text per distinct form content: the setup's file text when the form
 * can be kept as a setup, otherwise the raw form (which never equals a
 * saved setup's text, so a form with broken JSON always counts as modified).
 */
export function formKey(form: FormSnapshot, meta: SetupMeta): string {
  const built = setupFromForm(form, meta)
  return built.ok ? serializeSetup(built.setup) : `unsaveable:${JSON.stringify(form)}`
}

/** Is the form different from the saved setup? (Its name, environment and notes come from `meta`.) */
export function isFormModified(form: FormSnapshot, saved: Setup, environment: string): boolean {
  // A setup that names no widget yet opens with the first one: that is not an edit.
  const base = saved.widget ? saved : { ...saved, widget: WIDGET_CATALOG[0].id }
  return formKey(form, { name: saved.name, environment, notes: saved.notes, personas: saved.personas }) !== serializeSetup(base)
}

const OWNED = new Set<string>(FORM_OWNED_KEYS)

/**
 * What a recorded token request (history "re-run") puts into the form: the
 * body's own fields, permissions and every other key as extra JSON, the
 * timeout and the widget. Widget fields are not part of a request; the
 * widget's values in the form stay as they are.
 */
export function formPatchFromRequest(request: HistoryRequest | GenerateTokenRequest): Pick<FormSnapshot, 'fields' | 'timeoutText' | 'permissionsText' | 'extraText'> & { widgetId?: string } {
  const body = request.body as Record<string, unknown>
  const text = (value: unknown) => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value))
  const extra: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(body)) if (!OWNED.has(key)) extra[key] = value
  const widgetId = 'widgetId' in request ? request.widgetId : (request as GenerateTokenRequest).context?.widgetId
  return {
    fields: { userid: text(body.userid), appid: text(body.appid), clientid: text(body.clientid), expiresIn: text(body.expiresIn) },
    timeoutText: request.timeoutMs !== undefined ? String(request.timeoutMs) : '',
    permissionsText: body.permissions !== undefined ? pretty(body.permissions) : '',
    extraText: Object.keys(extra).length ? pretty(extra) : '',
    ...(widgetId && findWidget(widgetId) ? { widgetId } : {})
  }
}

/**
 * The whole form a recorded request stands for (History "re-run"): the
 * body, the timeout, the widget with the fields it had, and the 8.6+ switch.
 * Older entries without widget fields leave the widget empty.
 */
export function formFromHistoryRequest(request: HistoryRequest): FormSnapshot {
  const patch = formPatchFromRequest(request)
  const widgetId = patch.widgetId ?? WIDGET_CATALOG[0].id
  const fields = request.widgetFields ?? {}
  return {
    widgetId,
    widgetValues: Object.keys(fields).length ? { [widgetId]: { ...fields } } : {},
    fields: patch.fields,
    timeoutText: patch.timeoutText,
    permissionsText: patch.permissionsText,
    extraText: patch.extraText,
    qrvey86: request.qrvey86OrNewer ?? true
  }
}
