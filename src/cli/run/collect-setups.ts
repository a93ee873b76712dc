/**
 * Which setups `qwb run` checks: each argument is a setup file, a folder of
 * setup files (a workspace folder means its `setups/`), or the name of a
 * setup in the workspace. Everything is read and validated before anything
 * runs, so a typo or a malformed file stops the run with one line (exit 2)
 * and nothing written.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { parseSetupText, setupNameKey, type Setup } from '../../shared/setup'
import { UsageError } from '../command'

export interface SetupEntry {
  /** Absolute path of the setup file. */
  path: string
  setup: Setup
}

const SETUPS_FOLDER = 'setups'

/** The workspace a setup file belongs to: the folder holding its `setups/` folder, else its own folder. */
export function workspaceOfSetupFile(path: string): string {
  const folder = dirname(path)
  return basename(folder) === SETUPS_FOLDER ? dirname(folder) : folder
}

/** The workspace an argument points into: a workspace folder itself, the parent of a setups/ folder, or a setup file's. */
export async function workspaceOfArgument(arg: string): Promise<string | undefined> {
  const path = resolve(arg)
  const kind = await kindOf(path)
  if (kind === 'file') return workspaceOfSetupFile(path)
  if (kind === 'folder') return basename(path) === SETUPS_FOLDER ? dirname(path) : path
  return undefined
}

async function kindOf(path: string): Promise<'file' | 'folder' | undefined> {
  try {
    const s = await stat(path)
    return s.isDirectory() ? 'folder' : s.isFile() ? 'file' : undefined
  } catch {
    return undefined
  }
}

async function readSetup(path: string): Promise<SetupEntry> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new UsageError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
  }
  const parsed = parseSetupText(text)
  if (!parsed.ok) {
    const first = parsed.issues[0]
    const where = first && first.path ? `${first.path}: ${first.message}` : parsed.message
    throw new UsageError(`${path} is not a valid setup: ${where.replace(/\.$/, '')}; fix the file or open it in the workbench`)
  }
  return { path, setup: parsed.setup }
}

/** The `*.json` files of a folder (or of its `setups/` folder), sorted by name for a stable order. */
async function setupFilesIn(folder: string): Promise<string[]> {
  const inner = join(folder, SETUPS_FOLDER)
  const dir = (await kindOf(inner)) === 'folder' ? inner : folder
  const names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.json') && !n.startsWith('.')).sort()
  if (names.length === 0) throw new UsageError(`no setup files (*.json) in ${dir}`)
  return names.map((n) => join(dir, n))
}

/** Setups of the workspace by name, for arguments that are neither a file nor a folder. */
async function byName(name: string, workspace: string | undefined): Promise<SetupEntry> {
  const folder = workspace ? join(workspace, SETUPS_FOLDER) : undefined
  if (folder && (await kindOf(folder)) === 'folder') {
    const wanted = setupNameKey(name)
    for (const file of (await readdir(folder)).filter((n) => n.toLowerCase().endsWith('.json')).sort()) {
      const path = join(folder, file)
      const parsed = parseSetupText(await readFile(path, 'utf8').catch(() => ''))
      if (parsed.ok && setupNameKey(parsed.setup.name) === wanted) return { path, setup: parsed.setup }
    }
  }
  throw new UsageError(`no setup "${name}": not a file, not a folder${folder ? `, and no setup of that name in ${folder}` : ''}`)
}

export async function collectSetups(args: readonly string[], workspace: string | undefined): Promise<SetupEntry[]> {
  const entries: SetupEntry[] = []
  const seen = new Set<string>()
  for (const arg of args) {
    const path = resolve(arg)
    const kind = await kindOf(path)
    const found = kind === 'file' ? [await readSetup(path)] : kind === 'folder' ? await Promise.all((await setupFilesIn(path)).map(readSetup)) : [await byName(arg, workspace)]
    for (const entry of found) {
      if (seen.has(entry.path)) continue
      seen.add(entry.path)
      entries.push(entry)
    }
  }
  return entries
}
