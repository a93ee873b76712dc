/**
 * Writes a starter folder (src/shared/codegen/starter.ts makes its files).
 * Plain Node: the Electron save dialog only picks the folder. Never writes
 * into a folder that has files already, so nothing of the user's is replaced.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { dirname, isAbsolute, join, normalize, sep } from 'node:path'
import type { StarterFile } from '../../shared/codegen/starter'

export class StarterFolderError extends Error {}

export async function writeStarter(folder: string, files: readonly StarterFile[]): Promise<string[]> {
  if (!isAbsolute(folder)) throw new StarterFolderError(`The starter folder must be an absolute path (got "${folder}").`)
  const existing = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return []
    if (error.code === 'ENOTDIR') throw new StarterFolderError(`${folder} is a file; choose a new folder name for the starter.`)
    throw error
  })
  if (existing.length > 0) {
    throw new StarterFolderError(`${folder} already has files (${existing.slice(0, 3).join(', ')}${existing.length > 3 ? ', …' : ''}); choose a new or empty folder, so nothing of yours is replaced.`)
  }
  const written: string[] = []
  for (const file of files) {
    const relative = normalize(file.path)
    if (isAbsolute(relative) || relative.split(sep).includes('..')) throw new StarterFolderError(`Refusing to write outside the starter folder: ${file.path}`)
    const target = join(folder, relative)
    await mkdir(dirname(target), { recursive: true })
    // 'wx': fail rather than replace, should anything appear meanwhile.
    await writeFile(target, file.content, { encoding: 'utf8', flag: 'wx' })
    written.push(file.path)
  }
  return written
}
