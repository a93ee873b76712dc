/**
 * The starter as a .zip for a download (issue 9: browser mode has no folder
 * dialog). Every file sits under one folder named like the one the desktop
 * app suggests, so unpacking gives the same tree writeStarter writes.
 * fflate: small, no dependencies, synchronous for a few text files.
 */
import { strToU8, zipSync, type Zippable } from 'fflate'
import type { StarterFile } from '../../shared/codegen/starter'

/** Fixed timestamp: the same request gives the same bytes (and the zip format cannot hold dates before 1980). */
const MTIME = new Date('2020-01-01T00:00:00Z')

export function zipStarter(folderName: string, files: readonly StarterFile[]): Uint8Array {
  const tree: Zippable = {}
  for (const file of files) {
    const parts = file.path.split('/')
    if (parts.some((p) => p === '' || p === '.' || p === '..')) throw new Error(`Refusing a starter path outside its folder: ${file.path}`)
    tree[`${folderName}/${file.path}`] = [strToU8(file.content), { mtime: MTIME }]
  }
  return zipSync(tree, { level: 6 })
}
