/**
 * A KeyValueStore over one pretty-printed JSON file with a stable key order,
 * meant to be read in a git diff: `<workspace>/environments.json`, which
 * EnvironmentService uses with get/set('environments') (and, if pointed at it
 * unrouted, 'activeId'; see routed-store.ts to keep that out of the team's file).
 *
 * Dotted keys address nested values (`secrets.abc` is `{secrets: {abc}}`), as
 * in conf/electron-store. The file is read on every call (like conf), so a
 * change made on disk, by git or an editor, is seen at once.
 *
 * A file that is not valid JSON is never overwritten: reads then see the
 * values written during this run only (nothing at first), writes stay in
 * memory, and `problem()` says what is wrong, until the file is fixed on
 * disk; then the file wins again.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { canonicalJson, type KeyOrder } from '../../shared/canonical-json'
import { parseJsonText } from '../../shared/setup'
import type { KeyValueStore } from '../storage/key-value-store'
import { writeFileAtomicSync } from './atomic-write'
import { SecretLeakError, type SecretGuard } from './secret-guard'
import { sanitizeSecrets } from '../../shared/secret-fields'

type Tree = Record<string, unknown>

const UNSAFE = new Set(['__proto__', 'constructor', 'prototype'])

export interface JsonFileStoreOptions {
  /** Key order of the file; default: every object's keys sorted. */
  keyOrder?: KeyOrder
  /** Refuse to write secrets (by field name, token shape, or a known secret value). */
  guard?: SecretGuard
  /** Called after every write with the text written (the workspace watcher uses it to ignore its own writes). */
  onWrite?: (text: string) => void
}

function isTree(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function segments(key: string): string[] {
  const parts = key.split('.')
  if (parts.some((p) => p === '' || UNSAFE.has(p))) throw new TypeError(`Invalid store key "${key}"`)
  return parts
}

export class JsonFileStore implements KeyValueStore {
  private memory: Tree | undefined
  private lastProblem: string | undefined
  private lastText: string | undefined

  constructor(
    readonly path: string,
    private readonly options: JsonFileStoreOptions = {}
  ) {}

  get(key: string): unknown {
    let node: unknown = this.read()
    for (const part of segments(key)) {
      if (!isTree(node) || !Object.hasOwn(node, part)) return undefined
      node = node[part]
    }
    return structuredClone(node)
  }

  set(key: string, value: unknown): void {
    if (value === undefined) throw new TypeError('Use delete() to clear values')
    this.update(key, (parent, last) => {
      parent[last] = structuredClone(value)
    })
  }

  delete(key: string): void {
    this.update(key, (parent, last) => {
      delete parent[last]
    })
  }

  /** Why the file cannot be read (then nothing is written to it), or undefined. */
  problem(): string | undefined {
    this.read()
    return this.lastProblem
  }

  /** The text this store last read or wrote, to tell its own writes from changes made on disk. */
  knownText(): string | undefined {
    return this.lastText
  }

  private read(): Tree {
    let text: string
    try {
      text = readFileSync(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      this.lastProblem = undefined
      this.lastText = undefined
      return this.memory ?? {}
    }
    const parsed = parseJsonText(text)
    if (!parsed.ok || !isTree(parsed.value)) {
      this.lastProblem = parsed.ok ? 'The file must hold a JSON object ({ ... }).' : parsed.message
      return this.memory ?? {}
    }
    this.lastProblem = undefined
    this.lastText = text
    this.memory = undefined
    return parsed.value
  }

  private update(key: string, change: (parent: Tree, last: string) => void): void {
    const tree = this.read()
    const parts = segments(key)
    const last = parts.pop() as string
    let parent = tree
    for (const part of parts) {
      if (!isTree(parent[part])) parent[part] = {}
      parent = parent[part] as Tree
    }
    change(parent, last)
    if (this.lastProblem !== undefined) {
      this.memory = tree
      return
    }
    this.write(tree)
  }

  private write(tree: Tree): void {
    const { dropped } = sanitizeSecrets(tree)
    if (dropped.length) throw new SecretLeakError(this.path, `a secret-looking field at ${dropped.map((d) => d.path).join(', ')}`)
    const text = canonicalJson(tree, this.options.keyOrder)
    const leak = this.options.guard?.check(text)
    if (leak) throw new SecretLeakError(this.path, leak)
    if (text === this.lastText) return
    mkdirSync(dirname(this.path), { recursive: true })
    writeFileAtomicSync(this.path, text)
    this.lastText = text
    this.options.onWrite?.(text)
  }
}

/** Key order of environments.json: the record fields in EnvironmentRecord's order. */
export const ENVIRONMENT_RECORD_KEY_ORDER = ['id', 'name', 'kind', 'domain', 'timeoutMs', 'createdAt']

export const environmentsFileKeyOrder: KeyOrder = (path) => {
  if (path.length === 0) return ['environments']
  if (path.length === 2 && path[0] === 'environments') return ENVIRONMENT_RECORD_KEY_ORDER
  return undefined
}
