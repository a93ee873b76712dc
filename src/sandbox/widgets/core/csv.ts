/**
 * CSV as RFC 4180 writes it (CRLF, fields with a comma, quote or line break
 * quoted, quotes doubled), plus the usual guard against spreadsheet formula
 * injection: a TEXT cell starting with =, +, @ (or - when it is not a
 * number), or a tab / carriage return, is prefixed with an apostrophe.
 */

export type CsvValue = string | number | boolean | null | undefined

const FORMULA_START = /^[=+@\t\r]/
const NUMERIC = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  let textValue = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value)
  if (typeof value === 'string' && (FORMULA_START.test(textValue) || (textValue.startsWith('-') && !NUMERIC.test(textValue)))) {
    textValue = `'${textValue}`
  }
  return /[",\r\n]|^\s|\s$/.test(textValue) ? `"${textValue.replace(/"/g, '""')}"` : textValue
}

export function buildCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<CsvValue>>): string {
  const lines = [header.map(csvField).join(',')]
  for (const row of rows) lines.push(row.map(csvField).join(','))
  return `${lines.join('\r\n')}\r\n`
}

/** A file name safe on every OS: "Sales orders report 2024-05-01.csv". */
export function csvFileName(base: string, date: Date = new Date()): string {
  const printable = [...base].map((ch) => (ch.charCodeAt(0) < 32 ? ' ' : ch)).join('')
  const safe = printable.replace(/[\\/:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim() || 'report'
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`
  return `${safe} ${day}.csv`
}

/** Saves text as a file through a Blob URL (with a BOM so Excel reads UTF-8). */
export function downloadText(fileName: string, textContent: string, mime = 'text/csv;charset=utf-8'): void {
  const blob = new Blob(['\uFEFF', textContent], { type: mime })
  const url = URL.createObjectURL(blob)
  const anchor = document.createElement('a')
  anchor.href = url
  anchor.download = fileName
  anchor.rel = 'noopener'
  anchor.hidden = true
  document.body.append(anchor)
  anchor.click()
  anchor.remove()
  // Revoking at once can cancel the download in some browsers.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
