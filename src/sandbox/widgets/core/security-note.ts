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

/** The notes of a query answer, in one box (data-qv="security-note"). */
export function securityNote(security: SecurityReport): HTMLElement {
  return styled(
    h('div', { data: { qv: 'security-note', datasetId: security.datasetId }, attrs: { role: 'note' }, style: NOTE_STYLE }, [
      icon('shield'),
      h('div', {}, security.notes.map((note) => h('p', { data: { qv: 'security-note-text' }, text: note })))
    ])
  )
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
  box.style.margin = '8px 0'
  for (const list of box.querySelectorAll('ul')) list.style.margin = '4px 0 0'
  return box
}
