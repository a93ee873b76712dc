/**
 * Files in and out of the page, without Node: an import file is refused by
 * its size before a byte of it is read, then read as text; an export is
 * saved through a Blob and an <a download> (works in Electron and in a
 * browser alike).
 */
import { MAX_IMPORT_BYTES, tooLargeMessage } from '@shared/import-size'

/** The part of a File the reader uses (a test can hand in a stand-in). */
export interface ImportFileLike {
  name: string
  size: number
  text(): Promise<string>
}

export type ReadImport = { ok: true; text: string; name: string } | { ok: false; message: string }

export async function readImportFile(file: ImportFileLike, limit = MAX_IMPORT_BYTES): Promise<ReadImport> {
  if (file.size > limit) return { ok: false, message: `${file.name}: ${tooLargeMessage(file.size, limit)}` }
  if (file.size === 0) return { ok: false, message: `${file.name} is empty: pick a workbench export (.json).` }
  let text: string
  try {
    text = await file.text()
  } catch (error) {
    return { ok: false, message: `${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}` }
  }
  // A file that grew after it was picked is measured again, now as text.
  if (text.length > limit) return { ok: false, message: `${file.name}: ${tooLargeMessage(text.length, limit)}` }
  return { ok: true, text, name: file.name }
}

/** The first file of a drop or a picker, or undefined. */
export function firstFile(list: ArrayLike<File> | null | undefined): File | undefined {
  return list && list.length > 0 ? list[0] : undefined
}

/** Does a drag carry files (not text or a link)? */
export function dragHasFiles(event: DragEvent): boolean {
  return !!event.dataTransfer && Array.from(event.dataTransfer.types ?? []).includes('Files')
}

/** Saves `text` as a download named `fileName`. */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  downloadBlob(fileName, new Blob([text], { type }))
}

/** Bytes that came over the bridge as base64 (a starter .zip) as a download. */
export function downloadBase64(fileName: string, base64: string, type: string): void {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  downloadBlob(fileName, new Blob([bytes], { type }))
}

function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
