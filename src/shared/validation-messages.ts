/**
 * Turns zod issues into one-line messages that name where the problem is,
 * e.g. `permissions[0].record_permissions[0].validation_type: validation_type
 * must be one of ...`. A Qrvey-shaped 400 carries a list of messages, so each
 * issue becomes one entry.
 */
import type { z } from 'zod'

type Issue = z.core.$ZodIssue
type Path = ReadonlyArray<PropertyKey>

/** `permissions[0].record_permissions[1].values`, the way a user would point at it in the JSON. */
export function formatIssuePath(path: Path): string {
  return path.reduce<string>((text, part) => {
    if (typeof part === 'number') return `${text}[${part}]`
    const name = String(part)
    return text === '' ? name : `${text}.${name}`
  }, '')
}

/**
 * The union branch the input was evidently meant for, or undefined when that
 * is unclear. Record permissions are a union (a rule, or a nested group), and
 * the union's own message ("each record permission needs ...") hides which
 * field is wrong. When one branch failed on strictly fewer points than every
 * other, and the value at least had that branch's type, its issues are the
 * useful ones. On a tie, or a value of the wrong type altogether, the union's
 * message is the better explanation.
 */
function likelyBranch(branches: readonly Issue[][]): Issue[] | undefined {
  const sorted = [...branches].sort((a, b) => a.length - b.length)
  const [best, runnerUp] = sorted
  if (best === undefined || best.length === 0) return undefined
  if (runnerUp !== undefined && runnerUp.length === best.length) return undefined
  if (best.some((issue) => issue.code === 'invalid_type' && issue.path.length === 0)) return undefined
  return best
}

export interface PlacedIssue {
  /** Where in the input the problem is. */
  path: PropertyKey[]
  message: string
}

function collect(issues: readonly Issue[], prefix: Path, into: PlacedIssue[]): void {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path]
    const branch = issue.code === 'invalid_union' ? likelyBranch(issue.errors) : undefined
    if (branch) {
      collect(branch, path, into)
      continue
    }
    into.push({ path, message: issue.message })
  }
}

/** Each issue with its full path, descending into the union branch the input was meant for. */
export function placedIssues(error: z.ZodError): PlacedIssue[] {
  const issues: PlacedIssue[] = []
  collect(error.issues, [], issues)
  return issues
}

export function issueMessages(error: z.ZodError): string[] {
  return placedIssues(error).map(({ path, message }) => {
    const where = formatIssuePath(path)
    return where === '' ? message : `${where}: ${message}`
  })
}
