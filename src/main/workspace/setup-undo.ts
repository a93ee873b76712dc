/**
 * Deleting setups with undo: the deleted files' exact text is kept in
 * memory (the last `limit` deletions), so restore() can put them back
 * byte for byte.
 */
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import { fail, ok, type Result } from '../../shared/result'
import { parseSetupText, serializeSetup } from '../../shared/setup'
import type { DeleteResult, SetupSummary } from '../../shared/workspace'
import { writeFileAtomic } from './atomic-write'
import { errorText, SETUPS_FOLDER, type Entry } from './setup-entry'
import { allocateId, notFound, pathOf, type StoreContext } from './store-context'

interface DeletedItem {
  id: string
  text: string
}

export class DeletionUndo {
  private readonly undo = new Map<string, DeletedItem[]>()

  constructor(
    private readonly ctx: StoreContext,
    private readonly limit: number
  ) {}

  /** Deletes the files; their exact content is kept in memory so `restore(undoToken)` can put them back. */
  async delete(list: readonly string[]): Promise<Result<DeleteResult>> {
    const { index } = this.ctx
    const missing = list.find((id) => !index.has(id))
    if (missing !== undefined) return notFound()
    const items: DeletedItem[] = []
    for (const id of list) {
      const path = pathOf(this.ctx, id)
      // Keep what is on disk now, even if it changed since it was read.
      const text = await readFile(path, 'utf8').catch(() => (index.get(id) as Entry).raw)
      try {
        await rm(path, { force: true })
      } catch (error) {
        if (items.length) this.remember(items)
        return fail('INTERNAL', `${SETUPS_FOLDER}/${id}.json could not be deleted: ${errorText(error)}`)
      }
      index.delete(id)
      items.push({ id, text })
    }
    return ok({ undoToken: this.remember(items), deleted: [...list] })
  }

  /**
   * Puts deleted setups back, byte for byte. If their file name has been
   * taken since, they get a free one; if their name has, " (restored)" is
   * added to it.
   */
  async restore(undoToken: string): Promise<Result<SetupSummary[]>> {
    const { index } = this.ctx
    const items = this.undo.get(undoToken)
    if (!items) return fail('NOT_FOUND', 'There is nothing to undo: the deletion is too old or was already undone.')
    const restored: string[] = []
    for (const item of items) {
      let text = item.text
      const parsed = parseSetupText(text)
      if (parsed.ok && index.nameTaken(parsed.setup.name)) {
        const setup = { ...parsed.setup, name: index.freeName(`${parsed.setup.name} (restored)`) }
        text = serializeSetup(setup)
      }
      const id = index.has(item.id) || existsSync(pathOf(this.ctx, item.id)) ? allocateId(this.ctx, item.id) : item.id
      try {
        await writeFileAtomic(pathOf(this.ctx, id), text)
      } catch (error) {
        return fail('INTERNAL', `${SETUPS_FOLDER}/${id}.json could not be written: ${errorText(error)}`)
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
