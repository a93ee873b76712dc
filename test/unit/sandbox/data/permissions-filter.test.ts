/**
 * Record-level security as Qrvey documents it (QRVEY.md §1; partner-portal
 * docs/software-developer/record-level-security.md). Each rule cites the
 * docs sentence it follows. Changed from the earlier lenient sandbox: a token
 * must name every security column of a secured dataset, "*" is all values only
 * with EQUAL, RANGE takes {gte, lte} objects, and validation_type defaults to EQUAL.
 */
import { describe, expect, it } from 'vitest'
import { demoDataset, filterByPermissions, SALES_DATASET_ID, SALES_SECURITY_NAMES, targetsDataset, TARGETS_DATASET_ID, visibleRows, type Permissions } from '../../../../src/sandbox/data'
import { permissionsSchema, type DatasetPermission, type RecordPermission } from '../../../../src/shared/permissions'
import { SMALL_COLUMNS, SMALL_DATASET_ID, SMALL_ROWS } from './small-rows'

const SECURITY_NAMES = ['region', 'country', 'amount', 'day', 'note_sec']
const ALL_IDS = ['r1', 'r2', 'r3', 'r4', 'r5']

function ids(permissions: Permissions | undefined, datasetId = SMALL_DATASET_ID): string[] {
  return visibleRows(SMALL_ROWS, datasetId, permissions, SMALL_COLUMNS).map((row) => row.id as string)
}

/** Grants every value of each security column not in `except` (docs: a wildcard "*" with EQUAL). */
function grantAll(except: string[] = []): RecordPermission[] {
  return SECURITY_NAMES.filter((name) => !except.includes(name)).map((security_name) => ({ security_name, values: ['*'] }))
}

/** One rule on one security column, the other columns granted in full (as the docs require every column). */
function rule(security_name: string, validation_type: RecordPermission['validation_type'], values: RecordPermission['values'], extra: Partial<RecordPermission> = {}): Permissions {
  return [{ dataset_id: '*', record_permissions: [...grantAll([security_name]), { security_name, validation_type, values, ...extra }] }]
}

describe('record permissions: one rule of each documented validation_type', () => {
  it.each<[string, Permissions, string[]]>([
    ['EQUAL on text', rule('region', 'EQUAL', ['North']), ['r1', 'r2']],
    ['EQUAL with several values', rule('region', 'EQUAL', ['North', 'East']), ['r1', 'r2', 'r4']],
    ['EQUAL is exact (case matters)', rule('region', 'EQUAL', ['north']), []],
    ['EQUAL on a number column, value as text', rule('amount', 'EQUAL', ['25.50']), ['r2']],
    ['EQUAL on a number column, value as number', rule('amount', 'EQUAL', [10]), ['r1']],
    ['NOT_EQUAL', rule('region', 'NOT_EQUAL', ['North', 'South']), ['r4', 'r5']],
    ['CONTAIN ignores case (the docs\' "ina", "col" read country names)', rule('note_sec', 'CONTAIN', ['priority']), ['r1', 'r4']],
    ['NOT_CONTAIN', rule('note_sec', 'NOT_CONTAIN', ['priority']), ['r2', 'r3', 'r5']],
    ['START_WITH', rule('country', 'START_WITH', ['u']), ['r1', 'r5']],
    ['NOT_START_WITH (none of the values)', rule('country', 'NOT_START_WITH', ['U', 'b']), ['r2', 'r4']],
    ['END_WITH', rule('country', 'END_WITH', ['A']), ['r2']],
    ['NOT_END_WITH', rule('country', 'NOT_END_WITH', ['a', 'n']), ['r1', 'r3', 'r5']],
    ['RANGE with a {gte, lte} object, both ends included', rule('amount', 'RANGE', [{ gte: 10, lte: 40 }]), ['r1', 'r2', 'r3']],
    ['RANGE one-sided {gte} (the docs\' {"gte": 1e6})', rule('amount', 'RANGE', [{ gte: 25.5 }]), ['r2', 'r3', 'r5']],
    ['RANGE one-sided {lte}', rule('amount', 'RANGE', [{ lte: 10 }]), ['r1', 'r4']],
    ['RANGE with gt / lt (ends excluded)', rule('amount', 'RANGE', [{ gt: 10, lt: 40 }]), ['r2']],
    ['RANGE with several objects: inside any', rule('amount', 'RANGE', [{ lte: 5 }, { gte: 100 }]), ['r4', 'r5']],
    ['NOT_RANGE: inside none', rule('amount', 'NOT_RANGE', [{ gte: 10, lte: 40 }]), ['r4', 'r5']],
    ['BETWEEN with an object', rule('amount', 'BETWEEN', [{ gte: '10', lte: '40' }]), ['r1', 'r2', 'r3']],
    ['BETWEEN with a [low, high] pair (undocumented shape, read as one range)', rule('amount', 'BETWEEN', ['10', '40']), ['r1', 'r2', 'r3']],
    ['BETWEEN on dates', rule('day', 'BETWEEN', [{ gte: '2024-03-01', lte: '2024-12-31' }]), ['r2', 'r3', 'r5']],
    ['DATE with group_value month', rule('day', 'DATE', ['2024-03', 'Dec 2024'], { group_value: 'month' }), ['r2', 'r5']],
    ['DATE with group_value YEAR', rule('day', 'DATE', ['2025'], { group_value: 'YEAR' }), ['r4']],
    ['DATE with the default group_value day', rule('day', 'DATE', ['2024-06-30']), ['r3']],
    ['DATE with MONTH_ONLY: every June and December', rule('day', 'DATE', [6, 'December'], { group_value: 'MONTH_ONLY' }), ['r3', 'r5']],
    ['DATE with QUARTER_ONLY', rule('day', 'DATE', ['Q1'], { group_value: 'quarter_only' }), ['r1', 'r2', 'r4']],
    ['GREATER_THAN', rule('amount', 'GREATER_THAN', [25.5]), ['r3', 'r5']],
    ['GREATER_THAN_OR_EQUAL', rule('amount', 'GREATER_THAN_OR_EQUAL', [25.5]), ['r2', 'r3', 'r5']],
    ['LESS_THAN', rule('amount', 'LESS_THAN', [10]), ['r4']],
    ['LESS_THAN_OR_EQUAL', rule('amount', 'LESS_THAN_OR_EQUAL', [10]), ['r1', 'r4']],
    ['GREATER_THAN on a date', rule('day', 'GREATER_THAN', ['2024-06-30']), ['r4', 'r5']],
    ['GREATER_THAN on a date at month grain', rule('day', 'GREATER_THAN', ['Jun 2024'], { group_value: 'month' }), ['r4', 'r5']],
    ['IS_EMPTY', rule('note_sec', 'IS_EMPTY', []), ['r2']],
    ['IS_NOT_EMPTY', rule('note_sec', 'IS_NOT_EMPTY', []), ['r1', 'r3', 'r4', 'r5']],
    ['NOT_BETWEEN (undocumented, kept for old setups)', rule('amount', 'NOT_BETWEEN', [{ gte: 10, lte: 40 }]), ['r4', 'r5']],
    ['EQUAL with no values matches nothing', rule('region', 'EQUAL', []), []]
  ])('%s', (_name, permissions, expected) => {
    expect(permissionsSchema.safeParse(permissions).success).toBe(true)
    expect(ids(permissions)).toEqual(expected)
  })
})

describe('defaults and the wildcard, as the Security Token Schema states them', () => {
  it('validation_type "Default: EQUAL": a rule without it is an EQUAL rule', () => {
    const omitted: Permissions = [{ dataset_id: '*', record_permissions: [...grantAll(['region']), { security_name: 'region', values: ['North'] }] }]
    expect(permissionsSchema.safeParse(omitted).success).toBe(true)
    expect(ids(omitted)).toEqual(ids(rule('region', 'EQUAL', ['North'])))
    expect(ids(omitted)).toEqual(['r1', 'r2'])
  })

  it('"The validation_type attribute must be set to EQUAL in order to use a wildcard": "*" grants all with EQUAL (or EQUAL by default)', () => {
    expect(ids(rule('region', 'EQUAL', ['*']))).toEqual(ALL_IDS)
    expect(ids(rule('region', undefined, ['*']))).toEqual(ALL_IDS)
  })

  it('"... or otherwise the * character will be treated literally": NOT_EQUAL ["*"] keeps all (no region is "*"), CONTAIN ["*"] keeps none', () => {
    expect(ids(rule('region', 'NOT_EQUAL', ['*']))).toEqual(ALL_IDS)
    expect(ids(rule('country', 'CONTAIN', ['*']))).toEqual([])
    const outcome = filterByPermissions(SMALL_ROWS, SMALL_DATASET_ID, rule('country', 'CONTAIN', ['*']), SMALL_COLUMNS)
    expect(outcome.security.unmatched).toEqual([expect.stringContaining('"*" means all values only with EQUAL')])
  })

  it('operator "Default: AND": a dataset permission\'s rules must all hold', () => {
    const permissions: Permissions = [
      {
        dataset_id: '*',
        record_permissions: [
          ...grantAll(['region', 'amount']),
          { security_name: 'region', validation_type: 'EQUAL', values: ['North'] },
          { security_name: 'amount', validation_type: 'GREATER_THAN', values: [20] }
        ]
      }
    ]
    expect(ids(permissions)).toEqual(['r2'])
  })

  it('group_value accepts the docs\' lower-case "month" and refuses a value not in its list', () => {
    expect(permissionsSchema.safeParse([{ dataset_id: '*', record_permissions: [{ security_name: 'day', validation_type: 'DATE', group_value: 'month', values: ['2024-01'] }] }]).success).toBe(true)
    const bad = permissionsSchema.safeParse([{ dataset_id: '*', record_permissions: [{ security_name: 'day', group_value: 'fortnight', values: ['2024-01'] }] }])
    expect(bad.success).toBe(false)
    expect(JSON.stringify(bad.error?.issues)).toContain('group_value must be one of SECOND, MINUTE')
  })
})

describe('the docs\' own example body', () => {
  it('RANGE on a month with {gte: "Jun ...", lte: "Dec ..."} AND (country CONTAIN OR number RANGE {gte})', () => {
    // Shaped as the docs' Backend Authentication example, on the small dataset's columns.
    const permissions: DatasetPermission[] = [
      {
        dataset_id: SMALL_DATASET_ID,
        operator: 'AND',
        record_permissions: [
          { security_name: 'day', validation_type: 'RANGE', group_value: 'month', values: [{ gte: 'Jan 2024', lte: 'Jun 2024' }] },
          {
            operator: 'OR',
            record_permissions: [
              { security_name: 'country', validation_type: 'CONTAIN', values: ['ana', 'bra'] },
              { security_name: 'amount', validation_type: 'RANGE', values: [{ gte: 1e6 }] }
            ]
          },
          ...grantAll(['day', 'country', 'amount'])
        ]
      }
    ]
    expect(permissionsSchema.safeParse(permissions).success).toBe(true)
    // r2 (Canada, March) and r3 (Brazil, June 30: the month grain keeps the whole of June).
    expect(ids(permissions)).toEqual(['r2', 'r3'])
  })
})

describe('"Any missing security column inside the user\'s security token will restrict the user\'s access to the data"', () => {
  it('shows no rows of a secured dataset to a token without permissions, and says why', () => {
    for (const permissions of [undefined, [], [{ dataset_id: 'other', record_permissions: grantAll() }]] as Array<Permissions | undefined>) {
      const outcome = filterByPermissions(SMALL_ROWS, SMALL_DATASET_ID, permissions, SMALL_COLUMNS)
      expect(outcome.rows).toEqual([])
      expect(outcome.security.missing).toEqual(SECURITY_NAMES)
      expect(outcome.security.notes[0]).toBe(
        'Dataset ds is secured by region, country, amount, day and note_sec, and the token has no permissions for it, so it shows no rows. Add a permission for this dataset that names every security column (values ["*"] with EQUAL grants all).'
      )
    }
  })

  it('shows no rows when one security column is left out, naming it', () => {
    const permissions: Permissions = [{ dataset_id: '*', record_permissions: grantAll(['country']) }]
    const outcome = filterByPermissions(SMALL_ROWS, SMALL_DATASET_ID, permissions, SMALL_COLUMNS)
    expect(outcome.rows).toEqual([])
    expect(outcome.security.missing).toEqual(['country'])
    expect(outcome.security.notes).toEqual([expect.stringContaining('the token grants nothing for country, so it shows no rows')])
  })

  it('counts a column named anywhere, inside nested OR groups too, and across several applicable permissions (ANDed)', () => {
    const permissions: Permissions = [
      { dataset_id: '*', record_permissions: grantAll(['region', 'country']) },
      { dataset_id: [SMALL_DATASET_ID, 'other'], operator: 'OR', record_permissions: [{ security_name: 'region', values: ['North'] }, { operator: 'AND', record_permissions: [{ security_name: 'country', values: ['US'] }] }] }
    ]
    expect(ids(permissions)).toEqual(['r1', 'r2', 'r5'])
  })

  it('shows every row when every security column is granted with "*"', () => {
    const outcome = filterByPermissions(SMALL_ROWS, SMALL_DATASET_ID, [{ dataset_id: SMALL_DATASET_ID, record_permissions: grantAll() }], SMALL_COLUMNS)
    expect(outcome.rows).toEqual(SMALL_ROWS)
    expect(outcome.applied).toBe(true)
    expect(outcome.security.notes).toEqual([])
  })

  it('"If no security columns are specified, users will have full access to the dataset": an open dataset ignores permissions', () => {
    const open = SMALL_COLUMNS.map(({ securityName: _unused, ...column }) => column)
    const none = filterByPermissions(SMALL_ROWS, SMALL_DATASET_ID, undefined, open)
    expect(none.rows).toEqual(SMALL_ROWS)
    expect(none.applied).toBe(false)
    expect(none.security.notes).toEqual([])
    const narrowing = filterByPermissions(SMALL_ROWS, SMALL_DATASET_ID, rule('region', 'EQUAL', ['North']), open)
    expect(narrowing.rows).toEqual(SMALL_ROWS)
    expect(narrowing.security.notes).toEqual(['Dataset ds has no security columns, so it is open to every user and the token\'s permissions do not apply to it.'])
  })
})

describe('values that match no row are reported (region "North" used to show zeros silently)', () => {
  it('names an EQUAL value that matches no row, with the column\'s values', () => {
    const { rows, meta } = demoDataset()
    const permissions: Permissions = [
      { dataset_id: SALES_DATASET_ID, record_permissions: [...SALES_SECURITY_NAMES.filter((name) => name !== 'region').map((security_name) => ({ security_name, values: ['*'] })), { security_name: 'region', values: ['North'] }] }
    ]
    const outcome = filterByPermissions(rows, SALES_DATASET_ID, permissions, meta.columns)
    expect(outcome.rows).toEqual([])
    expect(outcome.security.unmatched).toEqual(['region EQUAL "North" matches no row (its values: Asia Pacific, Europe, Latin America, North America)'])
    expect(outcome.security.notes[0]).toBe('The token\'s permissions match no row of dataset sales-orders, so it shows no data.')
  })

  it('names the dead value among good ones, while the good ones still show', () => {
    const outcome = filterByPermissions(SMALL_ROWS, SMALL_DATASET_ID, rule('region', 'EQUAL', ['North', 'Nowhere']), SMALL_COLUMNS)
    expect(outcome.rows.map((row) => row.id)).toEqual(['r1', 'r2'])
    expect(outcome.security.unmatched).toEqual(['region EQUAL "Nowhere" matches no row'])
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

  it('ignores an unknown security_name in a permission for another dataset (and then the dataset shows nothing, for lack of permissions)', () => {
    const outcome = filterByPermissions(SMALL_ROWS, SMALL_DATASET_ID, [{ dataset_id: 'other', record_permissions: [{ security_name: 'tenant', validation_type: 'EQUAL', values: ['a'] }] }], SMALL_COLUMNS)
    expect(outcome.problems).toEqual([])
    expect(outcome.rows).toEqual([])
    expect(outcome.security.missing).toEqual(SECURITY_NAMES)
  })

  it.each<[string, Permissions, RegExp]>([
    ['a RANGE of plain values that is not a pair', rule('amount', 'RANGE', [10]), /RANGE takes range objects such as \{"gte": 10, "lte": 20\}/],
    ['a range object under EQUAL', rule('amount', 'EQUAL', [{ gte: 1 }]), /EQUAL takes plain values/],
    ['a comparison with two values', rule('amount', 'GREATER_THAN', [1, 2]), /GREATER_THAN needs exactly one value, got 2/],
    ['a text bound on a number column', rule('amount', 'LESS_THAN', ['lots']), /on number column "amount" needs numbers/],
    ['a text that is not a date', rule('day', 'RANGE', [{ gte: 'someday' }]), /on date column "day" needs dates such as "2024-06-30"/],
    ['DATE on a text column', rule('region', 'DATE', ['2024-01']), /DATE needs a date column; "region" is a text column/]
  ])('reports %s', (_name, permissions, message) => {
    const outcome = filterByPermissions(SMALL_ROWS, SMALL_DATASET_ID, permissions, SMALL_COLUMNS)
    expect(outcome.rows).toEqual([])
    expect(outcome.problems).toEqual([expect.stringMatching(message)])
  })
})

describe('visibleRows on the demo data sets', () => {
  it('knows the demo columns by dataset id; the sales orders need all five security names', () => {
    const { rows } = demoDataset()
    const grants = SALES_SECURITY_NAMES.filter((name) => name !== 'region').map((security_name) => ({ security_name, values: ['*'] as string[] }))
    const europe = visibleRows(rows, SALES_DATASET_ID, [{ dataset_id: '*', record_permissions: [...grants, { security_name: 'region', validation_type: 'EQUAL', values: ['Europe'] }] }])
    expect(europe.length).toBe(rows.filter((row) => row.region === 'Europe').length)
    expect(europe.length).toBeGreaterThan(0)
    expect(visibleRows(rows, SALES_DATASET_ID, [{ dataset_id: '*', record_permissions: [{ security_name: 'region', values: ['Europe'] }] }])).toEqual([])
  })

  it('shows the open targets dataset whatever the token says', () => {
    const { rows } = targetsDataset()
    expect(visibleRows(rows, TARGETS_DATASET_ID, undefined)).toHaveLength(rows.length)
  })

  it('needs columns for a dataset it does not know', () => {
    expect(() => visibleRows(SMALL_ROWS, 'nope', undefined)).toThrow(/pass its columns/)
  })
})

describe('the workbench\'s "Insert example" permissions', () => {
  it('are valid, docs-shaped, and show rows of the secured sales orders (every security column named)', async () => {
    const { PERMISSIONS_EXAMPLE } = await import('../../../../src/shared/permissions-example')
    const permissions = permissionsSchema.parse(JSON.parse(PERMISSIONS_EXAMPLE))
    const { rows, meta } = demoDataset()
    const outcome = filterByPermissions(rows, SALES_DATASET_ID, permissions, meta.columns)
    expect(outcome.security.notes).toEqual([])
    expect(outcome.rows.length).toBe(rows.filter((row) => ['Europe', 'North America'].includes(row.region as string) && String(row.order_date).startsWith('2025')).length)
    expect(outcome.rows.length).toBeGreaterThan(0)
  })
})
