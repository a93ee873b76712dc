/**
 * How the widgets say what the token's security withheld, in plain words:
 * record-level security notes from a query's `security` block ("this dataset
 * is secured by region ... and the token grants nothing for region"), and
 * assets hidden by asset_permissions or roles (the app's `hidden`, a
 * dashboard's `hiddenPanels`). Qrvey itself would show fewer rows or fewer
 * assets without a word; the sandbox explains, so a rehearsal teaches.
 * Styled inline (the CSSOM, allowed under the host's CSP) so the shared
 * widget stylesheet stays untouched.
 */
import type { HiddenAsset, SecurityReport } from '../../../shared/sandbox-api'
import { h, icon } from './dom'

const NOTE_STYLE = { background: '#fffbeb', color: '#78350f' }

function styled(el: HTMLElement): HTMLElement {
  el.style.border = '1px solid #fcd34d'
  el.style.borderRadius = '8px'
  el.style.padding = '8px 10px'
  el.style.fontSize = '12.5px'
  el.style.lineHeight = '1.45'
  el.style.display = 'flex'
  el.style.gap = '8px'
  el.style.alignItems = 'flex-start'
  return el
}

/** Whether a query answer withheld every row for a security reason worth showing. */
export function withheldAll(security: SecurityReport | undefined): boolean {
  return security !== undefined && security.visibleRows === 0 && security.notes.length > 0
}

/** One line for a panel too small for the whole explanation. */
export function shortReason(security: SecurityReport): string {
  if (security.missing.length > 0 && security.missing.length === security.securityNames.length) return `No rows: the token has no permissions for ${security.datasetId}.`
  if (security.missing.length > 0) return `No rows: the token grants nothing for ${security.missing.join(', ')}.`
  if (security.visibleRows === 0) return "No rows match the token's permissions."
  return "Note on the token's permissions."
}

/**
 * The notes of a query answer (data-qv="security-note"): one short line, and
 * the whole explanation one click away (a panel is often too small for it;
 * the dashboard repeats it once above its panels).
 */
export function securityNote(security: SecurityReport): HTMLElement {
  const details = h('details', {}, [
    h('summary', { text: 'Why?' }),
    ...security.notes.map((note) => h('p', { data: { qv: 'security-note-text' }, text: note }))
  ])
  for (const p of details.querySelectorAll('p')) p.style.margin = '4px 0 0'
  const box = styled(
    h('div', { data: { qv: 'security-note', datasetId: security.datasetId, notes: JSON.stringify(security.notes) }, attrs: { role: 'note', title: security.notes.join('\n') }, style: NOTE_STYLE }, [
      icon('shield'),
      h('div', {}, [h('div', { data: { qv: 'security-note-short' }, text: shortReason(security) }), details])
    ])
  )
  box.style.overflow = 'auto'
  box.style.maxHeight = '100%'
  return box
}

/** The distinct notes of every panel under `root`, for one explanation above them all. */
export function collectNotes(root: ParentNode): string[] {
  const notes = new Set<string>()
  for (const el of root.querySelectorAll<HTMLElement>('[data-qv="security-note"]')) {
    try {
      for (const note of JSON.parse(el.dataset.notes ?? '[]') as unknown[]) if (typeof note === 'string') notes.add(note)
    } catch {
      // a note without its data: nothing to add
    }
  }
  return [...notes]
}

/** The explanations once, above a dashboard's panels (data-qv="security-notes"). */
export function securityBanner(notes: readonly string[]): HTMLElement {
  const box = styled(
    h('div', { data: { qv: 'security-notes' }, attrs: { role: 'note' }, style: NOTE_STYLE }, [
      icon('shield'),
      h('div', {}, [h('strong', { text: 'Record-level security' }), ...notes.map((note) => h('p', { data: { qv: 'security-notes-text' }, text: note }))])
    ])
  )
  for (const p of box.querySelectorAll('p')) p.style.margin = '4px 0 0'
  box.style.margin = '8px 20px'
  return box
}

/** What the token hides (data-qv="hidden-assets"), one line per asset with its reason. */
export function hiddenAssetsNote(heading: string, assets: readonly HiddenAsset[]): HTMLElement {
  const box = styled(
    h('div', { data: { qv: 'hidden-assets' }, attrs: { role: 'note' }, style: NOTE_STYLE }, [
      icon('lock'),
      h('div', {}, [
        h('strong', { text: heading }),
        h('ul', {}, assets.map((asset) => h('li', { data: { qv: 'hidden-asset', assetId: asset.id }, text: asset.reason })))
      ])
    ])
  )
  box.style.margin = '8px 20px'
  for (const list of box.querySelectorAll('ul')) list.style.margin = '4px 0 0'
  return box
}
