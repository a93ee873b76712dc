/** The shapes the setups store shows (setups.ts re-exports them). */
import type { WorkbenchError } from '@shared/result'

export type UnsavedChoice = 'save' | 'discard' | 'cancel'

export interface UnsavedPrompt {
  /** The open setup's name; empty for a draft that was never saved. */
  name: string
  /** A draft: Save needs a name. */
  needsName: boolean
  busy: boolean
  error: WorkbenchError | null
}

/** A notice about the open setup (its environment, a change on disk). */
export interface SetupNotice {
  kind: 'missing-environment' | 'no-environment' | 'disk-changed' | 'disk-removed' | 'warning' | 'draft-restored' | 'rerun-draft'
  message: string
}

/** A save refused because another save (window, workbench, editor) changed the file first. */
export interface SaveConflict {
  message: string
  busy: boolean
}

export type ConflictChoice = 'reload' | 'overwrite' | 'copy'

/** The open file's version as last read: not reactive (nothing shows it), sent back with Save. */
export interface OpenFileVersion {
  modifiedAt: string | undefined
  /** The revision of the file the form started from: sent with Save, so a save over a newer version is refused. */
  revision: string | undefined
}
