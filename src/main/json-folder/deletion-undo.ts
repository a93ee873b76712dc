/**
 * Deleting documents with undo: the deleted files' exact text is kept in
 * memory (the last `limit` deletions), so restore() can put them back
 * byte for byte.
 */
import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import { fail, ok, type Result } from '../../shared/result'
import { writeFileAtomic } from '../workspace/atomic-write'
import type { DocumentSummary } from './document-kind'
import { errorText, type DocumentEntry } from './document-entry'
import { allocateId, notFound, pathOf, type FolderContext } from './folder-context'

interface DeletedItem {
  id: string
  text: string
}

export interface Deleted {
  /** Pass to `restore` to undo. */
  undoToken: string
  deleted: string[]
}

export class DeletionUndo<T extends { name: string }, S extends DocumentSummary> {
  private readonly undo = new Map<string, DeletedItem[]>()

  constructor(
    private readonly ctx: FolderContext<T, S>,
    private readonly limit: number
  ) {}

  /** Deletes the files; their exact content is kept in memory so `restore(undoToken)` can put them back. */
  async delete(list: readonly string[]): Promise<Result<Deleted>> {
    const { index, kind } = this.ctx
    const missing = list.find((id) => !index.has(id))
    if (missing !== undefined) return notFound(kind)
    const items: DeletedItem[] = []
    for (const id of list) {
      const path = pathOf(this.ctx, id)
      // Keep what is on disk now, even if it changed since it was read.
      const text = await readFile(path, 'utf8').catch(() => (index.get(id) as DocumentEntry<T, S>).raw)
      try {
        await rm(path, { force: true })
      } catch (error) {
        if (items.length) this.remember(items)
        return fail('INTERNAL', `${kind.folder}/${id}.json could not be deleted: ${errorText(error)}`)
      }
      index.delete(id)
      items.push({ id, text })
    }
    return ok({ undoToken: this.remember(items), deleted: [...list] })
  }

  /**
   * Puts deleted documents back, byte for byte. If their file name has been
   * taken since, they get a free one; if their name has, " (restored)" is
   * added to it.
   */
  async restore(undoToken: string): Promise<Result<S[]>> {
    const { index, kind } = this.ctx
    const items = this.undo.get(undoToken)
    if (!items) return fail('NOT_FOUND', 'There is nothing to undo: the deletion is too old or was already undone.')
    const restored: string[] = []
    for (const item of items) {
      let text = item.text
      const parsed = kind.parse(text)
      if (parsed.ok && index.nameTaken(parsed.value.name)) text = kind.serialize({ ...parsed.value, name: index.freeName(`${parsed.value.name} (restored)`) })
      const id = index.has(item.id) || existsSync(pathOf(this.ctx, item.id)) ? allocateId(this.ctx, item.id) : item.id
      try {
        mkdirSync(this.ctx.dir, { recursive: true })
        await writeFileAtomic(pathOf(this.ctx, id), text)
      } catch (error) {
        return fail('INTERNAL', `${kind.folder}/${id}.json could not be written: ${errorText(error)}`)
      }
      index.put(id, text, this.ctx.clock().toISOString())
      restored.push(id)
    }
    this.undo.delete(undoToken)
    return ok(restored.map((id) => index.summary(id)))
  }

  private remember(items: DeletedItem[]): string {
    const token = randomUUID()
    this.undo.set(token, items)
    while (this.undo.size > this.limit) this.undo.delete(this.undo.keys().next().value as string)
    return token
  }
}
