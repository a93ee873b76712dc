/**
 * Validates JSON text typed into an editor and says WHERE each problem is:
 * syntax errors at their offset, schema (zod) errors at the node their issue
 * path names. Pure: the editor turns the result into lint diagnostics and the
 * text line under it ("line 3, col 14: ...").
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser'
import type { z } from 'zod'

export interface JsonIssue {
  /** Offsets into the text (UTF-16 code units, as CodeMirror counts). */
  from: number
  to: number
  /** 1-based. */
  line: number
  /** 1-based. */
  col: number
  message: string
}

export interface JsonValidation<T = unknown> {
  /** The parsed value, only when there is no error at all. */
  value?: T
  errors: JsonIssue[]
  /** The text is empty or only whitespace (callers decide what empty means). */
  empty: boolean
}

/** A problem found by a check of the parsed value, before it has a position. */
export interface PathIssue {
  path: readonly PropertyKey[]
  message: string
  /** Point at the property's key instead of its value (unknown or refused keys). */
  at?: 'key' | 'value'
}

export interface ValidateJsonOptions<T> {
  schema?: z.ZodType<T>
  /** Further checks on the parsed value; they run whether or not the schema passed. */
  check?: (value: unknown) => PathIssue[]
}

/** Larger objects/arrays are marked only at their opening bracket, not underlined whole. */
const WHOLE_CONTAINER_LIMIT = 80

export function validateJson<T = unknown>(text: string, options: ValidateJsonOptions<T> = {}): JsonValidation<T> {
  if (text.trim() === '') return { errors: [], empty: true }

  const parseErrors: ParseError[] = []
  const root = parseTree(text, parseErrors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false })
  if (parseErrors.length > 0 || !root) {
    // The first error is the real one; the parser's recovery makes the rest noise.
    const first = parseErrors[0] ?? { error: 0, offset: 0, length: 0 }
    return { errors: [syntaxIssue(text, first)], empty: false }
  }

  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    // jsonc-parser is slightly more lenient than JSON.parse in corners (number formats).
    return { errors: [issueAt(text, 0, text.length, `not valid JSON: ${(error as Error).message}`)], empty: false }
  }

  const pathIssues: PathIssue[] = []
  let parsed: unknown = value
  if (options.schema) {
    const result = options.schema.safeParse(value)
    if (result.success) parsed = result.data
    else pathIssues.push(...flattenZodIssues(result.error.issues, [], root))
  }
  if (options.check) pathIssues.push(...options.check(value))

  const errors = dedupe(pathIssues.map((issue) => locateIssue(text, root, issue))).sort((a, b) => a.from - b.from || a.to - b.to)
  return errors.length > 0 ? { errors, empty: false } : { value: parsed as T, errors, empty: false }
}

/** 1-based line and column of an offset. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  const clamped = Math.max(0, Math.min(offset, text.length))
  let line = 1
  let lineStart = 0
  for (let i = 0; i < clamped; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, col: clamped - lineStart + 1 }
}

export function formatIssue(issue: Pick<JsonIssue, 'line' | 'col' | 'message'>): string {
  return `line ${issue.line}, col ${issue.col}: ${issue.message}`
}

function issueAt(text: string, from: number, to: number, message: string): JsonIssue {
  const start = Math.max(0, Math.min(from, text.length))
  const end = Math.max(start, Math.min(to, text.length))
  return { from: start, to: end, ...lineCol(text, start), message }
}

// ---------------------------------------------------------------- syntax

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'unexpected character; JSON allows objects, arrays, "strings", numbers, true, false and null',
  InvalidNumberFormat: 'this number is not valid JSON',
  PropertyNameExpected: 'a property name in double quotes is expected here',
  ValueExpected: 'a value is expected here',
  ColonExpected: 'a colon (:) is expected after the property name',
  CommaExpected: 'a comma is expected between entries',
  CloseBraceExpected: 'a closing } is expected',
  CloseBracketExpected: 'a closing ] is expected',
  EndOfFileExpected: 'unexpected text after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'this string is not closed with a double quote',
  UnexpectedEndOfNumber: 'this number is incomplete',
  InvalidUnicode: 'invalid \\u escape; it needs four hex digits',
  InvalidEscapeCharacter: 'invalid escape; JSON knows \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX',
  InvalidCharacter: 'control characters (such as a line break) are not allowed inside a string; write \\n'
}

function syntaxIssue(text: string, error: ParseError): JsonIssue {
  const name = printParseErrorCode(error.error)
  // A trailing comma shows up as "property name/value expected" at the closing bracket.
  if ((name === 'PropertyNameExpected' || name === 'ValueExpected') && /[}\]]/.test(text.charAt(error.offset))) {
    const comma = previousSignificant(text, error.offset)
    if (comma >= 0 && text.charAt(comma) === ',') {
      return issueAt(text, comma, comma + 1, `remove this trailing comma; JSON does not allow one before ${text.charAt(error.offset)}`)
    }
  }
  if (error.offset >= text.length && (name === 'ValueExpected' || name === 'CloseBraceExpected' || name === 'CloseBracketExpected')) {
    return issueAt(text, text.length, text.length, `${SYNTAX_MESSAGES[name]} (the text ends too early)`)
  }
  const message = SYNTAX_MESSAGES[name] ?? 'this is not valid JSON'
  return issueAt(text, error.offset, error.offset + Math.max(error.length, 1), message)
}

function previousSignificant(text: string, offset: number): number {
  for (let i = offset - 1; i >= 0; i--) if (!/\s/.test(text.charAt(i))) return i
  return -1
}

// ---------------------------------------------------------------- schema

type ZodIssue = z.core.$ZodIssue
type Segment = string | number

function toSegments(path: readonly PropertyKey[]): Segment[] {
  return path.filter((p): p is Segment => typeof p === 'string' || typeof p === 'number')
}

function nodeAt(root: Node, path: readonly PropertyKey[]): Node | undefined {
  return findNodeAtLocation(root, toSegments(path))
}

/**
 * Turns zod issues into path issues. A failed union ("a record permission OR
 * a group") reports one issue per alternative; this picks the alternative the
 * user evidently meant, so the message names the real mistake
 * ("validation_type must be one of ...") instead of the union's summary.
 */
export function flattenZodIssues(issues: readonly ZodIssue[], base: readonly PropertyKey[], root: Node): PathIssue[] {
  const out: PathIssue[] = []
  for (const issue of issues) {
    const path = [...base, ...issue.path]
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: [...path, key], message: `unknown key "${key}"; check its spelling`, at: 'key' })
      continue
    }
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const branch = pickUnionBranch(issue.errors, path, root)
      if (branch) {
        out.push(...flattenZodIssues(branch, path, root))
        continue
      }
    }
    out.push({ path, message: issue.message })
  }
  return out
}

function pickUnionBranch(branches: readonly (readonly ZodIssue[])[], path: readonly PropertyKey[], root: Node): readonly ZodIssue[] | undefined {
  // Every alternative failed on the value's own type: the union's message says it best.
  if (branches.every((b) => b.every((i) => i.path.length === 0 && i.code !== 'unrecognized_keys'))) return undefined
  const node = nodeAt(root, path)
  const hasKeys = node?.type === 'object' && (node.children?.length ?? 0) > 0
  let best: { issues: readonly ZodIssue[]; score: number } | undefined
  let tie = false
  for (const issues of branches) {
    let unknownKeys = 0
    let wrongExisting = 0
    for (const issue of issues) {
      if (issue.code === 'unrecognized_keys') unknownKeys += issue.keys.length
      else if (issue.path.length > 0 && nodeAt(root, [...path, ...issue.path])) wrongExisting++
    }
    // An alternative is plausible when the user wrote something it knows:
    // a key of it with a wrong value, or only keys it accepts.
    const plausible = wrongExisting > 0 || (unknownKeys === 0 && hasKeys)
    if (!plausible) continue
    const score = issues.length + 2 * unknownKeys
    if (!best || score < best.score) {
      best = { issues, score }
      tie = false
    } else if (score === best.score) tie = true
  }
  return best && !tie ? best.issues : undefined
}

function locateIssue(text: string, root: Node, issue: PathIssue): JsonIssue {
  const path = toSegments(issue.path)
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, path.slice(0, n))
    if (!node) continue
    if (n === path.length) {
      const target = issue.at === 'key' && node.parent?.type === 'property' && node.parent.children?.[0] ? node.parent.children[0] : node
      const range = rangeOf(target)
      return issueAt(text, range.from, range.to, issue.message)
    }
    // The path goes on past what exists: a required key or entry is missing.
    const missing = path[n]
    const what = typeof missing === 'number' ? `entry ${missing}` : `"${missing}"`
    const message = /^Invalid input\b/.test(issue.message) ? `${what} is missing` : `${what} is missing: ${issue.message}`
    return issueAt(text, node.offset, node.offset + 1, message)
  }
  return issueAt(text, root.offset, root.offset + 1, issue.message)
}

function rangeOf(node: Node): { from: number; to: number } {
  if ((node.type === 'object' || node.type === 'array') && node.length > WHOLE_CONTAINER_LIMIT) {
    return { from: node.offset, to: node.offset + 1 }
  }
  return { from: node.offset, to: node.offset + node.length }
}

function dedupe(issues: JsonIssue[]): JsonIssue[] {
  const seen = new Set<string>()
  return issues.filter((i) => {
    const key = `${i.from}:${i.to}:${i.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
