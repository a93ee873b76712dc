/**
 * Setups as documents of a folder (../json-folder/): one file each in
 * `<workspace>/setups/`, what their list row shows and what a search looks
 * in. The folder's rules (index, revisions, undo, watching) are shared with
 * the personas (../personas/persona-store.ts).
 */
import { parseSetupText, serializeSetup, SETUP_FORMAT_VERSION, setupSchema, type Setup } from '../../shared/setup'
import { findWidget } from '../../shared/widget-catalog'
import type { SetupSummary } from '../../shared/workspace'
import type { DocumentKind } from '../json-folder/document-kind'
import type { DocumentEntry } from '../json-folder/document-entry'
import type { DocumentFolder } from '../json-folder/document-folder'
import type { FolderContext } from '../json-folder/folder-context'

export const SETUPS_FOLDER = 'setups'

/** A setup is a few kilobytes; a file this large is listed with an error instead of being parsed. */
export const MAX_SETUP_FILE_BYTES = 2 * 1024 * 1024

export const setupKind: DocumentKind<Setup, SetupSummary> = {
  folder: SETUPS_FOLDER,
  noun: 'setup',
  maxFileBytes: MAX_SETUP_FILE_BYTES,
  formatVersion: SETUP_FORMAT_VERSION,
  schema: setupSchema,
  parse(text) {
    const parsed = parseSetupText(text)
    return parsed.ok ? { ok: true, value: parsed.setup, dropped: parsed.dropped } : parsed
  },
  serialize: serializeSetup,
  rowFields(s) {
    if (!s) return { environment: '', widget: '', userid: '', appid: '' }
    return { environment: s.environment, widget: s.widget, userid: s.token.userid, appid: s.token.appid, ...(s.token.clientid !== undefined ? { clientid: s.token.clientid } : {}) }
  },
  searchText(id, s) {
    if (!s) return id.toLowerCase()
    const widget = findWidget(s.widget)
    return [s.name, s.environment, s.widget, widget?.name, widget?.currentName, s.token.userid, s.token.appid, s.token.clientid, id]
      .filter(Boolean)
      .join('\n')
      .toLowerCase()
  },
  staleSaveAdvice: 'Load the other version, overwrite it with yours, or save yours as a copy.'
}

export type SetupEntry = DocumentEntry<Setup, SetupSummary>
/** What the workspace store's parts (importing, exporting) share: see folder-context.ts. */
export type StoreContext = FolderContext<Setup, SetupSummary>
export type SetupFolder = DocumentFolder<Setup, SetupSummary>
