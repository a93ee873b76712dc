/**
 * The size limit of an import file and its message. No imports of its own:
 * the renderer checks a picked file's size in the first screen, and taking
 * these from export-format would bring the whole export reader (and zod's
 * schemas for setups and personas) into the first screen's JavaScript.
 */

/** Imports larger than this are refused from the file size, before reading. 5,000 setups export to about 3 MB. */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024

/** "16 MB" */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

export function tooLargeMessage(bytes: number, limit = MAX_IMPORT_BYTES): string {
  return `The file is ${formatBytes(bytes)}; imports are limited to ${formatBytes(limit)}. A workbench export of 5,000 setups is about 3 MB, so this is probably not an export.`
}
