/**
 * The token form as a setup sees it: a snapshot of what it stands for
 * (compared with the saved file for "modified", kept as a draft) and
 * putting one back into it.
 */
import type { FormSnapshot } from '@renderer/lib/setup-form'
import type { useTokenFormStore } from './tokenForm'

type TokenForm = ReturnType<typeof useTokenFormStore>

export function snapshotForm(form: TokenForm): FormSnapshot {
  return {
    widgetId: form.widgetId,
    widgetValues: form.widgetValues,
    fields: { ...form.fields },
    timeoutText: form.timeoutText,
    permissionsText: form.permissionsText,
    extraText: form.extraText,
    qrvey86: form.qrvey86
  }
}

/** Fills the form from a snapshot; the form counts as pristine afterwards. */
export function applyToForm(form: TokenForm, snapshot: FormSnapshot): void {
  form.widgetValues = Object.fromEntries(Object.entries(snapshot.widgetValues).map(([id, values]) => [id, { ...values }]))
  form.selectWidget(snapshot.widgetId)
  Object.assign(form.fields, snapshot.fields)
  form.timeoutText = snapshot.timeoutText
  form.permissionsText = snapshot.permissionsText
  form.extraText = snapshot.extraText
  form.qrvey86 = snapshot.qrvey86
  form.markPristine()
}
