/**
 * Reads a file the user picked for import: refused by its size before a
 * byte is read (a 50 MB file never reaches memory), then read through one
 * bounded handle (a file growing after the check cannot sneak past), then
 * parsed as a workbench export, a single setup file, or share text.
 */
import { open } from 'node:fs/promises'
import { MAX_IMPORT_BYTES, parseImportText, tooLargeMessage, type ImportRefusal, type ParsedImport } from '../../shared/export-format'
import { decodeShareText, isShareText } from '../../shared/share-text'

function refuse(message: string): ImportRefusal {
  return { ok: false, message, field: '', issues: [{ path: '', message }] }
}

/** Text pasted or read from a file -> document or refusal (share text and JSON both accepted). */
export function parseImportInput(text: string): ParsedImport | ImportRefusal {
  return isShareText(text) ? decodeShareText(text) : parseImportText(text)
}

export async function readImportFile(path: string, maxBytes = MAX_IMPORT_BYTES): Promise<ParsedImport | ImportRefusal> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return refuse('The file no longer exists.')
    if (code === 'EISDIR') return refuse('That is a folder; pick an export file.')
    return refuse(`The file cannot be opened (${code ?? String(error)}).`)
  }
  try {
    const stat = await handle.stat()
    if (!stat.isFile()) return refuse('That is not a regular file; pick an export file.')
    if (stat.size > maxBytes) return refuse(tooLargeMessage(stat.size, maxBytes))
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1)
    let length = 0
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length)
      if (bytesRead === 0) break
      length += bytesRead
    }
    if (length > maxBytes) return refuse(tooLargeMessage(length, maxBytes))
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length))
    } catch {
      return refuse('This file is not a workbench export: it is not UTF-8 text (a binary file?).')
    }
    return parseImportInput(text)
  } finally {
    await handle.close()
  }
}
