/**
 * A KeyValueStore over one pretty-printed JSON file with a stable key order,
 * meant to be read in a git diff: `<workspace>/environments.json`, which
 * EnvironmentService uses with get/set('environments') (and, if pointed at it
 * unrouted, 'activeId'; see routed-store.ts to keep that out of the team's file).
 *
 * Dotted keys address nested values (`secrets.abc` is `{secrets: {abc}}`), as
 * in conf/electron-store. The file is looked at on every call (a stat; it is
 * read again whenever that shows any change), so a change made on disk, by
 * git or an editor, is seen at once.
 *
 * A file that is not valid JSON is never overwritten: reads then see the
 * values written during this run only (nothing at first), writes stay in
 * memory, and `problem()` says what is wrong, until the file is fixed on
 * disk; then the file wins again.
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import { canonicalJson, type KeyOrder } from '../../shared/canonical-json'
import { parseJsonText } from '../../shared/setup'
import type { KeyValueStore } from '../storage/key-value-store'
import { fileVersion, RACY_WINDOW_MS, unchangedSince } from '../storage/file-version'
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
  /** The file's own shape rules (environments.json: a list of records): what is wrong, or undefined. */
  check?: (tree: Record<string, unknown>) => string | undefined
  /** Larger files are not read (default 4 MB: environments.json holds a few records). */
  maxBytes?: number
  /** See RACY_WINDOW_MS (tests shorten it on a file system with fine timestamps). */
  racyWindowMs?: number
}

/** What one text of the file amounts to, cached: the file is read on every call, but parsed once per content. */
interface ReadOutcome {
  text: string
  /** The tree to read from: the file's, without secret-looking fields. */
  tree: Tree
  problem?: string
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
  private cached: ReadOutcome | undefined
  /**
   * The signature (inode, size, modification and change times in ns) of the file as `cached.text`
   * was read from it, kept only when that read can be trusted to tell every later change apart
   * (unchangedSince). While the file's stat still shows it, the text is not read again: a stat
   * instead of a stat and a read per token request (issue 15). Any write, by this store or by
   * anyone else, sets the change time, which no program can set back: the next read sees it.
   */
  private unchanged: string | undefined
  /** How many times the file's text was read (tests: a read is skipped only while nothing changed). */
  textReads = 0

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

  /**
   * The file's tree, shared with the parse cache: callers must not change it (get() copies the value it
   * returns, update() copies the tree). Copying the whole tree on every read cost a clone per token
   * request (issue 15); the file is still read every time.
   */
  private read(): Tree {
    let text: string
    try {
      // Taken before the stat: the file's change time is compared with it (see unchangedSince).
      const now = Date.now()
      const stat = statSync(this.path, { bigint: true })
      const size = Number(stat.size)
      const max = this.options.maxBytes ?? 4 * 1024 * 1024
      if (size > max) {
        this.lastProblem = `${basename(this.path)} is ${(size / 1024 / 1024).toFixed(1)} MB, larger than the ${max / 1024 / 1024} MB it may be; it was not read and is not changed.`
        return this.memory ?? {}
      }
      const signature = fileVersion(stat)
      if (this.cached && this.unchanged === signature) {
        text = this.cached.text
      } else {
        text = readFileSync(this.path, 'utf8')
        this.textReads++
        this.unchanged = unchangedSince(stat, now, this.options.racyWindowMs ?? RACY_WINDOW_MS) ? signature : undefined
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        // A folder in its place, no permission: listed like any damage; the app goes on.
        this.lastProblem = `${basename(this.path)} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); it is not changed.`
        return this.memory ?? {}
      }
      this.lastProblem = undefined
      this.lastText = undefined
      this.unchanged = undefined
      return this.memory ?? {}
    }
    const outcome = this.cached?.text === text ? this.cached : this.judge(text)
    this.cached = outcome
    if (outcome.problem !== undefined) {
      this.lastProblem = outcome.problem
      // Reads see what can be read safely (hostile fields left out); writes stay in memory until the file is fixed.
      return this.memory ?? outcome.tree
    }
    this.lastProblem = undefined
    this.lastText = text
    this.memory = undefined
    return outcome.tree
  }

  /** Parses one text of the file and says what, if anything, keeps it from being used and rewritten. */
  private judge(text: string): ReadOutcome {
    const parsed = parseJsonText(text)
    if (!parsed.ok) return { text, tree: {}, problem: parsed.message }
    if (!isTree(parsed.value)) return { text, tree: {}, problem: 'The file must hold a JSON object ({ ... }).' }
    const { value, dropped } = sanitizeSecrets(parsed.value)
    if (dropped.length) {
      const where = dropped.slice(0, 3).map((d) => d.path).join(', ')
      return {
        text,
        tree: value,
        problem: `${basename(this.path)} holds a secret-looking field (${where}${dropped.length > 3 ? ', ...' : ''}): API keys and tokens never go in a shared file; they live in the app's key store. Remove the field from the file. Until then it is read without it and not changed; changes to environments last until the app closes.`
      }
    }
    const leak = this.options.guard?.check(text)
    if (leak) return { text, tree: value, problem: `${basename(this.path)} is not used as it is: ${leak}. Remove it from the file; until then the file is not changed.` }
    const shape = this.options.check?.(value)
    if (shape) return { text, tree: value, problem: `${basename(this.path)}: ${shape} Fix the file; until then it is not changed, and changes to environments last until the app closes.` }
    return { text, tree: value }
  }

  private update(key: string, change: (parent: Tree, last: string) => void): void {
    const tree = structuredClone(this.read())
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
    this.unchanged = undefined
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
