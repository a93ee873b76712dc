/**
 * Parses what the user imports (the text of a file the renderer read after
 * checking its size, or pasted text) as a workbench export, a single setup
 * file, or share text.
 */
import { parseImportText, type ImportRefusal, type ParsedImport } from '../../shared/export-format'
import { decodeShareText, isShareText } from '../../shared/share-text'

/** Text pasted or read from a file -> document or refusal (share text and JSON both accepted). */
export function parseImportInput(text: string): ParsedImport | ImportRefusal {
  return isShareText(text) ? decodeShareText(text) : parseImportText(text)
}
