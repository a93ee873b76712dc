/**
 * What a widget switch carries over. Fields with the same config key mean the
 * same thing in every widget that has them (the catalog builds them from one
 * definition: qrveyId is the dataset for Analytic Suite and Single Panel,
 * dashboardId the dashboard for Dashboard View/Builder, Report Builder and the
 * v9 dashboard, themeId the app's theme), so a value typed for one widget goes
 * with the user to the next. A value the next widget already has is kept.
 */
import type { WidgetDefinition, WidgetFieldValues } from '@shared/widget-catalog'

const isSet = (value: string | boolean | undefined): boolean => value !== undefined && value !== ''

/** The next widget's values with the shared fields of the previous one filled in where it has none. */
export function carryWidgetFields(from: WidgetDefinition, fromValues: WidgetFieldValues, to: WidgetDefinition, toValues: WidgetFieldValues): WidgetFieldValues {
  if (from.id === to.id) return toValues
  const fromKeys = new Set(from.fields.map((field) => field.key))
  const carried: WidgetFieldValues = { ...toValues }
  for (const field of to.fields) {
    if (!fromKeys.has(field.key) || isSet(toValues[field.key]) || !isSet(fromValues[field.key])) continue
    carried[field.key] = fromValues[field.key]
  }
  return carried
}
