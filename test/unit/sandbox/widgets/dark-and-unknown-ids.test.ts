/**
 * Issue 11, point 7, the sandbox side: the dark theme (themeId sandbox-dark,
 * or the workbench preview's hint when no theme is chosen), an unknown
 * themeId said and ignored, and the words for an unknown dashboardId.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { parseWidgetConfig } from '../../../../src/sandbox/widgets/core/config'
import { applyPresentation } from '../../../../src/sandbox/widgets/core/presentation'
import { unknownDashboardNote } from '../../../../src/sandbox/widgets/views/dashboard-view'
import { SANDBOX_SCHEME_ATTRIBUTE } from '../../../../src/shared/sandbox-themes'
import type { SandboxApp } from '../../../../src/shared/sandbox-api'

const config = (raw: Record<string, unknown>) => {
  const parsed = parseWidgetConfig({ domain: 'https://x.example', qvToken: 't', ...raw }, 'x')
  if (!parsed.ok) throw new Error(parsed.message)
  return parsed.config
}

afterEach(() => document.documentElement.removeAttribute(SANDBOX_SCHEME_ATTRIBUTE))

describe('dark look', () => {
  it('themeId sandbox-dark draws the widget dark; a light theme does not', () => {
    const el = document.createElement('div')
    expect(applyPresentation(el, config({ themeId: 'sandbox-dark' }))).toEqual([])
    expect(el.dataset.qvScheme).toBe('dark')
    expect(el.dataset.qvTheme).toBe('sandbox-dark')
    applyPresentation(el, config({ themeId: 'sandbox-teal' }))
    expect(el.dataset.qvScheme).toBeUndefined()
  })

  it('the preview hint makes a widget without a theme dark; a chosen theme wins over it', () => {
    document.documentElement.setAttribute(SANDBOX_SCHEME_ATTRIBUTE, 'dark')
    const el = document.createElement('div')
    applyPresentation(el, config({}))
    expect(el.dataset.qvScheme).toBe('dark')
    applyPresentation(el, config({ themeId: 'sandbox-sunset' }))
    expect(el.dataset.qvScheme).toBeUndefined()
  })

  it('an unknown themeId is reported, names the themes there are, and keeps the default look', () => {
    const el = document.createElement('div')
    const problems = applyPresentation(el, config({ themeId: 'corporate-blue' }))
    expect(problems).toEqual([expect.stringContaining('themeId "corporate-blue" is not a theme of the sandbox\'s demo apps (they have: sandbox-teal, sandbox-sunset, sandbox-dark)')])
    expect(el.dataset.qvTheme).toBeUndefined()
    expect(el.dataset.qvScheme).toBeUndefined()
  })
})

describe('unknown dashboardId', () => {
  const app = {
    appId: 'a1',
    name: 'Sales Analytics',
    dashboards: [{ id: 'overview', name: 'Overview' }],
    hidden: { dashboards: [{ id: 'products', name: 'Products', reason: 'not in asset_permissions.pages' }], datasets: [], columns: [] }
  } as unknown as SandboxApp
  it('names the app\'s dashboards and the one shown instead', () => {
    expect(unknownDashboardNote(app, 'nope', { id: 'overview', name: 'Overview' })).toMatch(/^dashboardId "nope" is not a dashboard of Sales Analytics \(its dashboards: overview\); showing "Overview" \(overview\) instead\./)
  })
  it('says why a hidden one is not opened', () => {
    expect(unknownDashboardNote(app, 'products', { id: 'overview', name: 'Overview' })).toContain('is hidden by this token (not in asset_permissions.pages)')
  })
})
