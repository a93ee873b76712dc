/**
 * Record-level security: which rows a token's `permissions` let its user see.
 * Pure: rows in, rows out, so tests and the e2e suite can compute expected
 * results without HTTP.
 *
 * Semantics (Qrvey documents its own only in part):
 * - A dataset permission applies when its `dataset_id` is "*", the dataset's
 *   id, or a list containing either. Several applicable ones must ALL hold.
 * - Its `record_permissions` combine with its `operator` (default AND);
 *   nested groups use their own. An empty list restricts nothing.
 * - A rule reads the column whose `securityName` equals `security_name`.
 *   `values` containing "*" means "any value": the rule holds for every row.
 * - Text tests (CONTAIN, START_WITH, END_WITH and their NOT_ forms) ignore
 *   case; EQUAL / NOT_EQUAL are exact (numbers compare as numbers).
 *   The positive forms hold when ANY value matches; the NOT_ forms when NONE does.
 * - RANGE / BETWEEN / NOT_BETWEEN take [low, high], both included; the
 *   GREATER_/LESS_THAN family takes one value. Number columns need numbers,
 *   date columns ISO dates.
 * - No permissions, or none that apply to the dataset: every row.
 *
 * A rule the sandbox cannot evaluate (a security_name the dataset does not
 * have, a range without two bounds, a bound that is not a number) withholds
 * EVERY row and is reported in `problems`, so the route can say exactly what
 * is wrong. Deny rather than ignore: ignoring a mistyped security_name would
 * show a user data they must not see, and Qrvey's docs say a secured dataset
 * restricts access when a token's permissions do not match its security
 * columns. A demo that shows "no rows, because X" is safer than one that leaks.
 */
import type { ColumnMeta } from '../../shared/sandbox-api'
import type { DatasetPermission, RecordPermission, RecordPermissionGroup } from '../../shared/permissions'
import { formatIssuePath } from '../../shared/validation-messages'
import type { Row } from './dataset'
import { demoDatasetById } from './registry'
import { cellEquals, isEmptyCell, orderKey, type ValueInput } from './values'

export type Permissions = readonly DatasetPermission[]

export interface PermissionOutcome {
  rows: Row[]
  /** Whether an applicable dataset permission had at least one rule to evaluate. */
  applied: boolean
  /** Why every row was withheld; empty when the permissions could be evaluated. */
  problems: string[]
}

type Predicate = (row: Row) => boolean
type Entry = RecordPermission | RecordPermissionGroup

interface Compiler {
  datasetId: string
  bySecurityName: ReadonlyMap<string, ColumnMeta>
  problems: string[]
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
      return isGroup(entry) ? compileGroup(entry.operator, entry.record_permissions, at, compiler) : compileRule(entry, at, compiler)
    })
  )
}

const TEXT_TESTS = {
  CONTAIN: (cell: string, value: string) => cell.includes(value),
  START_WITH: (cell: string, value: string) => cell.startsWith(value),
  END_WITH: (cell: string, value: string) => cell.endsWith(value)
} as const

function textTest(column: string, kind: keyof typeof TEXT_TESTS, values: readonly ValueInput[], negate: boolean): Predicate {
  const wanted = values.map((value) => String(value).toLowerCase())
  const test = TEXT_TESTS[kind]
  return (row) => {
    const cell = row[column]
    const text = cell === undefined ? '' : String(cell).toLowerCase()
    const any = wanted.some((value) => test(text, value))
    return negate ? !any : any
  }
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
  if (rule.values.some((value) => value === '*')) return ALL

  const id = column.id
  const { values } = rule
  const bounds = (count: number): Array<number | string> | undefined => {
    if (values.length !== count) {
      compiler.problems.push(`${where}: ${rule.validation_type} needs exactly ${count === 1 ? 'one value' : 'two values [low, high]'}, got ${values.length}`)
      return undefined
    }
    const keys = values.map((value) => orderKey(column.type, value))
    if (keys.some((key) => key === undefined)) {
      const expected = column.type === 'number' ? 'numbers' : column.type === 'date' ? 'ISO dates such as "2024-03-31"' : 'texts'
      compiler.problems.push(`${where}: ${rule.validation_type} on ${column.type} column "${id}" needs ${expected}, got ${JSON.stringify(values)}`)
      return undefined
    }
    return keys as Array<number | string>
  }
  const cellKey = (row: Row) => orderKey(column.type, row[id])
  const ordered = (test: (key: number | string, bound: number | string) => boolean): Predicate => {
    const [bound] = bounds(1) ?? []
    if (bound === undefined) return NONE
    return (row) => {
      const key = cellKey(row)
      return key !== undefined && test(key, bound)
    }
  }
  const between = (negate: boolean): Predicate => {
    const pair = bounds(2)
    if (!pair) return NONE
    const [low, high] = pair
    return (row) => {
      const key = cellKey(row)
      if (key === undefined) return false
      const inside = key >= low && key <= high
      return negate ? !inside : inside
    }
  }

  switch (rule.validation_type) {
    case 'EQUAL':
      return (row) => values.some((value) => cellEquals(row[id], value))
    case 'NOT_EQUAL':
      return (row) => !values.some((value) => cellEquals(row[id], value))
    case 'CONTAIN':
    case 'START_WITH':
    case 'END_WITH':
      return textTest(id, rule.validation_type, values, false)
    case 'NOT_CONTAIN':
      return textTest(id, 'CONTAIN', values, true)
    case 'NOT_START_WITH':
      return textTest(id, 'START_WITH', values, true)
    case 'NOT_END_WITH':
      return textTest(id, 'END_WITH', values, true)
    case 'RANGE':
    case 'BETWEEN':
      return between(false)
    case 'NOT_BETWEEN':
      return between(true)
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
  }
}

/** The rows a token's permissions let its user see, with what was applied and what could not be. */
export function filterByPermissions(
  rows: readonly Row[],
  datasetId: string,
  permissions: Permissions | undefined,
  columns: readonly ColumnMeta[]
): PermissionOutcome {
  const compiler: Compiler = {
    datasetId,
    bySecurityName: new Map(columns.flatMap((column) => (column.securityName ? [[column.securityName, column] as const] : []))),
    problems: []
  }
  const predicates: Predicate[] = []
  let applied = false
  ;(permissions ?? []).forEach((permission, index) => {
    if (!permissionApplies(permission, datasetId)) return
    if (permission.record_permissions.length > 0) applied = true
    predicates.push(compileGroup(permission.operator ?? 'AND', permission.record_permissions, [index], compiler))
  })
  if (compiler.problems.length > 0) return { rows: [], applied: true, problems: compiler.problems }
  const test = combine('AND', predicates)
  return { rows: rows.filter(test), applied, problems: [] }
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
