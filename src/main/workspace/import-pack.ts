/**
 * How a parsed import crosses from the import worker (see import-thread.ts)
 * to the main thread without stalling it: each setup, persona and
 * environment as its JSON text. The worker posts them in batches of about a
 * megabyte (a 16 MB message took 55-150 ms to copy on one turn of main's
 * loop on the project's machines), and rebuilding the objects happens one
 * item at a time, yielding to the event loop between slices. An object graph
 * posted whole would be rebuilt in one go (a 16 MB export: ~400 ms on one
 * turn of the loop).
 *
 * Packing also bounds what a hostile file can make main hold: one setup is
 * at most MAX_IMPORT_SETUP_CHARS of JSON (so no single item stalls main),
 * and the lists of dropped secrets and problems are cut to LIST_LIMIT.
 */
import type { ExportDocument, ImportRefusal, ParsedImport } from '../../shared/export-format'
import { formatBytes } from '../../shared/export-format'
import { parseImportInput } from './import-file'
import { nextTurn } from './import-transfer'

/**
 * One setup, as JSON. A real setup is a few KB (a token body with
 * permissions, widget fields, notes of at most 10,000 characters); the token
 * the preview accepts is at most 64,000 characters. 256 KB leaves room and
 * keeps the work per setup on main to a few milliseconds.
 */
export const MAX_IMPORT_SETUP_CHARS = 256 * 1024
/** Longest list of dropped secrets / problems carried back (the rest is counted). */
export const LIST_LIMIT = 200

export interface PackedImport {
  ok: true
  source: ParsedImport['source']
  head: Pick<ExportDocument, 'format' | 'formatVersion' | 'exportedAt'>
  dropped: ParsedImport['dropped']
  notices: string[]
  setupCount: number
  /** Personas after the setups (issue 12); absent: the file carried none. */
  personaCount?: number
  /** Setups, then personas, then environments, each as its JSON text. */
  items: string[]
}

export type PackResult = PackedImport | ImportRefusal

function capped<T>(list: readonly T[], more: (count: number) => T): T[] {
  return list.length <= LIST_LIMIT ? [...list] : [...list.slice(0, LIST_LIMIT), more(list.length - LIST_LIMIT)]
}

/** A refusal with its problem list bounded. */
export function boundRefusal(refusal: ImportRefusal): ImportRefusal {
  return { ...refusal, issues: capped(refusal.issues, (n) => ({ path: '', message: `... and ${n} more problems` })) }
}

export function packImport(parsed: ParsedImport | ImportRefusal, maxSetupChars = MAX_IMPORT_SETUP_CHARS): PackResult {
  if (!parsed.ok) return boundRefusal(parsed)
  const { format, formatVersion, exportedAt } = parsed.document
  const items: string[] = []
  for (const [i, setup] of parsed.document.setups.entries()) {
    const json = JSON.stringify(setup)
    if (json.length > maxSetupChars) {
      const field = parsed.source === 'setup-file' ? '' : `setups[${i}]`
      const message = `${field ? `${field} (` : 'This setup ('}"${setup.name.slice(0, 60)}") is ${formatBytes(json.length)}; one setup may be at most ${formatBytes(maxSetupChars)}. A setup holds a token body and widget fields, not data: remove the oversized field and import again.`
      return { ok: false, message, field, issues: [{ path: field, message }] }
    }
    items.push(json)
  }
  for (const [i, persona] of (parsed.document.personas ?? []).entries()) {
    const json = JSON.stringify(persona)
    if (json.length > maxSetupChars) {
      const field = parsed.source === 'persona-file' ? '' : `personas[${i}]`
      const message = `${field ? `${field} (` : 'This persona ('}"${persona.name.slice(0, 60)}") is ${formatBytes(json.length)}; one persona may be at most ${formatBytes(maxSetupChars)}. Remove the oversized field and import again.`
      return { ok: false, message, field, issues: [{ path: field, message }] }
    }
    items.push(json)
  }
  for (const environment of parsed.document.environments) items.push(JSON.stringify(environment))
  return {
    ok: true,
    source: parsed.source,
    head: exportedAt === undefined ? { format, formatVersion } : { format, formatVersion, exportedAt },
    dropped: capped(parsed.dropped, (n) => ({ path: `(${n} more)`, reason: 'secret-field' as const })),
    notices: capped(parsed.notices, (n) => `... and ${n} more secrets were dropped.`),
    setupCount: parsed.document.setups.length,
    ...(parsed.document.personas ? { personaCount: parsed.document.personas.length } : {}),
    items
  }
}

/** Parses and packs an import text; a file the parser cannot take (e.g. nested deeper than the stack) is a refusal, not a crash. */
export function parseAndPack(text: string, maxSetupChars = MAX_IMPORT_SETUP_CHARS): PackResult {
  try {
    return packImport(parseImportInput(text), maxSetupChars)
  } catch (error) {
    const message = `This file could not be read (${error instanceof Error ? error.message : String(error)}). Is it nested unusually deep?`
    return { ok: false, message, field: '', issues: [{ path: '', message }] }
  }
}

/** The slice of main-thread time unpacking may take before it lets other work run. */
const SLICE_MS = 8

/** The document again, rebuilt a slice at a time (see the top of this file). */
export async function unpackImport(packed: PackResult): Promise<ParsedImport | ImportRefusal> {
  if (!packed.ok) return packed
  const values: unknown[] = []
  let sliceStart = performance.now()
  for (const item of packed.items) {
    values.push(JSON.parse(item))
    if (performance.now() - sliceStart > SLICE_MS) {
      await nextTurn()
      sliceStart = performance.now()
    }
  }
  const personaEnd = packed.setupCount + (packed.personaCount ?? 0)
  const document = {
    ...packed.head,
    setups: values.slice(0, packed.setupCount),
    ...(packed.personaCount !== undefined ? { personas: values.slice(packed.setupCount, personaEnd) } : {}),
    environments: values.slice(personaEnd)
  } as ExportDocument
  return { ok: true, document, dropped: packed.dropped, notices: packed.notices, source: packed.source }
}
