/**
 * "Copy as shareable text": one setup (and its environment, without a key)
 * as a single line to paste into a support ticket, and back.
 *
 *   qwb1.<base64url of the compact export JSON>.<crc32 of that JSON, 8 hex digits>
 *
 * The payload is an export document (export-format.ts), so a decoded text
 * goes through exactly the same checks and import preview as a file. The
 * checksum catches a text cut short or altered in a ticket system. Pure
 * TypeScript, no zlib and no Buffer: the renderer can encode and decode too.
 * Line breaks and spaces a ticket system adds are ignored.
 */
import { base64urlToText, textToBase64url } from './base64url'
import { buildExport, parseImportText, serializeExport, type ExportDocument, type ExportedEnvironment, type ImportRefusal, type ParsedImport } from './export-format'
import type { Setup } from './setup'
import { sanitizeSecrets } from './secret-fields'

export const SHARE_PREFIX = 'qwb'
export const SHARE_VERSION = 1

const TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

export function crc32(text: string): string {
  let crc = 0xffffffff
  for (const byte of new TextEncoder().encode(text)) crc = TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8)
  return ((crc ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0')
}

export function encodeShareText(document: ExportDocument): string {
  const { value } = sanitizeSecrets(document)
  const json = serializeExport(value, { compact: true })
  return `${SHARE_PREFIX}${SHARE_VERSION}.${textToBase64url(json)}.${crc32(json)}`
}

/**
 * Share text for a setup that may not be saved yet (the form as it is), with
 * its environment if given. Pure: the renderer can call it without IPC. (Main's
 * WorkspaceStore.shareText also checks the result against the vault's keys.)
 */
export function encodeSetupShareText(setup: Setup, environments: readonly ExportedEnvironment[] = [], now = new Date()): string {
  return encodeShareText(buildExport({ setups: [setup], environments, exportedAt: now }).document)
}

function refuse(message: string): ImportRefusal {
  return { ok: false, message, field: '', issues: [{ path: '', message }] }
}

/** Does this look like share text (so a paste box can pick the right parser)? */
export function isShareText(text: string): boolean {
  return /^\s*qwb\d+\./.test(withoutComments(text))
}

/** "Copy with summary" puts `# ` lines above the blob (share-summary.ts); base64url has no `#`, so they are dropped safely. */
function withoutComments(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
}

export function decodeShareText(input: string): ParsedImport | ImportRefusal {
  const text = withoutComments(input).replace(/\s+/g, '')
  const head = /^qwb(\d+)\./.exec(text)
  if (!head) {
    return refuse(`This is not workbench share text: it should start with "${SHARE_PREFIX}${SHARE_VERSION}." (it starts with ${JSON.stringify(text.slice(0, 12))}).`)
  }
  const version = Number(head[1])
  if (version !== SHARE_VERSION) {
    return refuse(
      version > SHARE_VERSION
        ? `This text was made by a newer version of the workbench (share format ${version}); this version reads format ${SHARE_VERSION}. Update the workbench.`
        : `Share format ${version} is unknown; this version reads format ${SHARE_VERSION}.`
    )
  }
  const parts = text.slice(head[0].length).split('.')
  if (parts.length !== 2 || parts[0] === '') {
    return refuse('The share text is incomplete: it should be qwb1.<data>.<checksum>. Copy the whole text again, including the end.')
  }
  const [payload, checksum] = parts
  if (!/^[0-9a-f]{8}$/.test(checksum)) {
    return refuse('The share text is incomplete: its checksum (the 8 characters after the last dot) is missing or damaged. Copy the whole text again.')
  }
  const decoded = base64urlToText(payload)
  if (!decoded.ok) return refuse(`The share text is damaged: ${decoded.message}. Copy it again.`)
  if (crc32(decoded.text) !== checksum) {
    return refuse('The share text was altered or cut short (its checksum does not match its content). Copy the whole text again.')
  }
  return parseImportText(decoded.text)
}
