/**
 * Record-level security as Qrvey's token body carries it (`version: "2"` +
 * `permissions`), following the Security Token Schema in Qrvey's docs
 * (partner-portal docs/software-developer/record-level-security.md, QRVEY.md §1):
 * - `validation_type` is optional, "Default: EQUAL";
 * - `operator` is optional, "Default: AND", and groups nest;
 * - `values` are texts or numbers, and RANGE takes objects `{gte, lte}`
 *   (one-sided too, `{gte: 1e6}`);
 * - `group_value` "is only valid for DATE columns", "Default: day".
 * Kept strict enough to catch typos before a request is sent, because a real
 * Qrvey instance answers a malformed permission with an opaque 400.
 */
import { z } from 'zod'

/** The validation types Qrvey's Record Filter Object documents, in the docs' order. */
export const DOCUMENTED_VALIDATION_TYPES = [
  'EQUAL',
  'NOT_EQUAL',
  'CONTAIN',
  'NOT_CONTAIN',
  'RANGE',
  'NOT_RANGE',
  'BETWEEN',
  'DATE',
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUAL',
  'LESS_THAN',
  'LESS_THAN_OR_EQUAL',
  'START_WITH',
  'NOT_START_WITH',
  'END_WITH',
  'NOT_END_WITH',
  'IS_EMPTY',
  'IS_NOT_EMPTY'
] as const

/**
 * NOT_BETWEEN is not in Qrvey's list; earlier workbench versions offered it,
 * so saved setups may hold it. Still accepted (the sandbox warns that a real
 * instance may refuse it).
 */
export const UNDOCUMENTED_VALIDATION_TYPES = ['NOT_BETWEEN'] as const

export const VALIDATION_TYPES = [...DOCUMENTED_VALIDATION_TYPES, ...UNDOCUMENTED_VALIDATION_TYPES] as const
export type ValidationType = (typeof VALIDATION_TYPES)[number]

/** Docs: "The possible values are SECOND, MINUTE, ... QUARTER_ONLY"; examples write them in lower case ("month"). */
export const GROUP_VALUES = [
  'SECOND',
  'MINUTE',
  'HOUR',
  'DAY',
  'WEEK',
  'MONTH',
  'QUARTER',
  'YEAR',
  'SECOND_ONLY',
  'MINUTE_ONLY',
  'HOUR_ONLY',
  'DAY_ONLY',
  'WEEK_ONLY',
  'MONTH_ONLY',
  'QUARTER_ONLY'
] as const
export type GroupValue = (typeof GROUP_VALUES)[number]

/** Docs: "Default: EQUAL". */
export const DEFAULT_VALIDATION_TYPE: ValidationType = 'EQUAL'
/** Docs: "Default: day". */
export const DEFAULT_GROUP_VALUE: GroupValue = 'DAY'
/** Docs: operator "Default: AND". */
export const DEFAULT_OPERATOR = 'AND'

const operator = z.enum(['AND', 'OR'], { error: 'operator must be "AND" or "OR"' })
const scalar = z.union([z.string(), z.number(), z.boolean()])
const bound = z.union([z.string(), z.number()], { error: 'a range bound must be a text or a number' })

/** `{gte, lte}` as the docs write it (`gt`/`lt` accepted too); at least one bound. */
export const rangeValueSchema = z
  .strictObject(
    { gte: bound.optional(), lte: bound.optional(), gt: bound.optional(), lt: bound.optional() },
    { error: 'a range value is an object such as {"gte": 10, "lte": 20}; its keys are gte, lte, gt, lt' }
  )
  .refine((range) => Object.values(range).some((value) => value !== undefined), 'a range value needs at least one of gte, lte, gt, lt')

export type RangeValue = z.infer<typeof rangeValueSchema>
export type PermissionValue = z.infer<typeof scalar> | RangeValue

export function isRangeValue(value: unknown): value is RangeValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const groupValue = z
  .string({ error: 'group_value must be a text such as "month"' })
  .refine((text) => (GROUP_VALUES as readonly string[]).includes(text.trim().toUpperCase()), {
    message: `group_value must be one of ${GROUP_VALUES.join(', ')} (any case)`
  })

export const recordPermissionSchema = z.strictObject({
  security_name: z.string({ error: 'security_name must be a text naming the security column' }).min(1, 'security_name must not be empty'),
  validation_type: z
    .enum(VALIDATION_TYPES, {
      error: `validation_type must be one of ${DOCUMENTED_VALIDATION_TYPES.join(', ')} (or leave it out: the default is EQUAL)`
    })
    .optional(),
  group_value: groupValue.optional(),
  values: z.array(z.union([scalar, rangeValueSchema]), {
    error: 'values must be a list, for example ["Europe"], [{"gte": 100}] for a RANGE, or ["*"] (with EQUAL) for all'
  })
})

export type RecordPermission = z.infer<typeof recordPermissionSchema>
export interface RecordPermissionGroup {
  operator?: 'AND' | 'OR'
  record_permissions: Array<RecordPermission | RecordPermissionGroup>
}

/** Record permissions may nest: a group combines its members with its operator. */
export const recordPermissionEntrySchema: z.ZodType<RecordPermission | RecordPermissionGroup> = z.lazy(() =>
  z.union([recordPermissionSchema, recordPermissionGroupSchema], {
    error: 'each record permission needs security_name and values (validation_type defaults to EQUAL), or operator and record_permissions for a group'
  })
)

const recordPermissionGroupSchema: z.ZodType<RecordPermissionGroup> = z.strictObject({
  operator: operator.optional(),
  record_permissions: z.array(recordPermissionEntrySchema)
})

export const datasetPermissionSchema = z.strictObject({
  dataset_id: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], {
    error: 'dataset_id must be a dataset id, "*" for all datasets, or a list of ids'
  }),
  operator: operator.optional(),
  record_permissions: z.array(recordPermissionEntrySchema, { error: 'record_permissions must be a list' })
})

export type DatasetPermission = z.infer<typeof datasetPermissionSchema>

export const permissionsSchema = z.array(datasetPermissionSchema, {
  error: 'permissions must be a list of dataset permissions: [{"dataset_id": "*", "record_permissions": [...]}]'
})

/** `group_value` as the docs spell it in their table (upper case), or the default. */
export function groupValueOf(rule: RecordPermission): GroupValue {
  return (rule.group_value?.trim().toUpperCase() as GroupValue | undefined) ?? DEFAULT_GROUP_VALUE
}
