/**
 * What the sandbox keeps while it runs for the extra widgets: web form
 * responses (Web Form End User stores a record) and the Download Manager's
 * exports (a dashboard's CSV download registers one). In memory, bounded,
 * lost on restart like every other sandbox state.
 */
import type { ExportEntry, NewExport, WebformAnswers, WebformResponse } from '../../../shared/sandbox-extras-api'

export const MAX_RESPONSES_PER_FORM = 500
export const MAX_EXPORTS_PER_USER = 50
/** One export's text; larger ones are refused (a Report Builder export of 10,000 rows is ~1 MB). */
export const MAX_EXPORT_BYTES = 2 * 1024 * 1024

export class WebformResponses {
  readonly #byForm = new Map<string, WebformResponse[]>()
  #counter = 0

  add(formId: string, answers: WebformAnswers, now = new Date()): WebformResponse {
    const list = this.#byForm.get(formId) ?? []
    const response: WebformResponse = { id: `r${++this.#counter}`, submittedAt: now.toISOString(), answers }
    list.push(response)
    if (list.length > MAX_RESPONSES_PER_FORM) list.shift()
    this.#byForm.set(formId, list)
    return response
  }

  list(formId: string): readonly WebformResponse[] {
    return this.#byForm.get(formId) ?? []
  }
}

interface StoredExport {
  entry: ExportEntry
  content: string
}

/**
 * Exports per (userid, clientid): "Download Manager filters the files
 * displayed based on user ID and clientid" (download-manager.md).
 */
export class ExportStore {
  readonly #byOwner = new Map<string, StoredExport[]>()
  #counter = 0

  add(owner: { userId: string; clientId: string }, input: NewExport, now = new Date()): ExportEntry {
    const key = ownerKey(owner)
    const list = this.#byOwner.get(key) ?? []
    const rows = Math.max(0, input.content.split('\n').filter((line) => line !== '').length - 1)
    const entry: ExportEntry = {
      id: `exp-${++this.#counter}`,
      fileName: input.fileName,
      format: input.format,
      source: input.source,
      rows,
      bytes: Buffer.byteLength(input.content, 'utf8'),
      createdAt: now.toISOString()
    }
    list.unshift({ entry, content: input.content })
    if (list.length > MAX_EXPORTS_PER_USER) list.pop()
    this.#byOwner.set(key, list)
    return entry
  }

  list(owner: { userId: string; clientId: string }): ExportEntry[] {
    return (this.#byOwner.get(ownerKey(owner)) ?? []).map((stored) => stored.entry)
  }

  file(owner: { userId: string; clientId: string }, id: string): StoredExport | undefined {
    return (this.#byOwner.get(ownerKey(owner)) ?? []).find((stored) => stored.entry.id === id)
  }
}

function ownerKey(owner: { userId: string; clientId: string }): string {
  return JSON.stringify([owner.userId, owner.clientId])
}
