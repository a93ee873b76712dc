/**
 * The shape rules of `<workspace>/environments.json`, a file people edit and
 * merge in git. A file that breaks them is listed with the problem and never
 * rewritten (see JsonFileStore): rewriting it would silently drop the
 * records the app cannot read.
 */
const KINDS = new Set(['sandbox', 'remote'])

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'null'
  return `a ${typeof value}`
}

/** What is wrong with the file's content, in one sentence, or undefined. */
export function environmentsFileProblem(tree: Record<string, unknown>): string | undefined {
  const list = tree.environments
  if (list === undefined) return undefined
  if (!Array.isArray(list)) return `"environments" must be a list of environments ([ ... ]), not ${describe(list)}.`
  const seen = new Set<string>()
  for (let i = 0; i < list.length; i++) {
    const r = list[i] as Record<string, unknown>
    const at = `environments[${i}]`
    if (typeof r !== 'object' || r === null || Array.isArray(r)) return `${at} must be an environment ({ "id": ..., "name": ..., "kind": ..., "domain": ... }), not ${describe(r)}.`
    for (const field of ['id', 'name', 'domain'] as const) {
      if (typeof r[field] !== 'string') return `${at}.${field} must be a text.`
    }
    if (!KINDS.has(r.kind as string)) return `${at}.kind must be "remote" or "sandbox".`
    if (r.timeoutMs !== undefined && (typeof r.timeoutMs !== 'number' || !Number.isFinite(r.timeoutMs) || r.timeoutMs <= 0)) return `${at}.timeoutMs must be a positive number of milliseconds.`
    if (seen.has(r.id as string)) return `${at}.id "${String(r.id).slice(0, 80)}" is used twice.`
    seen.add(r.id as string)
  }
  return undefined
}
