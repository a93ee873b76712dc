/**
 * Download Manager (`qrvey-download-manager`, download-manager.md): the
 * exports of this user and clientid, newest first, each downloadable. The
 * docs' three looks: `widgetView: "table"` shows it as a page; the default
 * is the modal; `showModalButton: true` shows a button that opens it. The
 * element's `openDownloadManager()` opens the modal from host code.
 */
import { SANDBOX_EXTRA_PATHS, type ExportEntry } from '../../../shared/sandbox-extras-api'
import { configFlag, configText } from '../core/config'
import { downloadText } from '../core/csv'
import { clear, h, icon } from '../core/dom'
import { formatNumber } from '../core/format'
import { localeOf } from '../core/presentation'
import { header, type WidgetContext } from '../core/widget-element'

export interface DownloadManagerHandle {
  open(): void
}

export async function runDownloadManager(context: WidgetContext): Promise<DownloadManagerHandle> {
  const { client, config, shell } = context
  const { userId, appId } = client.ids
  const locale = localeOf(config)
  const view = (configText(config, 'widgetView') ?? 'modal').toLowerCase()
  const withButton = configFlag(config, 'showModalButton')
  let modal: HTMLElement | undefined

  const listEl = h('div', { data: { qv: 'export-list' } })

  async function refresh(): Promise<void> {
    const entries = await client.request<ExportEntry[]>('GET', SANDBOX_EXTRA_PATHS.exports(userId, appId))
    if (context.signal.aborted) return
    clear(listEl)
    if (entries.length === 0) {
      listEl.append(h('div', { class: 'qv-empty', data: { qv: 'empty' }, text: 'No exports yet. A dashboard download (qvDSHDownloadDashboard with format CSV) or a Report Builder export for this clientid appears here.' }))
      return
    }
    const size = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${formatNumber(bytes / 1024, { currency: false, integer: false }, locale)} kB`)
    listEl.append(
      h('div', { class: 'qv-table-wrap' }, [
        h('table', { class: 'qv-table', data: { qv: 'exports-table' } }, [
          h('thead', {}, h('tr', {}, ['File', 'From', 'Rows', 'Size', 'Created', ''].map((t, i) => h('th', { class: i === 2 || i === 3 ? 'qv-num' : '', text: t })))),
          h(
            'tbody',
            {},
            entries.map((entry) =>
              h('tr', { data: { qv: 'export-row', exportId: entry.id } }, [
                h('td', { text: entry.fileName }),
                h('td', { text: entry.source }),
                h('td', { class: 'qv-num', text: formatNumber(entry.rows, { currency: false, integer: true }, locale) }),
                h('td', { class: 'qv-num', text: size(entry.bytes) }),
                h('td', { text: new Date(entry.createdAt).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }) }),
                h('td', {}, [
                  h('button', { class: 'qv-btn', data: { qv: 'export-download', exportId: entry.id }, attrs: { type: 'button' }, on: { click: () => context.action(() => download(entry)) } }, [icon('download'), 'Download'])
                ])
              ])
            )
          )
        ])
      ])
    )
  }

  async function download(entry: ExportEntry): Promise<void> {
    const content = await client.text(SANDBOX_EXTRA_PATHS.exportFile(userId, appId, entry.id))
    downloadText(entry.fileName, content)
    context.toast(`Downloaded ${entry.fileName}`)
  }

  function panel(): HTMLElement {
    return h('div', { class: 'qv-body' }, [
      h('div', { class: 'qv-toolbar' }, [
        h('div', {}, [h('h2', { class: 'qv-title', text: 'Downloads' }), h('div', { class: 'qv-meta', text: 'Exports of this user and clientid' })]),
        h('div', { class: 'qv-actions' }, [h('button', { class: 'qv-btn qv-btn-ghost', data: { qv: 'refresh' }, attrs: { type: 'button' }, on: { click: () => context.action(refresh) } }, [icon('refresh'), 'Refresh'])])
      ]),
      listEl
    ])
  }

  function close(): void {
    modal?.remove()
    modal = undefined
  }

  function open(): void {
    if (context.signal.aborted) return
    if (view === 'table') {
      context.action(refresh)
      return
    }
    close()
    modal = h('div', { class: 'qv-modal-backdrop', data: { qv: 'download-modal' }, on: { click: (event) => event.target === modal && close() } }, [
      h('div', { class: 'qv-modal', attrs: { role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Download Manager' } }, [
        h('div', { class: 'qv-header' }, [
          h('div', { class: 'qv-logo', text: 'Q' }),
          h('div', { class: 'qv-brand-name', text: 'Download Manager' }),
          h('div', { class: 'qv-spacer' }),
          h('button', { class: 'qv-icon-btn', data: { qv: 'close-modal' }, attrs: { type: 'button', 'aria-label': 'Close' }, on: { click: close } }, [icon('close')])
        ]),
        panel()
      ])
    ])
    shell.append(modal)
    context.action(refresh)
  }

  clear(shell)
  if (view === 'table') {
    shell.append(header('Download Manager', 'Your exports'), panel())
    await refresh()
  } else {
    // The modal's launcher: the documented button, or (default) a bar saying how to reopen it.
    shell.append(
      h('div', { class: 'qv-toolbar', data: { qv: 'download-launcher' } }, [
        h('div', {}, [h('div', { class: 'qv-title', text: 'Download Manager' }), h('div', { class: 'qv-meta', text: withButton ? 'Opens your exports in a window' : 'Opens as a window; reopen with el.openDownloadManager()' })]),
        h('div', { class: 'qv-actions' }, [h('button', { class: 'qv-btn qv-btn-primary', data: { qv: 'open-download-manager' }, attrs: { type: 'button' }, on: { click: open } }, [icon('download'), 'Downloads'])])
      ])
    )
    // Loads once so a missing clientid or a refused token shows at start, not on the first click.
    await refresh()
    if (!withButton) open()
  }
  context.setState('ready')
  return { open }
}
