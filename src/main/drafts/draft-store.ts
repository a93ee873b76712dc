/**
 * Keeps the renderer's unsaved form in one file of the app's data folder
 * (per machine, like the history), so a reload, a closed window or a crash
 * loses nothing. Written atomically; a file that cannot be read is ignored
 * (and said so in the log), never fatal. Refuses a draft holding a known
 * API key or a full token: such a draft is not kept at all.
 */
import { readFileSync, rmSync } from 'node:fs'
import { draftSchema, type Draft, type KeptDraft } from '../../shared/draft'
import { fail, ok, type Result } from '../../shared/result'
import { writeFileAtomicSync } from '../workspace/atomic-write'
import type { SecretGuard } from '../workspace/secret-guard'

export class DraftStore {
  constructor(
    readonly file: string,
    private readonly guard: SecretGuard,
    private readonly clock: () => Date = () => new Date()
  ) {}

  put(draft: Draft): Result<KeptDraft> {
    const kept: KeptDraft = { ...draft, savedAt: this.clock().toISOString() }
    const text = JSON.stringify(kept)
    const leak = this.guard.check(text)
    if (leak) {
      // An older draft would come back instead of this one: drop it too.
      this.clear()
      return fail('INVALID_INPUT', `Your unsaved changes are not kept between sessions: ${leak}. Remove it from the form.`)
    }
    writeFileAtomicSync(this.file, text)
    return ok(kept)
  }

  /** The kept draft, or null when there is none (or it cannot be read). */
  get(): KeptDraft | null {
    let text: string
    try {
      text = readFileSync(this.file, 'utf8')
    } catch {
      return null
    }
    try {
      const { savedAt, ...rest } = JSON.parse(text) as { savedAt?: unknown }
      const parsed = draftSchema.safeParse(rest)
      if (!parsed.success || typeof savedAt !== 'string') return null
      return { ...parsed.data, savedAt }
    } catch {
      return null
    }
  }

  clear(): void {
    rmSync(this.file, { force: true })
  }
}
