/**
 * Record-level security: which rows a token's `permissions` let its user see,
 * and why, in plain words. Pure: rows in, rows out, so tests and the e2e suite
 * compute expected results without HTTP.
 *
 * Semantics, each from Qrvey's Record Level Security page
 * (partner-portal docs/software-developer/record-level-security.md; QRVEY.md §1):
 * - "If no security columns are specified, users will have full access to the
 *   dataset": a dataset without security columns ignores permissions.
 * - "all columns defined as security columns should be part of the user's
 *   security token. Any missing security column inside the user's security
 *   token will restrict the user's access to the data": a secured dataset
 *   shows NO rows unless every one of its security names appears in a
 *   permission that applies to it (dataset_id "*", its id, or a list with it).
 * - validation_type "Default: EQUAL"; operator "Default: AND", groups nest;
 *   several applicable dataset permissions must all hold.
 * - "The validation_type attribute must be set to EQUAL in order to use a
 *   wildcard, or otherwise the * character will be treated literally."
 * - RANGE values are objects `{gte, lte}` (one-sided `{gte: 1e6}` too); a
 *   row matches when it is inside any of them; NOT_RANGE when inside none.
 * - group_value "is only valid for DATE columns", "Default: day": date cells
 *   and bounds are compared at that grain ("Jun 2020".."Dec 2020" by month).
 *
 * Where the docs are silent the sandbox chooses, and says so in its token
 * warnings: text tests (CONTAIN, START_WITH, END_WITH) ignore case (the docs'
 * "ina", "col" example reads country names); BETWEEN takes the same objects or
 * a [low, high] pair; DATE means "in the same group_value period as a value";
 * RANGE given a [low, high] pair of plain values reads it as one range.
 *
 * A rule the sandbox cannot evaluate (a security_name the dataset does not
 * have, a bound that is not a number) withholds EVERY row and is reported in
 * `problems` (the docs: "Make sure that the security columns are the same in
 * all datasets, or the system will give an error").
 */
import type { ColumnMeta, SecurityReport } from '../../shared/sandbox-api'
import {
  DEFAULT_OPERATOR,
  DEFAULT_VALIDATION_TYPE,
  groupValueOf,
  isRangeValue,
  type DatasetPermission,
  type PermissionValue,
  type RangeValue,
  type RecordPermission,
  type RecordPermissionGroup
} from '../../shared/permissions'
import { formatIssuePath } from '../../shared/validation-messages'
import type { Row } from './dataset'
import { cellKey, valueKey } from './dates'
import { demoDatasetById } from './registry'
import { cellEquals, isEmptyCell, orderKey } from './values'

export type Permissions = readonly DatasetPermission[]

export interface PermissionOutcome {
  rows: Row[]
  /** Whether the token's permissions narrowed the rows (always, for a secured dataset). */
  applied: boolean
  /** Why every row was withheld because a rule cannot be evaluated; empty otherwise. */
  problems: string[]
  security: SecurityReport
}

type Predicate = (row: Row) => boolean
type Entry = RecordPermission | RecordPermissionGroup
type Key = number | string

interface Leaf {
  rule: RecordPermission
  column: ColumnMeta
  test: Predicate
  /** EQUAL with "*": grants everything, nothing to report. */
  wildcard: boolean
}

interface Compiler {
  datasetId: string
  bySecurityName: ReadonlyMap<string, ColumnMeta>
  problems: string[]
  leaves: Leaf[]
}

const ALL: Predicate = () => true
const NONE: Predicate = () => false

export function permissionApplies(permission: DatasetPermission, datasetId: string): boolean {
  const ids = typeof permission.dataset_id === 'string' ? [permission.dataset_id] : permission.dataset_id
  return ids.includes('*') || ids.includes(datasetId)
}

function isGroup(entry: Entry): entry is RecordPermissionGroup {
  return 'record_permissions' in entry
}

/** "a", "a and b", "a, b and c". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

/** Every security_name a permission tree names, anywhere. */
function namesIn(entries: readonly Entry[], into: Set<string>): Set<string> {
  for (const entry of entries) {
    if (isGroup(entry)) namesIn(entry.record_permissions, into)
    else into.add(entry.security_name)
  }
  return into
}

function combine(operator: 'AND' | 'OR', predicates: Predicate[]): Predicate {
  if (predicates.length === 0) return ALL
  if (predicates.length === 1) return predicates[0]
  return operator === 'OR' ? (row) => predicates.some((test) => test(row)) : (row) => predicates.every((test) => test(row))
}

function compileGroup(operator: 'AND' | 'OR', entries: readonly Entry[], path: PropertyKey[], compiler: Compiler): Predicate {
  return combine(
    operator,
    entries.map((entry, index) => {
      const at = [...path, 'record_permissions', index]
      return isGroup(entry) ? compileGroup(entry.operator ?? DEFAULT_OPERATOR, entry.record_permissions, at, compiler) : compileRule(entry, at, compiler)
    })
  )
}

const TEXT_TESTS = {
  CONTAIN: (cell: string, value: string) => cell.includes(value),
  START_WITH: (cell: string, value: string) => cell.startsWith(value),
  END_WITH: (cell: string, value: string) => cell.endsWith(value)
} as const

interface Range {
  gte?: Key
  lte?: Key
  gt?: Key
  lt?: Key
}

function inside(key: Key, range: Range): boolean {
  return (
    (range.gte === undefined || key >= range.gte) &&
    (range.lte === undefined || key <= range.lte) &&
    (range.gt === undefined || key > range.gt) &&
    (range.lt === undefined || key < range.lt)
  )
}

function expectedValues(column: ColumnMeta): string {
  if (column.type === 'number') return 'numbers'
  if (column.type === 'date') return 'dates such as "2024-06-30", "2024-06" or "Jun 2024"'
  return 'texts'
}

function compileRule(rule: RecordPermission, path: PropertyKey[], compiler: Compiler): Predicate {
  const where = formatIssuePath(['permissions', ...path])
  const column = compiler.bySecurityName.get(rule.security_name)
  if (!column) {
    const known = [...compiler.bySecurityName.keys()].join(', ') || '(none)'
    compiler.problems.push(
      `${where}: security_name "${rule.security_name}" is not a security column of dataset "${compiler.datasetId}" (its security names: ${known}); the sandbox withholds every row rather than ignore the rule`
    )
    return NONE
  }
  const type = rule.validation_type ?? DEFAULT_VALIDATION_TYPE
  const test = compileTest(rule, type, column, where, compiler)
  const wildcard = type === 'EQUAL' && rule.values.some((value) => value === '*')
  compiler.leaves.push({ rule, column, test, wildcard })
  return test
}

function compileTest(rule: RecordPermission, type: string, column: ColumnMeta, where: string, compiler: Compiler): Predicate {
  const id = column.id
  const group = groupValueOf(rule)
  const isDate = column.type === 'date'
  const problem = (text: string): Predicate => {
    compiler.problems.push(`${where}: ${text}`)
    return NONE
  }
  // Date columns compare at the group_value grain (default day); others by their type.
  const keyOfValue = (value: unknown): Key | undefined => (isDate ? valueKey(value, group) : orderKey(column.type, value))
  const keyOfCell = (row: Row): Key | undefined => (isDate ? cellKey(row[id], group) : orderKey(column.type, row[id]))
  const scalars = (): Array<string | number | boolean> | undefined => {
    if (rule.values.some(isRangeValue)) {
      problem(`${type} takes plain values (texts or numbers), not range objects; range objects belong to RANGE and NOT_RANGE`)
      return undefined
    }
    return rule.values as Array<string | number | boolean>
  }
  const keys = (values: readonly unknown[]): Key[] | undefined => {
    const out = values.map(keyOfValue)
    if (out.some((key) => key === undefined)) {
      problem(`${type} on ${column.type} column "${id}" needs ${expectedValues(column)}, got ${JSON.stringify(values)}`)
      return undefined
    }
    return out as Key[]
  }
  const equalTest = (negate: boolean): Predicate => {
    const values = scalars()
    if (!values) return NONE
    if (isDate) {
      const wanted = keys(values)
      if (!wanted) return NONE
      return (row) => {
        const key = keyOfCell(row)
        const any = key !== undefined && wanted.includes(key)
        return negate ? !any : any
      }
    }
    return (row) => {
      const any = values.some((value) => cellEquals(row[id], value))
      return negate ? !any : any
    }
  }
  const textTest = (kind: keyof typeof TEXT_TESTS, negate: boolean): Predicate => {
    const values = scalars()
    if (!values) return NONE
    const wanted = values.map((value) => String(value).toLowerCase())
    const matches = TEXT_TESTS[kind]
    return (row) => {
      const cell = row[id]
      const text = cell === undefined ? '' : String(cell).toLowerCase()
      const any = wanted.some((value) => matches(text, value))
      return negate ? !any : any
    }
  }
  const rangeTest = (negate: boolean): Predicate => {
    const ranges = readRanges(rule.values, type)
    if (!ranges) return NONE
    const converted: Range[] = []
    for (const range of ranges) {
      const out: Range = {}
      for (const [name, bound] of Object.entries(range) as Array<[keyof Range, unknown]>) {
        if (bound === undefined) continue
        const key = keyOfValue(bound)
        if (key === undefined) return problem(`${type} on ${column.type} column "${id}" needs ${expectedValues(column)} as bounds, got ${JSON.stringify(bound)}`)
        out[name] = key
      }
      converted.push(out)
    }
    return (row) => {
      const key = keyOfCell(row)
      if (key === undefined) return false
      const any = converted.some((range) => inside(key, range))
      return negate ? !any : any
    }
  }
  const readRanges = (values: readonly PermissionValue[], name: string): RangeValue[] | undefined => {
    if (values.length > 0 && values.every(isRangeValue)) return values as RangeValue[]
    // Not documented: a [low, high] pair of plain values, as earlier sandbox versions took.
    if (values.length === 2 && !values.some(isRangeValue)) return [{ gte: values[0] as string | number, lte: values[1] as string | number }]
    problem(`${name} takes range objects such as {"gte": 10, "lte": 20} (or one-sided {"gte": 10}); got ${JSON.stringify(values)}`)
    return undefined
  }
  const ordered = (compare: (key: Key, bound: Key) => boolean): Predicate => {
    const values = scalars()
    if (!values) return NONE
    if (values.length !== 1) return problem(`${type} needs exactly one value, got ${values.length}`)
    const [bound] = keys(values) ?? []
    if (bound === undefined) return NONE
    return (row) => {
      const key = keyOfCell(row)
      return key !== undefined && compare(key, bound)
    }
  }

  switch (type) {
    case 'EQUAL':
      // "*" grants every value, but only with EQUAL (elsewhere it is the literal character).
      if (rule.values.some((value) => value === '*')) return ALL
      return equalTest(false)
    case 'NOT_EQUAL':
      return equalTest(true)
    case 'CONTAIN':
    case 'START_WITH':
    case 'END_WITH':
      return textTest(type, false)
    case 'NOT_CONTAIN':
      return textTest('CONTAIN', true)
    case 'NOT_START_WITH':
      return textTest('START_WITH', true)
    case 'NOT_END_WITH':
      return textTest('END_WITH', true)
    case 'RANGE':
    case 'BETWEEN':
      return rangeTest(false)
    case 'NOT_RANGE':
    case 'NOT_BETWEEN':
      return rangeTest(true)
    case 'DATE':
      if (!isDate) return problem(`DATE needs a date column; "${id}" is a ${column.type} column`)
      return equalTest(false)
    case 'GREATER_THAN':
      return ordered((key, bound) => key > bound)
    case 'GREATER_THAN_OR_EQUAL':
      return ordered((key, bound) => key >= bound)
    case 'LESS_THAN':
      return ordered((key, bound) => key < bound)
    case 'LESS_THAN_OR_EQUAL':
      return ordered((key, bound) => key <= bound)
    case 'IS_EMPTY':
      return (row) => isEmptyCell(row[id])
    case 'IS_NOT_EMPTY':
      return (row) => !isEmptyCell(row[id])
    default:
      return problem(`validation_type "${type}" is not one the sandbox knows`)
  }
}

/** "region EQUAL \"North\"" for notes. */
function describeRule(rule: RecordPermission, values = rule.values): string {
  const type = rule.validation_type ?? DEFAULT_VALIDATION_TYPE
  const shown = values.map((value) => JSON.stringify(value)).join(', ')
  return `${rule.security_name} ${type}${rule.group_value ? ` (${rule.group_value})` : ''} ${shown}`.trim()
}

/** Distinct values of a text column, for "its values are ..." hints (none past 20). */
function distinctValues(rows: readonly Row[], column: ColumnMeta): string[] | undefined {
  if (column.type !== 'text') return undefined
  const values = new Set<string>()
  for (const row of rows) {
    const cell = row[column.id]
    if (cell !== undefined && cell !== '') values.add(String(cell))
    if (values.size > 20) return undefined
  }
  return [...values].sort()
}

/** Rules, and single values of EQUAL-like rules, that match no row of the whole dataset. */
function unmatchedRules(rows: readonly Row[], leaves: readonly Leaf[]): string[] {
  const notes: string[] = []
  for (const leaf of leaves) {
    if (leaf.wildcard) continue
    if (rows.some(leaf.test)) {
      const type = leaf.rule.validation_type ?? DEFAULT_VALIDATION_TYPE
      // A list of EQUAL values: name each one that matches nothing (a typo among good values).
      if (type !== 'EQUAL' || leaf.column.type === 'date') continue
      const dead = leaf.rule.values.filter((value) => !isRangeValue(value) && !rows.some((row) => cellEquals(row[leaf.column.id], value)))
      if (dead.length > 0) notes.push(`${describeRule(leaf.rule, dead)} matches no row`)
      continue
    }
    const type = leaf.rule.validation_type ?? DEFAULT_VALIDATION_TYPE
    const literalStar = type !== 'EQUAL' && leaf.rule.values.some((value) => value === '*') ? ' ("*" means all values only with EQUAL; here it is the literal character *)' : ''
    const known = distinctValues(rows, leaf.column)
    notes.push(`${describeRule(leaf.rule)} matches no row${literalStar}${known ? ` (its values: ${known.join(', ')})` : ''}`)
  }
  return notes
}

/** The rows a token's permissions let its user see, with why. */
export function filterByPermissions(
  rows: readonly Row[],
  datasetId: string,
  permissions: Permissions | undefined,
  columns: readonly ColumnMeta[]
): PermissionOutcome {
  const securityColumns = columns.filter((column) => column.securityName)
  const securityNames = securityColumns.map((column) => column.securityName!)
  const applicable = (permissions ?? []).filter((permission) => permissionApplies(permission, datasetId))
  const report = (fields: Partial<SecurityReport> & { visibleRows: number }): SecurityReport => ({
    datasetId,
    securityNames,
    applied: securityNames.length > 0,
    missing: [],
    unmatched: [],
    notes: [],
    ...fields
  })

  if (securityNames.length === 0) {
    // "Datasets without security columns will not restrict access to the data. All users will have full access."
    const notes = applicable.some((permission) => permission.record_permissions.length > 0)
      ? [`Dataset ${datasetId} has no security columns, so it is open to every user and the token's permissions do not apply to it.`]
      : []
    return { rows: [...rows], applied: false, problems: [], security: report({ visibleRows: rows.length, notes }) }
  }

  const compiler: Compiler = {
    datasetId,
    bySecurityName: new Map(securityColumns.map((column) => [column.securityName!, column] as const)),
    problems: [],
    leaves: []
  }
  const predicates = applicable.map((permission) =>
    compileGroup(permission.operator ?? DEFAULT_OPERATOR, permission.record_permissions, [(permissions ?? []).indexOf(permission)], compiler)
  )
  if (compiler.problems.length > 0) {
    return { rows: [], applied: true, problems: compiler.problems, security: report({ visibleRows: 0, notes: compiler.problems }) }
  }

  const named = new Set<string>()
  for (const permission of applicable) namesIn(permission.record_permissions, named)
  const missing = securityNames.filter((name) => !named.has(name))
  if (missing.length > 0) {
    const secured = `Dataset ${datasetId} is secured by ${listInWords(securityNames)}`
    const note =
      applicable.length === 0
        ? `${secured}, and the token has no permissions for it, so it shows no rows. Add a permission for this dataset that names every security column (values ["*"] with EQUAL grants all).`
        : `${secured}, and the token grants nothing for ${listInWords(missing)}, so it shows no rows. Add a record permission for ${listInWords(missing)} (values ["*"] with EQUAL grants all).`
    return { rows: [], applied: true, problems: [], security: report({ visibleRows: 0, missing, notes: [note] }) }
  }

  const visible = rows.filter(combine('AND', predicates))
  const unmatched = unmatchedRules(rows, compiler.leaves)
  const notes = unmatched.map((text) => `In dataset ${datasetId}, ${text}.`)
  if (visible.length === 0) notes.unshift(`The token's permissions match no row of dataset ${datasetId}, so it shows no data.`)
  return { rows: visible, applied: true, problems: [], security: report({ visibleRows: visible.length, unmatched, notes }) }
}

/**
 * The visible rows only (none when a rule cannot be evaluated). `columns`
 * defaults to the demo data set's columns for a demo dataset id.
 */
export function visibleRows(
  rows: readonly Row[],
  datasetId: string,
  permissions: Permissions | undefined,
  columns: readonly ColumnMeta[] | undefined = demoDatasetById(datasetId)?.meta.columns
): Row[] {
  if (!columns) throw new TypeError(`visibleRows: "${datasetId}" is not a demo dataset; pass its columns`)
  return filterByPermissions(rows, datasetId, permissions, columns).rows
}
