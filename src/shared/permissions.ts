/**
 * Record-level security as Qrvey's token body carries it (`version: "2"` +
 * `permissions`). Kept strict enough to catch typos before a request is sent,
 * because a real Qrvey instance answers a malformed permission with an opaque 400.
 */
import { z } from 'zod'

/** Operators seen in Qrvey's docs and samples. Extend here if Qrvey adds one. */
export const VALIDATION_TYPES = [
  'EQUAL',
  'NOT_EQUAL',
  'CONTAIN',
  'NOT_CONTAIN',
  'START_WITH',
  'NOT_START_WITH',
  'END_WITH',
  'NOT_END_WITH',
  'RANGE',
  'BETWEEN',
  'NOT_BETWEEN',
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUAL',
  'LESS_THAN',
  'LESS_THAN_OR_EQUAL',
  'IS_EMPTY',
  'IS_NOT_EMPTY'
] as const

const operator = z.enum(['AND', 'OR'], { error: 'operator must be "AND" or "OR"' })
const scalar = z.union([z.string(), z.number(), z.boolean()])

export const recordPermissionSchema = z.strictObject({
  security_name: z.string({ error: 'security_name must be a text naming the security column' }).min(1, 'security_name must not be empty'),
  validation_type: z.enum(VALIDATION_TYPES, {
    error: `validation_type must be one of ${VALIDATION_TYPES.join(', ')}`
  }),
  group_value: z.string().optional(),
  values: z.array(scalar, { error: 'values must be a list, for example ["North"] or ["*"] for all' })
})

export type RecordPermission = z.infer<typeof recordPermissionSchema>
export interface RecordPermissionGroup {
  operator: 'AND' | 'OR'
  record_permissions: Array<RecordPermission | RecordPermissionGroup>
}

/** Record permissions may nest: a group combines its members with its operator. */
export const recordPermissionEntrySchema: z.ZodType<RecordPermission | RecordPermissionGroup> = z.lazy(() =>
  z.union([recordPermissionSchema, recordPermissionGroupSchema], {
    error: 'each record permission needs security_name, validation_type and values (or operator and record_permissions for a group)'
  })
)

const recordPermissionGroupSchema: z.ZodType<RecordPermissionGroup> = z.strictObject({
  operator,
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
