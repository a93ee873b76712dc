/**
 * The compare view's values table (issue 12 point 3), pure: per dataset one
 * row for the rows visible, one per numeric total, one per security column
 * (the values visible), one cell per persona. A row where personas differ is
 * marked; each cell that sees less than the widest one names the rule of
 * that persona's token that caused it ("region EQUAL Europe"), or why it
 * sees nothing (a security column the token grants nothing for, a dataset
 * hidden by asset_permissions).
 */
import { DEFAULT_VALIDATION_TYPE, isRangeValue, type DatasetPermission, type PermissionValue, type RecordPermission, type RecordPermissionGroup } from '../permissions'
import type { TokenBody } from '../token-request'
import type { ColumnRef, DatasetReading, SandboxReading } from './compare'
import { formatFigure } from './evaluate-expectations'

export interface ValuesTableInput {
  name: string
  body: TokenBody
  /** Absent while loading or when reading failed. */
  reading?: SandboxReading
}

export interface ValuesCell {
  text: string
  /** The figure (rows, totals) or the values seen (security columns). */
  value?: number | Array<string | number>
  /** This persona sees less here than the persona who sees the most. */
  narrower: boolean
  /** What in this persona's token made it so, in plain words. */
  cause?: string
}

export interface ValuesRow {
  key: string
  kind: 'rows' | 'total' | 'values'
  label: string
  /** The column (totals, security columns). */
  column?: string
  differs: boolean
  cells: ValuesCell[]
}

export interface ValuesDataset {
  id: string
  name: string
  secured: boolean
  rows: ValuesRow[]
}

export interface ValuesTable {
  datasets: ValuesDataset[]
  /** One line per difference: "Europe only: region EQUAL Europe". */
  differences: string[]
}

const MAX_LISTED = 6
const NO_ROWS_POINTER = 'no rows (see Rows visible)'
const THROUGH = 'through '

type Entry = RecordPermission | RecordPermissionGroup

function isGroup(entry: Entry): entry is RecordPermissionGroup {
  return 'record_permissions' in entry
}

function valueText(value: PermissionValue): string {
  if (!isRangeValue(value)) return String(value)
  const parts: string[] = []
  if (value.gte !== undefined) parts.push(`≥ ${value.gte}`)
  if (value.gt !== undefined) parts.push(`> ${value.gt}`)
  if (value.lte !== undefined) parts.push(`≤ ${value.lte}`)
  if (value.lt !== undefined) parts.push(`< ${value.lt}`)
  return parts.join(' and ')
}

/** "region EQUAL Europe", "order_date RANGE ≥ 2024-01 and ≤ 2024-06 (by month)". */
export function describeRule(rule: RecordPermission): string {
  const type = rule.validation_type ?? DEFAULT_VALIDATION_TYPE
  const group = rule.group_value ? ` (by ${rule.group_value.toLowerCase()})` : ''
  return `${rule.security_name} ${type} ${rule.values.map(valueText).join(', ')}${group}`.trim()
}

function isWildcard(rule: RecordPermission): boolean {
  return (rule.validation_type ?? DEFAULT_VALIDATION_TYPE) === 'EQUAL' && rule.values.some((v) => v === '*')
}

function appliesTo(permission: DatasetPermission, datasetId: string): boolean {
  const ids = typeof permission.dataset_id === 'string' ? [permission.dataset_id] : permission.dataset_id
  return ids.includes('*') || ids.includes(datasetId)
}

/** The rules of a tree that narrow rows (not EQUAL "*"), in words; groups in brackets with their operator. */
function narrowing(entries: readonly Entry[], operator: 'AND' | 'OR', only?: string): string[] {
  const parts: string[] = []
  for (const entry of entries) {
    if (isGroup(entry)) {
      const inner = narrowing(entry.record_permissions, entry.operator ?? 'AND', only)
      if (inner.length > 1) parts.push(`(${inner.join(` ${entry.operator ?? 'AND'} `)})`)
      else parts.push(...inner)
    } else if (!isWildcard(entry) && (only === undefined || entry.security_name === only)) {
      parts.push(describeRule(entry))
    }
  }
  return operator === 'OR' && parts.length > 1 ? [`(${parts.join(' OR ')})`] : parts
}

/** The narrowing rules of a token for one dataset (optionally: those on one security name). */
export function narrowingRules(body: TokenBody, datasetId: string, securityName?: string): string[] {
  const permissions = (body.permissions ?? []) as DatasetPermission[]
  return permissions.filter((p) => appliesTo(p, datasetId)).flatMap((p) => narrowing(p.record_permissions, p.operator ?? 'AND', securityName))
}

function listValues(values: ReadonlyArray<string | number>, column: ColumnRef): string {
  if (values.length === 0) return 'none'
  if (column.type === 'date' || column.type === 'number') {
    const sorted = [...values].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))))
    return values.length === 1 ? String(sorted[0]) : `${sorted[0]} … ${sorted[sorted.length - 1]} (${values.length} values)`
  }
  const shown = values.slice(0, MAX_LISTED).join(', ')
  return values.length > MAX_LISTED ? `${shown} +${values.length - MAX_LISTED} more` : shown
}

/** Why this persona sees nothing of a dataset, or undefined when it sees rows. */
function emptyReason(d: DatasetReading): string | undefined {
  if (d.hidden) return `dataset hidden: ${d.hidden}`
  if (d.refused) return `refused: ${d.refused}`
  if (d.observation.rowCount > 0) return undefined
  const missing = d.security?.missing ?? []
  if (missing.length) return `grants nothing for ${missing.join(', ')}: a secured dataset then shows no rows`
  return undefined
}

function causeFor(body: TokenBody, d: DatasetReading | undefined, datasetId: string, row: ValuesRow['kind'], securityName?: string): string {
  if (!d) return 'not in this token’s app'
  const empty = emptyReason(d)
  // The full reason once, on the rows row; the dataset's other rows point to it.
  if (empty) return row === 'rows' ? empty : NO_ROWS_POINTER
  const own = securityName ? narrowingRules(body, datasetId, securityName) : []
  if (own.length) return own.join('; ')
  const all = narrowingRules(body, datasetId)
  if (all.length) return securityName ? `${THROUGH}${all.join('; ')}` : all.join('; ')
  const unmatched = d.security?.unmatched ?? []
  return unmatched.length ? unmatched.join('; ') : 'no rule of this token narrows it (see the sandbox notes)'
}

function size(value: ValuesCell['value']): number {
  return Array.isArray(value) ? value.length : (value ?? 0)
}

function sameValue(a: ValuesCell['value'], b: ValuesCell['value']): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v) => b.some((w) => String(w) === String(v)))
  return a === b
}

function finishRow(row: Omit<ValuesRow, 'differs'>, inputs: readonly ValuesTableInput[], datasetId: string, securityName?: string): ValuesRow {
  const known = row.cells.filter((c) => c.value !== undefined)
  const differs = known.some((c) => !sameValue(c.value, known[0].value))
  if (!differs) return { ...row, differs }
  const widest = Math.max(...known.map((c) => size(c.value)))
  const cells = row.cells.map((cell, i) => {
    if (cell.value === undefined || size(cell.value) >= widest) return cell
    const d = inputs[i].reading?.datasets.find((x) => x.id === datasetId)
    return { ...cell, narrower: true, cause: causeFor(inputs[i].body, d, datasetId, row.kind, securityName) }
  })
  return { ...row, differs, cells }
}

const unknownCell: ValuesCell = { text: '…', narrower: false }

/** The table for 1..6 personas; a persona without a reading shows "…" in every cell. */
export function buildValuesTable(inputs: readonly ValuesTableInput[]): ValuesTable {
  const datasets = new Map<string, { name: string; measures: Map<string, ColumnRef>; security: Map<string, ColumnRef> }>()
  for (const input of inputs) {
    for (const d of input.reading?.datasets ?? []) {
      const entry = datasets.get(d.id) ?? datasets.set(d.id, { name: d.name, measures: new Map(), security: new Map() }).get(d.id)!
      for (const m of d.measures) entry.measures.set(m.id, m)
      for (const c of d.securityColumns) entry.security.set(c.id, c)
    }
  }
  const out: ValuesDataset[] = []
  for (const [id, meta] of datasets) {
    const of = (input: ValuesTableInput) => input.reading?.datasets.find((d) => d.id === id)
    const rows: ValuesRow[] = []
    rows.push(
      finishRow(
        {
          key: `${id}:rows`,
          kind: 'rows',
          label: 'Rows visible',
          cells: inputs.map((input) => {
            if (!input.reading) return unknownCell
            const d = of(input)
            const count = d?.observation.rowCount ?? 0
            return { text: formatFigure(count), value: count, narrower: false }
          })
        },
        inputs,
        id
      )
    )
    for (const m of meta.measures.values()) {
      rows.push(
        finishRow(
          {
            key: `${id}:total:${m.id}`,
            kind: 'total',
            label: `Total ${m.label.toLowerCase()}`,
            column: m.id,
            cells: inputs.map((input) => {
              if (!input.reading) return unknownCell
              const d = of(input)
              if (d && d.observation.rowCount > 0 && !(m.id in d.observation.totals)) return { text: 'hidden (roles)', narrower: false }
              const total = d?.observation.totals[m.id] ?? 0
              return { text: formatFigure(total), value: total, narrower: false }
            })
          },
          inputs,
          id
        )
      )
    }
    for (const c of meta.security.values()) {
      rows.push(
        finishRow(
          {
            key: `${id}:values:${c.id}`,
            kind: 'values',
            label: `${c.label} (security column)`,
            column: c.id,
            cells: inputs.map((input) => {
              if (!input.reading) return unknownCell
              const values = of(input)?.observation.visibleValues[c.id] ?? []
              return { text: listValues(values, c), value: [...values], narrower: false }
            })
          },
          inputs,
          id,
          c.securityName ?? c.id
        )
      )
    }
    out.push({ id, name: meta.name, secured: meta.security.size > 0, rows })
  }
  const differences: string[] = []
  for (const d of out) {
    for (const row of d.rows) {
      row.cells.forEach((cell, i) => {
        // Pointers and knock-on effects ("through region EQUAL Europe") repeat a rule already listed.
        if (!cell.narrower || !cell.cause || cell.cause === NO_ROWS_POINTER || cell.cause.startsWith(THROUGH)) return
        const line = `${inputs[i].name}: ${cell.cause}`
        if (!differences.includes(line)) differences.push(line)
      })
    }
  }
  return { datasets: out, differences }
}
