/**
 * The dashboards' toolbar (views/dashboard-toolbar.ts), state by state: what
 * the line under the title says, which actions are offered in Dashboard View,
 * in the builder and while editing, and that each button runs its action.
 * builder-flow.test.ts drives the same toolbar through a whole widget.
 */
import { describe, expect, it, vi } from 'vitest'
import type { Dashboard, PanelDefinition, SandboxApp } from '../../../../src/shared/sandbox-api'
import { addPanelMenu, toolbarParts, type ToolbarActions, type ToolbarState } from '../../../../src/sandbox/widgets/views/dashboard-toolbar'

/** A panel of the sales dataset; the toolbar only counts them and reads their datasets. */
const kpi = (id: string): PanelDefinition => ({ id, title: id, kind: 'kpi', datasetId: 'sales', measure: { column: 'revenue', aggregate: 'sum' }, layout: { x: 0, y: 0, w: 6, h: 2 } })
const dashboard: Dashboard = { id: 'overview', name: 'Overview', panels: [kpi('a'), kpi('b')] }

const viewing: ToolbarState = {
  dashboard,
  fallbackTitle: 'overview',
  failed: false,
  editing: false,
  editAllowed: false,
  dirty: false,
  menuOpen: false,
  version: 'PERSONALIZED',
  personalized: false,
  zone: undefined,
  filtered: false,
  downloadHidden: false,
  loaded: true
}

function actions(): ToolbarActions & { [K in keyof ToolbarActions]: ReturnType<typeof vi.fn> } {
  const menu = document.createElement('div')
  menu.dataset.qv = 'panel-menu'
  return { download: vi.fn(), refresh: vi.fn(), edit: vi.fn(), toggleMenu: vi.fn(), cancel: vi.fn(), save: vi.fn(), menu: vi.fn(() => menu) } as never
}

function draw(state: Partial<ToolbarState>, run = actions()) {
  const root = document.createElement('div')
  root.append(...toolbarParts({ ...viewing, ...state }, run))
  const q = (name: string) => root.querySelector<HTMLButtonElement>(`[data-qv="${name}"]`)
  return { root, run, q, meta: q('dashboard-meta')?.textContent, title: q('dashboard-title')?.textContent }
}

describe('dashboard toolbar', () => {
  it('says what is shown: panels, editing, which version, the time zone; and while loading or after a failure', () => {
    expect(draw({}).meta).toBe('2 panels')
    expect(draw({ personalized: true, zone: 'UTC+02:00' }).meta).toBe('2 panels · your version · times in UTC+02:00')
    expect(draw({ version: 'ORIGINAL', personalized: true }).meta).toBe('2 panels · original version')
    expect(draw({ editing: true, dashboard: { ...dashboard, panels: dashboard.panels.slice(1) } }).meta).toBe('1 panel · editing')
    const loading = draw({ dashboard: undefined, fallbackTitle: 'Products', loaded: false })
    expect([loading.title, loading.meta]).toEqual(['Products', 'Loading…'])
    expect(draw({ dashboard: undefined, failed: true, loaded: false }).meta).toBe('Could not be loaded')
    expect(draw({ version: 'ORIGINAL' }).q('dashboard-meta')?.dataset.version).toBe('ORIGINAL')
  })

  it('Dashboard View: Download and Refresh; Download waits for the dashboard and follows the configuration', () => {
    const { q, run } = draw({})
    expect([q('download-dashboard'), q('refresh')].every(Boolean)).toBe(true)
    expect(q('edit-dashboard')).toBeNull()
    q('download-dashboard')!.click()
    q('refresh')!.click()
    expect([run.download.mock.calls.length, run.refresh.mock.calls.length]).toEqual([1, 1])
    expect(draw({ loaded: false }).q('download-dashboard')!.disabled).toBe(true)
    expect(draw({ downloadHidden: true }).q('download-dashboard')).toBeNull()
    expect(draw({ filtered: true }).q('permissions-applied')).not.toBeNull()
  })

  it('the builder offers Edit once loaded; editing offers Add panel, Cancel and Save (only with changes), and the menu when open', () => {
    const builder = draw({ editAllowed: true })
    expect(builder.q('refresh')).toBeNull()
    builder.q('edit-dashboard')!.click()
    expect(builder.run.edit).toHaveBeenCalledOnce()
    expect(draw({ editAllowed: true, loaded: false }).q('edit-dashboard')!.disabled).toBe(true)

    const editing = draw({ editAllowed: true, editing: true })
    expect(editing.q('download-dashboard')).toBeNull()
    expect(editing.q('save-dashboard')!.disabled).toBe(true)
    expect(editing.q('dirty')).toBeNull()
    expect(editing.q('panel-menu')).toBeNull()
    expect(editing.q('add-panel')!.getAttribute('aria-expanded')).toBe('false')
    editing.q('add-panel')!.click()
    editing.q('cancel-edit')!.click()
    expect([editing.run.toggleMenu.mock.calls.length, editing.run.cancel.mock.calls.length]).toEqual([1, 1])

    const changed = draw({ editAllowed: true, editing: true, dirty: true, menuOpen: true })
    expect(changed.q('dirty')?.textContent).toBe('Unsaved changes')
    expect(changed.q('add-panel')!.getAttribute('aria-expanded')).toBe('true')
    expect(changed.q('panel-menu')).not.toBeNull()
    changed.q('save-dashboard')!.click()
    expect(changed.run.save).toHaveBeenCalledOnce()
  })

  it('the Add panel menu lists each dataset’s templates, the datasets in use first, and hands back the one picked', () => {
    const app: SandboxApp = {
      appId: 'app-1',
      name: 'Sales',
      dashboards: [{ id: 'overview', name: 'Overview' }],
      datasets: [
        { id: 'targets', name: 'Targets', rowCount: 1, columns: [{ id: 'region', label: 'Region', type: 'text' }, { id: 'goal', label: 'Goal', type: 'number' }] },
        { id: 'sales', name: 'Sales orders', rowCount: 1, columns: [{ id: 'region', label: 'Region', type: 'text' }, { id: 'revenue', label: 'Revenue', type: 'number' }] }
      ]
    }
    const pick = vi.fn()
    const menu = addPanelMenu(app, dashboard, pick)
    expect([...menu.querySelectorAll('.qv-menu-heading')].map((el) => el.textContent)).toEqual(['Sales orders', 'Targets'])
    const items = [...menu.querySelectorAll<HTMLButtonElement>('[data-qv="panel-template"]')]
    expect(items.length).toBeGreaterThan(1)
    expect(items[0].dataset.datasetId).toBe('sales')
    items[0].click()
    expect(pick).toHaveBeenCalledWith(expect.objectContaining({ id: items[0].dataset.templateId }))
    // One dataset: one heading, "Add a panel".
    const single = addPanelMenu({ ...app, datasets: app.datasets.slice(1) }, dashboard, pick)
    expect([...single.querySelectorAll('.qv-menu-heading')].map((el) => el.textContent)).toEqual(['Add a panel'])
  })
})
