/**
 * Writes a file so that a reader (git, an editor, the watcher, a crash)
 * sees the old content or the new one, never half of it: write a temp file
 * next to it, flush it to disk, rename it over the target.
 */
import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** Temp files start with a dot so listings and the watcher skip them. */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
}

export function isTempName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp')
}

const RETRYABLE = new Set(['EPERM', 'EBUSY', 'EACCES'])

async function renameWithRetry(from: string, to: string): Promise<void> {
  // Windows: a virus scanner or an editor may hold the target open for a moment.
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to)
      return
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (attempt >= 4 || !code || !RETRYABLE.has(code) || process.platform !== 'win32') throw error
      await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)))
    }
  }
}

/** Writes the temp file and flushes it; returns its path (rename it with `commitTemp`). */
export async function writeTemp(target: string, text: string): Promise<string> {
  const temp = tempPathFor(target)
  const handle = await open(temp, 'w', 0o644)
  try {
    await handle.writeFile(text, 'utf8')
    await handle.sync()
  } catch (error) {
    await handle.close()
    await rm(temp, { force: true })
    throw error
  }
  await handle.close()
  return temp
}

export async function commitTemp(temp: string, target: string): Promise<void> {
  try {
    await renameWithRetry(temp, target)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

export async function writeFileAtomic(target: string, text: string): Promise<void> {
  await commitTemp(await writeTemp(target, text), target)
}

/** The same, synchronously, for stores behind the synchronous KeyValueStore interface. */
export function writeFileAtomicSync(target: string, text: string): void {
  const temp = tempPathFor(target)
  try {
    const fd = openSync(temp, 'w', 0o644)
    try {
      writeSync(fd, text, null, 'utf8')
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, target)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
}
