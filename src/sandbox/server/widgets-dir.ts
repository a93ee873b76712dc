/**
 * Where the built browser widgets are (`npm run build:widgets` writes them to
 * `out/sandbox-widgets/`). This module runs from source under tsx
 * (src/sandbox/server/) and bundled into out/main/index.js in the Electron
 * build, so it tries both layouts: beside the bundle, then under the project
 * root found by walking up to package.json. Looked up per request, so widgets
 * built after the sandbox started are served without a restart.
 */
import { existsSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const WIDGETS_BUILD_HINT = 'run npm run build:widgets'

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

/** The nearest folder at or above `start` that holds a package.json. */
export function findProjectRoot(start: string): string | undefined {
  let dir = resolve(start)
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

/** Candidate folders, most specific first. */
export function widgetsDirCandidates(moduleDir: string): string[] {
  const candidates = [resolve(moduleDir, '..', 'sandbox-widgets')]
  const root = findProjectRoot(moduleDir)
  if (root) candidates.push(join(root, 'out', 'sandbox-widgets'))
  return [...new Set(candidates)]
}

export interface WidgetsLocation {
  /** The folder to serve from, or undefined when none exists yet. */
  dir: string | undefined
  /** Where it was looked for, for the 404 message. */
  searched: string[]
}

/** A fixed folder when one was configured, else the first candidate that exists. */
export function widgetsLocator(configured: string | undefined, moduleDir = dirname(fileURLToPath(import.meta.url))): () => WidgetsLocation {
  const candidates = configured === undefined ? widgetsDirCandidates(moduleDir) : [resolve(configured)]
  return () => ({ dir: candidates.find(isDirectory), searched: candidates })
}
