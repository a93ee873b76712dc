/** A hand-written data set small enough to compute every expectation by hand. */
import type { ColumnMeta } from '../../../../src/shared/sandbox-api'
import type { Row } from '../../../../src/sandbox/data'

export const SMALL_DATASET_ID = 'ds'

export const SMALL_COLUMNS: ColumnMeta[] = [
  { id: 'id', label: 'Id', type: 'text' },
  { id: 'region', label: 'Region', type: 'text', securityName: 'region' },
  { id: 'country', label: 'Country', type: 'text', securityName: 'country' },
  { id: 'amount', label: 'Amount', type: 'number', securityName: 'amount' },
  { id: 'day', label: 'Day', type: 'date', securityName: 'day' },
  // The security name differs from the column id, as Qrvey allows.
  { id: 'note', label: 'Note', type: 'text', securityName: 'note_sec' },
  { id: 'product', label: 'Product', type: 'text' }
]

export const SMALL_ROWS: Row[] = [
  { id: 'r1', region: 'North', country: 'US', amount: 10, day: '2024-01-15', note: 'Priority client', product: 'P1' },
  { id: 'r2', region: 'North', country: 'Canada', amount: 25.5, day: '2024-03-01', note: '', product: 'P2' },
  { id: 'r3', region: 'South', country: 'Brazil', amount: 40, day: '2024-06-30', note: 'late payer', product: 'P1' },
  { id: 'r4', region: 'East', country: 'Japan', amount: 5, day: '2025-01-01', note: 'PRIORITY', product: 'P2' },
  { id: 'r5', region: 'West', country: 'US', amount: 100, day: '2024-12-31', note: 'new', product: 'P3' }
]
