/**
 * Setups out of the workspace: an export file (setups plus the environments
 * they use, never a key) and "Copy as shareable text".
 */
import type { EnvironmentRecord } from '../../shared/environment'
import { buildExport, serializeExport, type ExportDocument, type ExportedEnvironment } from '../../shared/export-format'
import { fail, ok, type Result } from '../../shared/result'
import type { DroppedSecret } from '../../shared/secret-fields'
import type { Setup } from '../../shared/setup'
import type { Persona } from '../../shared/personas/persona'
import { encodeShareText } from '../../shared/share-text'
import { fileStemFor } from './file-names'
import type { SetupFolder } from './setup-kind'

/** The environments an export may carry: name, domain, timeout; never the sandbox (every workbench has its own). */
export function exportableEnvironments(records: readonly EnvironmentRecord[]): ExportedEnvironment[] {
  return records.filter((r) => r.kind === 'remote').map((r) => ({ name: r.name, domain: r.domain, timeoutMs: r.timeoutMs }))
}

export type PersonasFor = (setups: readonly Setup[]) => readonly Persona[]

export interface ExportedSetups {
  text: string
  document: ExportDocument
  fileName: string
  dropped: DroppedSecret[]
  skipped: string[]
}

/**
 * An export file's text for these setups (or every readable one), with the
 * environments they use (all remote environments for a whole workspace).
 * `environments`: see exportableEnvironments().
 */
export function exportSetups(
  folder: SetupFolder,
  ids: readonly string[] | 'all',
  environments: readonly ExportedEnvironment[],
  /** The personas to carry along, given the setups exported (issue 12); none by default. */
  personasFor: PersonasFor = () => []
): Result<ExportedSetups> {
  const all = ids === 'all'
  const chosen = folder.readable(ids)
  if (!chosen.ok) return chosen
  const { values: setups, skipped } = chosen.value
  const { ctx } = folder
  const { document, dropped } = buildExport({ setups, personas: personasFor(setups), environments, exportedAt: ctx.clock(), includeAllEnvironments: all })
  const text = serializeExport(document)
  const leak = ctx.guard.check(text)
  if (leak) return fail('INVALID_INPUT', `The export was not made: ${leak}.`)
  const date = ctx.clock().toISOString().slice(0, 10)
  const fileName = !all && setups.length === 1 ? `${fileStemFor(setups[0].name)}.export.json` : `workbench-export-${date}.json`
  return ok({ text, document, fileName, dropped, skipped })
}

/** "Copy as shareable text" for one setup (and its environment, without key). */
export function shareText(folder: SetupFolder, id: string, environments: readonly ExportedEnvironment[], personasFor?: PersonasFor): Result<string> {
  const exported = exportSetups(folder, [id], environments, personasFor)
  if (!exported.ok) return exported
  const text = encodeShareText(exported.value.document)
  const leak = folder.ctx.guard.check(text)
  return leak ? fail('INVALID_INPUT', `The share text was not made: ${leak}.`) : ok(text)
}
