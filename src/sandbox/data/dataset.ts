/**
 * The in-memory shape of a sandbox data set: its metadata as the API shows it
 * (DatasetMeta from the shared contract) and its rows as plain records keyed
 * by column id.
 */
import type { ColumnMeta, DatasetMeta } from '../../shared/sandbox-api'

export type CellValue = string | number
export type Row = Readonly<Record<string, CellValue>>

export interface Dataset {
  meta: DatasetMeta
  rows: readonly Row[]
}

export function columnById(columns: readonly ColumnMeta[], id: string): ColumnMeta | undefined {
  return columns.find((column) => column.id === id)
}
