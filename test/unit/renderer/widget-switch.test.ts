/**
 * Issue 11, point 7: switching the widget carries the fields with the same
 * meaning (qrveyId from Analytic Suite to Single Panel, dashboardId between
 * the dashboard widgets, themeId), never over a value the next widget has,
 * and loading a setup carries nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useTokenFormStore } from '@renderer/stores/tokenForm'
import { carryWidgetFields } from '@renderer/lib/widget-switch'
import { findWidget } from '@shared/widget-catalog'

beforeEach(() => setActivePinia(createPinia()))

const widget = (id: string) => findWidget(id)!

describe('switching widgets', () => {
  it('carries qrveyId and themeId from Analytic Suite to Single Panel, leaving widget-only fields behind', () => {
    const form = useTokenFormStore()
    form.selectWidget('analytic-suite')
    form.setWidgetField('qrveyId', 'sales-orders')
    form.setWidgetField('themeId', 'sandbox-teal')
    form.setWidgetField('settings.view', 'TABULAR_VIEW')
    form.switchWidget('single-panel')
    expect(form.widgetId).toBe('single-panel')
    expect(form.currentWidgetValues).toEqual({ qrveyId: 'sales-orders', themeId: 'sandbox-teal' })
    // Single Panel now only lacks its panel: the dataset error is gone.
    expect(form.widgetErrors.qrveyId).toBeUndefined()
  })

  it('carries dashboardId between the dashboard widgets and keeps what the next widget already has', () => {
    const form = useTokenFormStore()
    form.selectWidget('page-view')
    form.setWidgetField('dashboardId', 'products')
    form.switchWidget('qrvey-dashboard')
    expect(form.currentWidgetValues.dashboardId).toBe('products')
    form.setWidgetField('dashboardId', 'overview')
    form.switchWidget('page-builder')
    expect(form.currentWidgetValues.dashboardId).toBe('overview')
    // Back to Dashboard View: it has its own value, which stays.
    form.switchWidget('page-view')
    expect(form.currentWidgetValues.dashboardId).toBe('products')
  })

  it('does not confuse keys of another meaning (Web Form Design qrvey_id is a form, not a dataset)', () => {
    expect(carryWidgetFields(widget('analytic-suite'), { qrveyId: 'sales-orders' }, widget('web-form-design'), {})).toEqual({})
    expect(carryWidgetFields(widget('single-panel'), { qrveyId: 'sales-orders', chartId: 'c1', type: 'CHART' }, widget('page-view'), {})).toEqual({})
  })

  it('selectWidget (loading a setup) carries nothing', () => {
    const form = useTokenFormStore()
    form.selectWidget('analytic-suite')
    form.setWidgetField('qrveyId', 'sales-orders')
    form.selectWidget('single-panel')
    expect(form.currentWidgetValues).toEqual({})
  })
})
