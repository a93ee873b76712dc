/**
 * Dashboards: Dashboard View (`qrvey-end-user`), the v9 `qrvey-dashboard`,
 * and Dashboard Builder (`qrvey-builders`, with `editable`).
 *
 * GET app -> page switcher (tabs); GET dashboard -> `qvDSHPageLoaded`; one
 * POST query per panel -> `qvDSHItemsLoaded` once every panel has settled
 * (both without detail, as custom-events.md dispatches them). The host's
 * page events on `window` (dashboard-host-events.ts) restore, save, edit,
 * close editing and download. The v9 `qrvey-dashboard` without any
 * dashboardId shows the app's dashboards to pick from (QRVEY.md §2:
 * "dashboardId optional (without it: browse dashboards)"). The toolbar and
 * the builder's "Add panel" menu are drawn by dashboard-toolbar.ts.
 */
import type { Dashboard, PanelDefinition, SandboxApp } from '../../../shared/sandbox-api'
import { configText } from '../core/config'
import { addPanel, canMove, movePanel, orderedPanels, removePanel, sameDashboard, uniquePanelId } from '../core/dashboard-model'
import { clear, h, icon } from '../core/dom'
import { appColumns, loadPanel, panelCard, placeInGrid, QueryCache, type ColumnIndex } from '../core/panels'
import { timezoneLabel } from '../core/presentation'
import { collectNotes, hiddenAssetsNote, securityBanner } from '../core/security-note'
import { header, type WidgetContext } from '../core/widget-element'
import { browse } from './dashboard-browser'
import { addPanelMenu, toolbarParts, type ToolbarState } from './dashboard-toolbar'
import { dashboardCsv, datasetCsv, deliverExport } from './dashboard-download'
import { generalDownloadHidden, listenForHostEvents, personalizationAllows, type DownloadFormat, type RestoreVersion } from './dashboard-host-events'

export interface DashboardViewOptions {
  product: string
  /** Show the application's dashboards as tabs. */
  tabs: boolean
  /** Dashboard Builder: edit mode, add / move / remove panels, save. */
  editable: boolean
  /** Without a dashboardId, list the app's dashboards to pick one (qrvey-dashboard). */
  browseWithoutId?: boolean
}

/** Why a requested dashboardId was not opened, and what is shown instead. */
export function unknownDashboardNote(app: SandboxApp, requested: string, shown: { id: string; name: string }): string {
  const hidden = app.hidden?.dashboards.find((d) => d.id === requested)
  const why = hidden
    ? `dashboardId "${requested}" is hidden by this token (${hidden.reason})`
    : `dashboardId "${requested}" is not a dashboard of ${app.name} (its dashboards: ${app.dashboards.map((d) => d.id).join(', ')})`
  return `${why}; showing "${shown.name}" (${shown.id}) instead. Qrvey's docs do not say what an unknown id does; the sandbox opens the first dashboard.`
}

/** The dashboard as the builder edits and saves it: hiddenPanels describes one answer, not the page. */
function withoutHidden(dashboard: Dashboard): Dashboard {
  const copy = { ...dashboard }
  delete copy.hiddenPanels
  return copy
}

export async function runDashboardView(context: WidgetContext, options: DashboardViewOptions): Promise<void> {
  const { client, config, shell } = context
  const requested = configText(config, 'dashboardId', 'dashboard_id', 'pageId', 'page_id', 'pageid')
  const app: SandboxApp = await client.getApp()
  if (options.browseWithoutId && requested === undefined) {
    browse(context, app, options.product, (id) => context.action(() => runDashboardView(contextFor(id), { ...options, browseWithoutId: false })))
    return
  }
  /** The same run with a dashboardId chosen in the browser. */
  function contextFor(id: string): WidgetContext {
    return { ...context, config: { ...config, raw: { ...config.raw, dashboardId: id } } }
  }
  const columns: ColumnIndex = appColumns(app)
  const cache = new QueryCache()
  const dashboards = [...app.dashboards]
  // An id the app does not have (or the token hides) is not made into a tab of its own: Qrvey's docs do not say
  // what the widget does then, so the sandbox opens the first dashboard and says why (QRVEY.md: accept and warn).
  const unknownRequest = requested !== undefined && !dashboards.some((d) => d.id === requested) ? requested : undefined
  if (dashboards.length === 0) {
    context.setState('ready')
    clear(shell)
    shell.append(header(app.name, options.product), h('div', { class: 'qv-loading', data: { qv: 'empty' }, text: 'This application has no dashboards yet.' }))
    return
  }

  let currentId = unknownRequest === undefined ? (requested ?? dashboards[0].id) : dashboards[0].id
  if (unknownRequest !== undefined) console.warn(`<${context.element.localName}> ${unknownDashboardNote(app, unknownRequest, dashboards[0])}`)
  let saved: Dashboard | undefined
  let draft: Dashboard | undefined
  let loadSeq = 0
  let menuOpen = false
  /** Whether record permissions narrowed any panel of the page shown. */
  let filtered = false
  /** Dashboard View edits only through qvDSHEditDashboard (end-user personalization). */
  let editAllowed = options.editable
  /** Which version qvDSHRestoreDashboard last asked for. */
  let version: RestoreVersion = 'PERSONALIZED'
  const hasClientId = app.personalization?.hasClientId ?? false
  const personalized = new Set(app.personalization?.personalized ?? [])
  const zone = timezoneLabel(config)

  const tabsEl = h('div', { class: 'qv-tabs', attrs: { role: 'tablist', 'aria-label': 'Dashboards' } })
  const toolbarEl = h('div', { class: 'qv-toolbar' })
  const bannerEl = h('div', {})
  /** What the token's asset_permissions and roles hide here, with why. */
  const assetsEl = h('div', {})
  /** What record-level security withheld on this page, in plain words. */
  const notesEl = h('div', {})
  const gridEl = h('div', { class: 'qv-grid', data: { qv: 'grid' } })
  clear(shell)
  shell.append(header(app.name, options.product), options.tabs ? tabsEl : '', toolbarEl, bannerEl, assetsEl, notesEl, gridEl)

  function renderHiddenAssets(dashboard: Dashboard | undefined): void {
    clear(assetsEl)
    const hidden = [...(app.hidden?.dashboards ?? []), ...(dashboard?.hiddenPanels ?? [])]
    if (hidden.length > 0) assetsEl.append(hiddenAssetsNote('Hidden by this token', hidden))
  }

  const editing = (): boolean => draft !== undefined
  const shown = (): Dashboard | undefined => draft ?? saved
  const dirty = (): boolean => draft !== undefined && saved !== undefined && !sameDashboard(draft, saved)

  function renderTabs(): void {
    if (!options.tabs) return
    clear(tabsEl)
    for (const d of dashboards) {
      const selected = d.id === currentId
      tabsEl.append(
        h('button', {
          class: 'qv-tab',
          data: { qv: 'page-tab', dashboardId: d.id },
          attrs: { role: 'tab', type: 'button', 'aria-selected': String(selected), tabindex: selected ? 0 : -1, disabled: editing() && !selected, title: editing() ? 'Save or cancel your changes first' : undefined },
          text: d.name,
          on: {
            click: () => {
              if (d.id !== currentId && !editing()) context.action(() => openDashboard(d.id))
            },
            keydown: (event) => {
              if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return
              const tabs = [...tabsEl.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')]
              const at = tabs.indexOf(event.currentTarget as HTMLButtonElement)
              tabs[(at + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]?.focus()
            }
          }
        })
      )
    }
  }

  function renderToolbar(): void {
    clear(toolbarEl)
    const state: ToolbarState = {
      dashboard: shown(),
      fallbackTitle: dashboards.find((d) => d.id === currentId)?.name ?? currentId,
      failed: bannerEl.childElementCount > 0,
      editing: editing(),
      editAllowed,
      dirty: dirty(),
      menuOpen,
      version,
      personalized: personalized.has(currentId),
      zone,
      filtered,
      downloadHidden: generalDownloadHidden(context),
      loaded: saved !== undefined
    }
    toolbarEl.append(
      ...toolbarParts(state, {
        download: () => context.action(() => download('CSV')),
        refresh: () => context.action(() => openDashboard(currentId, true)),
        edit: startEditing,
        toggleMenu: () => {
          menuOpen = !menuOpen
          renderToolbar()
        },
        cancel: cancelEditing,
        save: () => context.action(save),
        menu: () =>
          addPanelMenu(app, shown(), (template) => {
            if (!draft) return
            draft = addPanel(draft, template, uniquePanelId(draft, `${template.id}`))
            menuOpen = false
            render()
            gridEl.lastElementChild?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' })
          })
      })
    )
  }

  function panelTools(dashboard: Dashboard, panel: PanelDefinition): HTMLElement[] {
    const button = (qv: string, label: string, name: 'left' | 'right' | 'close', enabled: boolean, run: () => void, danger = false): HTMLElement =>
      h('button', { class: `qv-icon-btn${danger ? ' qv-danger' : ''}`, data: { qv, panelId: panel.id }, attrs: { type: 'button', title: label, 'aria-label': `${label}: ${panel.title}`, disabled: !enabled }, on: { click: run } }, [
        icon(name)
      ])
    const edit = (next: Dashboard): void => {
      draft = next
      render()
    }
    return [
      button('move-panel-left', 'Move earlier', 'left', canMove(dashboard, panel.id, -1), () => draft && edit(movePanel(draft, panel.id, -1))),
      button('move-panel-right', 'Move later', 'right', canMove(dashboard, panel.id, 1), () => draft && edit(movePanel(draft, panel.id, 1))),
      button('remove-panel', 'Remove panel', 'close', true, () => draft && edit(removePanel(draft, panel.id)), true)
    ]
  }

  /** Draws the panels; resolves with how many failed once every panel has settled. */
  function renderGrid(animate: boolean): Promise<number> {
    context.destroyCharts()
    clear(gridEl)
    clear(notesEl)
    const dashboard = shown()
    gridEl.classList.toggle('qv-editing', editing())
    if (!dashboard) return Promise.resolve(0)
    if (dashboard.panels.length === 0) {
      gridEl.append(
        h('div', { class: 'qv-empty', data: { qv: 'empty' }, style: { gridColumn: '1 / -1' } }, editing() ? 'This dashboard is empty. Use "Add panel" to add one.' : 'This dashboard has no panels yet.')
      )
      return Promise.resolve(0)
    }
    const loads = orderedPanels(dashboard.panels).map((panel) => {
      const parts = panelCard(panel, columns.get(panel.datasetId), editing() ? panelTools(dashboard, panel) : undefined)
      placeInGrid(parts.card, panel)
      gridEl.append(parts.card)
      return loadPanel(context, cache, panel, parts, columns, animate)
    })
    return Promise.all(loads).then((results) => {
      // The panels' security explanations once, above them (each panel keeps a short line).
      clear(notesEl)
      const notes = collectNotes(gridEl)
      if (notes.length > 0) notesEl.append(securityBanner(notes))
      const narrowed = gridEl.querySelector('[data-qv="permissions-badge"]') !== null
      if (narrowed !== filtered) {
        filtered = narrowed
        renderToolbar()
      }
      return results.filter((ok) => !ok).length
    })
  }

  /** Redraws everything; charts animate only when a page is freshly loaded, not after each edit. */
  function render(animate = false): Promise<number> {
    renderTabs()
    renderToolbar()
    return renderGrid(animate)
  }

  async function openDashboard(id: string, fresh = false, original = false): Promise<void> {
    const seq = ++loadSeq
    currentId = id
    saved = undefined
    draft = undefined
    menuOpen = false
    if (fresh) cache.clear()
    clear(bannerEl)
    context.setState('loading')
    render()
    let dashboard: Dashboard
    try {
      dashboard = await client.getDashboard(id, original)
    } catch (error) {
      if (seq !== loadSeq) return
      context.setState('error')
      const slot = h('div', { data: { qv: 'load-error' } })
      bannerEl.append(slot)
      context.showLocalError(error, slot)
      renderToolbar()
      return
    }
    if (seq !== loadSeq || context.signal.aborted) return
    renderHiddenAssets(dashboard)
    // hiddenPanels describes this answer only; a saved draft never carries it back.
    dashboard = withoutHidden(dashboard)
    saved = dashboard
    context.emit('qvDSHPageLoaded', { dashboardId: dashboard.id, name: dashboard.name, panels: dashboard.panels.length, version })
    const failed = await render(true)
    if (seq !== loadSeq || context.signal.aborted) return
    context.emit('qvDSHItemsLoaded', { dashboardId: dashboard.id, items: dashboard.panels.length, failed })
    context.setState('ready')
  }

  function startEditing(): void {
    if (!saved) return
    draft = saved
    render()
  }

  function cancelEditing(): void {
    draft = undefined
    editAllowed = options.editable
    menuOpen = false
    clear(bannerEl)
    render()
  }

  async function save(): Promise<void> {
    if (!draft) return
    const seq = loadSeq
    clear(bannerEl)
    const saveButton = toolbarEl.querySelector<HTMLButtonElement>('[data-qv="save-dashboard"]')
    if (saveButton) saveButton.disabled = true
    try {
      const result = await client.saveDashboard(draft)
      if (seq !== loadSeq || context.signal.aborted) return
      saved = withoutHidden(result)
      draft = undefined
      menuOpen = false
      editAllowed = options.editable
      personalized.add(result.id)
      version = 'PERSONALIZED'
      await render()
      context.toast('Dashboard saved')
    } catch (error) {
      if (seq !== loadSeq) return
      const slot = h('div', { class: 'qv-banner', data: { qv: 'save-error' } })
      bannerEl.append(slot)
      context.showLocalError(error, slot)
      if (saveButton) saveButton.disabled = false
    }
  }

  // Close the "Add panel" menu on a click elsewhere or Escape.
  context.listen(document, 'click', (event) => {
    if (!menuOpen) return
    const path = event.composedPath()
    if (path.some((node) => node instanceof HTMLElement && (node.dataset.qv === 'panel-menu' || node.dataset.qv === 'add-panel'))) return
    menuOpen = false
    renderToolbar()
  })
  context.listen(context.element, 'keydown', (event) => {
    if ((event as KeyboardEvent).key === 'Escape' && menuOpen) {
      menuOpen = false
      renderToolbar()
    }
  })
  async function download(format: DownloadFormat): Promise<void> {
    const dashboard = shown()
    if (!dashboard) return
    if (format === 'EXCEL' || format === 'PDF') {
      console.error(`[qvDSHDownloadDashboard]: ${format} files are not simulated offline by the Qrvey sandbox; CSV and DATASET are.`)
      context.toast(`${format} download is not simulated offline; use CSV or DATASET`)
      return
    }
    const file = format === 'CSV' ? await dashboardCsv(context, cache, dashboard, columns) : await datasetCsv(context, dashboard, columns)
    if (context.signal.aborted) return
    const entry = await deliverExport(context, format === 'CSV' ? dashboard.name : `${dashboard.name} data`, `${options.product}: ${dashboard.name}`, file.csv)
    context.toast(entry ? `Downloaded ${entry.fileName}; it is also in the Download Manager` : `Downloaded ${dashboard.name} (${file.rows} rows)`)
  }

  listenForHostEvents(context, {
    whyNotRestore: (wanted) => {
      if (!hasClientId) return 'clientid is missing in the authentication token'
      if (!personalizationAllows(context, 'enabled')) return 'personalization is disabled in the configuration'
      if (!personalized.has(currentId)) return 'no personalization exists for this dashboard'
      if (wanted === version) return `the ${wanted} version is already shown`
      return undefined
    },
    restore: async (wanted) => {
      version = wanted
      await openDashboard(currentId, true, wanted === 'ORIGINAL')
    },
    whyNotSave: () => {
      if (!personalizationAllows(context, 'enabled')) return 'personalization is disabled in the configuration'
      if (!hasClientId) return 'clientid is missing in the authentication token: generate the token with a clientid to save a personalized version'
      if (!dirty()) return 'no changes are detected'
      return undefined
    },
    save,
    whyNotEdit: () => {
      if (!personalizationAllows(context, 'enabled')) return 'personalization is disabled in the configuration'
      if (!personalizationAllows(context, 'edit_page')) return 'dashboard editing is disabled (personalization.edit_page is false)'
      if (!options.editable && !hasClientId) return 'clientid is missing in the authentication token'
      if (!saved) return 'the dashboard is still loading'
      return undefined
    },
    edit: () => {
      if (editing()) return
      editAllowed = true
      startEditing()
    },
    closeEdit: () => {
      if (editing()) cancelEditing()
    },
    whyNotDownload: () => {
      if (generalDownloadHidden(context)) return 'downloads are disabled in the configuration (featurePermission / personalization)'
      if (!saved) return 'the dashboard is loading'
      return undefined
    },
    download
  })

  await openDashboard(currentId)
}
