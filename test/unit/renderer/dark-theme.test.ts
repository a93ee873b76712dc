/**
 * Issue 11, point 7: the theme switch (settings ui.theme on the page root)
 * and how a preview is dressed for dark: the documented themeId where the
 * widget has one, a preview-only hint where it has none, nothing on a Qrvey
 * instance (whose dark theme id only its Composer knows).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { setWorkbench } from '@renderer/bridge'
import { dressForScheme } from '@renderer/lib/preview-dark'
import { useSettingsStore } from '@renderer/stores/settings'
import { useThemeStore } from '@renderer/stores/theme'
import { findWidget } from '@shared/widget-catalog'
import { createFakeWorkbench, settle } from './fake-workbench'

const widget = (id: string) => findWidget(id)!

describe('dressForScheme', () => {
  it('light: the fields as they are, no hint, nothing to say', () => {
    expect(dressForScheme(widget('page-view'), { dashboardId: 'overview' }, { dark: false, sandbox: true })).toEqual({ fields: { dashboardId: 'overview' } })
  })

  it('dark on the sandbox, a widget with themeId: the sandbox dark theme by that key, unless the user chose one', () => {
    const dressed = dressForScheme(widget('analytic-suite'), { qrveyId: 'sales-orders' }, { dark: true, sandbox: true })
    expect(dressed.fields).toEqual({ qrveyId: 'sales-orders', themeId: 'sandbox-dark' })
    expect(dressed.sandboxScheme).toBe('dark')
    expect(dressed.note).toContain('themeId "sandbox-dark"')
    const own = dressForScheme(widget('analytic-suite'), { qrveyId: 'sales-orders', themeId: 'sandbox-teal' }, { dark: true, sandbox: true })
    expect(own.fields.themeId).toBe('sandbox-teal')
    expect(own.note).toContain('your Theme id "sandbox-teal"')
  })

  it('dark on the sandbox, a widget without themeId: only the preview hint', () => {
    const dressed = dressForScheme(widget('qrvey-dashboard'), { dashboardId: 'overview' }, { dark: true, sandbox: true })
    expect(dressed.fields).toEqual({ dashboardId: 'overview' })
    expect(dressed.sandboxScheme).toBe('dark')
    expect(dressed.note).toContain('not in the copied host page')
  })

  it('dark on a Qrvey instance: nothing added; the note says how to get its dark theme', () => {
    const dressed = dressForScheme(widget('page-view'), {}, { dark: true, sandbox: false })
    expect(dressed).toEqual({ fields: {}, note: expect.stringContaining('Qrvey Dark Theme') })
    expect(dressForScheme(widget('automation'), {}, { dark: true, sandbox: false }).note).toBeUndefined()
  })
})

describe('theme store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setWorkbench(createFakeWorkbench())
  })
  afterEach(() => {
    delete document.documentElement.dataset.theme
    setWorkbench(undefined)
  })

  it('puts the choice on the page root, saves it in the settings, and System leaves it to the OS', async () => {
    const theme = useThemeStore()
    await settle()
    expect(theme.choice).toBe('system')
    expect(document.documentElement.dataset.theme).toBeUndefined()
    await theme.set('dark')
    await settle()
    expect(document.documentElement.dataset.theme).toBe('dark')
    expect(theme.dark).toBe(true)
    expect(useSettingsStore().settings?.ui.theme).toBe('dark')
    await theme.set('light')
    await settle()
    expect(document.documentElement.dataset.theme).toBe('light')
    expect(theme.dark).toBe(false)
    await theme.set('system')
    await settle()
    expect(document.documentElement.dataset.theme).toBeUndefined()
    expect(theme.dark).toBe(theme.systemDark)
  })
})
