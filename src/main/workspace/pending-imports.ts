/**
 * Imports between preview and apply. Main parses the file or text once,
 * keeps the result here and gives the renderer an id; "apply" names the id.
 * So the renderer never sends a document back (it could have been altered),
 * and a 16 MB file is not copied across IPC twice.
 */
import { randomUUID } from 'node:crypto'
import type { ParsedImport } from '../../shared/export-format'

export class PendingImports {
  private readonly staged = new Map<string, ParsedImport>()

  constructor(private readonly limit = 5) {}

  stage(parsed: ParsedImport): string {
    const id = randomUUID()
    this.staged.set(id, parsed)
    while (this.staged.size > this.limit) this.staged.delete(this.staged.keys().next().value as string)
    return id
  }

  /** The staged import; it stays staged (apply may fail and be retried) until `forget`. */
  get(id: string): ParsedImport | undefined {
    return this.staged.get(id)
  }

  forget(id: string): void {
    this.staged.delete(id)
  }
}
