import { describe, expect, it } from 'vitest'
import { demoDataset, filterByPermissions, SALES_DATASET_ID, visibleRows, type Permissions } from '../../../../src/sandbox/data'
import type { DatasetPermission, RecordPermission } from '../../../../src/shared/permissions'
import { SMALL_COLUMNS, SMALL_DATASET_ID, SMALL_ROWS } from './small-rows'

function ids(permissions: Permissions | undefined, datasetId = SMALL_DATASET_ID): string[] {
  return visibleRows(SMALL_ROWS, datasetId, permissions, SMALL_COLUMNS).map((row) => row.id as string)
}

/** One dataset permission for every dataset, holding one rule. */
function rule(security_name: string, validation_type: RecordPermission['validation_type'], values: RecordPermission['values']): Permissions {
  return [{ dataset_id: '*', record_permissions: [{ security_name, validation_type, values }] }]
}

describe('record permissions: one rule of each validation_type', () => {
  it.each<[string, Permissions, string[]]>([
    ['EQUAL on text', rule('region', 'EQUAL', ['North']), ['r1', 'r2']],
    ['EQUAL with several values', rule('region', 'EQUAL', ['North', 'East']), ['r1', 'r2', 'r4']],
    ['EQUAL is exact (case matters)', rule('region', 'EQUAL', ['north']), []],
    ['EQUAL on a number column, value as text', rule('amount', 'EQUAL', ['25.50']), ['r2']],
    ['EQUAL on a number column, value as number', rule('amount', 'EQUAL', [10]), ['r1']],
    ['NOT_EQUAL', rule('region', 'NOT_EQUAL', ['North', 'South']), ['r4', 'r5']],
    ['CONTAIN ignores case', rule('note_sec', 'CONTAIN', ['priority']), ['r1', 'r4']],
    ['NOT_CONTAIN', rule('note_sec', 'NOT_CONTAIN', ['priority']), ['r2', 'r3', 'r5']],
    ['START_WITH', rule('country', 'START_WITH', ['u']), ['r1', 'r5']],
    ['NOT_START_WITH (none of the values)', rule('country', 'NOT_START_WITH', ['U', 'b']), ['r2', 'r4']],
    ['END_WITH', rule('country', 'END_WITH', ['A']), ['r2']],
    ['NOT_END_WITH', rule('country', 'NOT_END_WITH', ['a', 'n']), ['r1', 'r3', 'r5']],
    ['RANGE on numbers, both ends included', rule('amount', 'RANGE', [10, 40]), ['r1', 'r2', 'r3']],
    ['BETWEEN on numbers given as text', rule('amount', 'BETWEEN', ['10', '40']), ['r1', 'r2', 'r3']],
    ['BETWEEN on ISO dates, both ends included', rule('day', 'BETWEEN', ['2024-03-01', '2024-12-31']), ['r2', 'r3', 'r5']],
    ['BETWEEN on a month range', rule('day', 'BETWEEN', ['2024-01', '2024-03']), ['r1', 'r2']],
    ['NOT_BETWEEN', rule('amount', 'NOT_BETWEEN', [10, 40]), ['r4', 'r5']],
    ['GREATER_THAN', rule('amount', 'GREATER_THAN', [25.5]), ['r3', 'r5']],
    ['GREATER_THAN_OR_EQUAL', rule('amount', 'GREATER_THAN_OR_EQUAL', [25.5]), ['r2', 'r3', 'r5']],
    ['LESS_THAN', rule('amount', 'LESS_THAN', [10]), ['r4']],
    ['LESS_THAN_OR_EQUAL', rule('amount', 'LESS_THAN_OR_EQUAL', [10]), ['r1', 'r4']],
    ['GREATER_THAN on a date', rule('day', 'GREATER_THAN', ['2024-06-30']), ['r4', 'r5']],
    ['IS_EMPTY', rule('note_sec', 'IS_EMPTY', []), ['r2']],
    ['IS_NOT_EMPTY', rule('note_sec', 'IS_NOT_EMPTY', []), ['r1', 'r3', 'r4', 'r5']],
    ['"*" means any value', rule('region', 'EQUAL', ['*']), ['r1', 'r2', 'r3', 'r4', 'r5']],
    ['"*" means any value, whatever the validation_type', rule('region', 'NOT_EQUAL', ['*']), ['r1', 'r2', 'r3', 'r4', 'r5']],
    ['EQUAL with no values matches nothing', rule('region', 'EQUAL', []), []]
  ])('%s', (_name, permissions, expected) => {
    expect(ids(permissions)).toEqual(expected)
  })
})

describe('record permissions: combining', () => {
  it('combines a dataset permission\'s rules with AND by default', () => {
    const permissions: Permissions = [
      {
        dataset_id: '*',
        record_permissions: [
          { security_name: 'region', validation_type: 'EQUAL', values: ['North'] },
          { security_name: 'amount', validation_type: 'GREATER_THAN', values: [20] }
        ]
      }
    ]
    expect(ids(permissions)).toEqual(['r2'])
  })

  it('combines with OR when the operator says so', () => {
    const permissions: Permissions = [
      {
        dataset_id: SMALL_DATASET_ID,
        operator: 'OR',
        record_permissions: [
          { security_name: 'region', validation_type: 'EQUAL', values: ['East'] },
          { security_name: 'amount', validation_type: 'GREATER_THAN', values: [50] }
        ]
      }
    ]
    expect(ids(permissions)).toEqual(['r4', 'r5'])
  })

  it('recurses into nested groups, each with its own operator', () => {
    // North OR (US AND amount > 50)  ->  r1, r2 (North) + r5 (US, 100)
    const permissions: Permissions = [
      {
        dataset_id: '*',
        operator: 'OR',
        record_permissions: [
          { security_name: 'region', validation_type: 'EQUAL', values: ['North'] },
          {
            operator: 'AND',
            record_permissions: [
              { security_name: 'country', validation_type: 'EQUAL', values: ['US'] },
              { security_name: 'amount', validation_type: 'GREATER_THAN', values: [50] }
            ]
          }
        ]
      }
    ]
    expect(ids(permissions)).toEqual(['r1', 'r2', 'r5'])
    // The same rules with AND at the top: North AND (US AND > 50)  ->  nothing.
    expect(ids([{ ...permissions[0], operator: 'AND' }])).toEqual([])
  })

  it('ANDs several applicable dataset permissions', () => {
    const permissions: Permissions = [
      { dataset_id: '*', record_permissions: [{ security_name: 'region', validation_type: 'EQUAL', values: ['North', 'West'] }] },
      { dataset_id: SMALL_DATASET_ID, record_permissions: [{ security_name: 'country', validation_type: 'EQUAL', values: ['US'] }] }
    ]
    expect(ids(permissions)).toEqual(['r1', 'r5'])
  })

  it('applies a permission whose dataset_id is a list containing the dataset, and skips one that names others', () => {
    const north: DatasetPermission['record_permissions'] = [{ security_name: 'region', validation_type: 'EQUAL', values: ['North'] }]
    expect(ids([{ dataset_id: ['other', SMALL_DATASET_ID], record_permissions: north }])).toEqual(['r1', 'r2'])
    expect(ids([{ dataset_id: ['other', 'third'], record_permissions: north }])).toEqual(['r1', 'r2', 'r3', 'r4', 'r5'])
    expect(ids([{ dataset_id: 'other', record_permissions: north }])).toEqual(['r1', 'r2', 'r3', 'r4', 'r5'])
  })

  it('shows every row without permissions, with an empty list, or with empty rules, and says none applied', () => {
    for (const permissions of [undefined, [], [{ dataset_id: '*', record_permissions: [] }]] as Array<Permissions | undefined>) {
      const outcome = filterByPermissions(SMALL_ROWS, SMALL_DATASET_ID, permissions, SMALL_COLUMNS)
      expect(outcome).toEqual({ rows: SMALL_ROWS, applied: false, problems: [] })
    }
  })

  it('says permissions applied when a rule was evaluated, even one that keeps every row', () => {
    const outcome = filterByPermissions(SMALL_ROWS, SMALL_DATASET_ID, rule('region', 'EQUAL', ['*']), SMALL_COLUMNS)
    expect(outcome.applied).toBe(true)
    expect(outcome.rows).toHaveLength(5)
  })
})

describe('record permissions that cannot be evaluated withhold every row', () => {
  it('denies all rows for a security_name the dataset does not have, and names it', () => {
    const permissions: Permissions = [
      {
        dataset_id: '*',
        operator: 'OR',
        record_permissions: [
          { security_name: 'region', validation_type: 'EQUAL', values: ['North'] },
          // "product" is a column, but not a security column; "note" is the column id, not its security name.
          { operator: 'AND', record_permissions: [{ security_name: 'product', validation_type: 'EQUAL', values: ['P1'] }] },
          { security_name: 'note', validation_type: 'IS_EMPTY', values: [] }
        ]
      }
    ]
    const outcome = filterByPermissions(SMALL_ROWS, SMALL_DATASET_ID, permissions, SMALL_COLUMNS)
    expect(outcome.rows).toEqual([])
    expect(outcome.applied).toBe(true)
    expect(outcome.problems).toEqual([
      'permissions[0].record_permissions[1].record_permissions[0]: security_name "product" is not a security column of dataset "ds" (its security names: region, country, amount, day, note_sec); the sandbox withholds every row rather than ignore the rule',
      'permissions[0].record_permissions[2]: security_name "note" is not a security column of dataset "ds" (its security names: region, country, amount, day, note_sec); the sandbox withholds every row rather than ignore the rule'
    ])
  })

  it('ignores an unknown security_name in a permission for another dataset', () => {
    const outcome = filterByPermissions(SMALL_ROWS, SMALL_DATASET_ID, [{ dataset_id: 'other', record_permissions: [{ security_name: 'tenant', validation_type: 'EQUAL', values: ['a'] }] }], SMALL_COLUMNS)
    expect(outcome).toEqual({ rows: SMALL_ROWS, applied: false, problems: [] })
  })

  it.each<[string, Permissions, RegExp]>([
    ['a range with one bound', rule('amount', 'BETWEEN', [10]), /BETWEEN needs exactly two values \[low, high\], got 1/],
    ['a comparison with two values', rule('amount', 'GREATER_THAN', [1, 2]), /GREATER_THAN needs exactly one value, got 2/],
    ['a text bound on a number column', rule('amount', 'LESS_THAN', ['lots']), /on number column "amount" needs numbers/],
    ['a non-ISO date', rule('day', 'BETWEEN', ['01/02/2024', '2024-12-31']), /on date column "day" needs ISO dates/]
  ])('reports %s', (_name, permissions, message) => {
    const outcome = filterByPermissions(SMALL_ROWS, SMALL_DATASET_ID, permissions, SMALL_COLUMNS)
    expect(outcome.rows).toEqual([])
    expect(outcome.problems).toEqual([expect.stringMatching(message)])
  })
})

describe('visibleRows on the demo data set', () => {
  it('knows the demo columns by dataset id', () => {
    const { rows } = demoDataset()
    const europe = visibleRows(rows, SALES_DATASET_ID, [{ dataset_id: '*', record_permissions: [{ security_name: 'region', validation_type: 'EQUAL', values: ['Europe'] }] }])
    expect(europe.length).toBe(rows.filter((row) => row.region === 'Europe').length)
    expect(europe.length).toBeGreaterThan(0)
    expect(europe.every((row) => row.region === 'Europe')).toBe(true)
  })

  it('needs columns for a dataset it does not know', () => {
    expect(() => visibleRows(SMALL_ROWS, 'nope', undefined)).toThrow(/pass its columns/)
  })
})
