/**
 * The open demo dataset: monthly revenue targets per region, 2024-01 ..
 * 2025-12. It has no security columns, so every token sees all of it (Qrvey:
 * "Datasets without security columns will not restrict access to the data.
 * All users will have full access."), which gives a token without
 * permissions something to show beside the secured sales orders.
 */
import type { ColumnMeta } from '../../shared/sandbox-api'
import type { Dataset, Row } from './dataset'

export const TARGETS_DATASET_ID = 'sales-targets'

export const TARGET_COLUMNS: readonly ColumnMeta[] = [
  { id: 'month', label: 'Month', type: 'date' },
  { id: 'region', label: 'Region', type: 'text' },
  { id: 'target', label: 'Revenue target', type: 'number' }
]

/** Monthly base target per region, in whole currency units; grows 2% a month. */
const BASE: ReadonlyArray<readonly [string, number]> = [
  ['North America', 260_000],
  ['Europe', 205_000],
  ['Asia Pacific', 140_000],
  ['Latin America', 80_000]
]

export function generateSalesTargets(): Row[] {
  const rows: Row[] = []
  for (let index = 0; index < 24; index++) {
    const month = `${2024 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
    for (const [region, base] of BASE) rows.push({ month, region, target: Math.round(base * 1.02 ** index) })
  }
  return rows
}

let cached: Dataset | undefined

export function targetsDataset(): Dataset {
  if (!cached) {
    const rows = Object.freeze(generateSalesTargets().map((row) => Object.freeze(row)))
    cached = {
      meta: Object.freeze({ id: TARGETS_DATASET_ID, name: 'Sales targets', rowCount: rows.length, columns: TARGET_COLUMNS.map((column) => ({ ...column })) }),
      rows
    }
  }
  return cached
}
