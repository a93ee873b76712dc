/**
 * Expectations: what one persona must see in one setup (issue 12 point 4).
 * A setup carries them in its optional `personas` list:
 *
 *   "personas": [
 *     { "persona": "Europe only", "expect": [
 *         { "kind": "only-values", "column": "region", "values": ["Europe"] },
 *         { "kind": "total", "measure": "revenue", "equals": 16251014.47 },
 *         { "kind": "page-hidden", "page": "products" } ] },
 *     { "persona": "No permissions", "expect": [ { "kind": "no-rows" } ] }
 *   ]
 *
 * The compare view (renderer) and `qwb run` (CLI) both evaluate them with
 * `evaluateExpectations` over a PersonaObservation: one implementation.
 * An expectation that the observation cannot answer (values are not readable
 * on a real instance) is `unknown`, never silently met.
 */
import { z } from 'zod'

const datasetField = z.string({ error: 'dataset must be a dataset id' }).min(1).optional()

export const expectationSchema = z.discriminatedUnion(
  'kind',
  [
    /** The widget rendered (qvDSHItemsLoaded or the widget's own loaded event) without an error. */
    z.strictObject({ kind: z.literal('renders') }),
    /** Every visible row has `column` in `values` (and at least one row is visible). */
    z.strictObject({
      kind: z.literal('only-values'),
      dataset: datasetField,
      column: z.string().min(1, 'column must name a column or its security name'),
      values: z.array(z.union([z.string(), z.number()])).min(1, 'values needs at least one value')
    }),
    /** The sum of `measure` over the visible rows equals `equals` (within `tolerance`, default 0.005). */
    z.strictObject({
      kind: z.literal('total'),
      dataset: datasetField,
      measure: z.string().min(1, 'measure must name a numeric column'),
      equals: z.number({ error: 'equals must be a number' }),
      tolerance: z.number().nonnegative().optional()
    }),
    /** The number of visible rows. */
    z.strictObject({ kind: z.literal('row-count'), dataset: datasetField, equals: z.number().int().nonnegative() }),
    /** No visible rows at all (for example: no permissions on a secured dataset). */
    z.strictObject({ kind: z.literal('no-rows'), dataset: datasetField }),
    /** A dashboard page is (not) shown to this persona. */
    z.strictObject({ kind: z.literal('page-hidden'), page: z.string().min(1) }),
    z.strictObject({ kind: z.literal('page-visible'), page: z.string().min(1) }),
    /** The widget emitted this event (for example qvDSHItemsLoaded). */
    z.strictObject({ kind: z.literal('event'), name: z.string().min(1) })
  ],
  { error: 'each expectation needs a "kind": renders, only-values, total, row-count, no-rows, page-hidden, page-visible or event' }
)

export type Expectation = z.output<typeof expectationSchema>
export type ExpectationKind = Expectation['kind']

/** One persona in a setup, with what it must see. */
export const setupPersonaSchema = z.strictObject(
  {
    persona: z.string({ error: 'persona must be the name of a persona' }).trim().min(1, 'persona must name a persona file'),
    expect: z.array(expectationSchema, { error: 'expect must be a list of expectations' }).default([])
  },
  { error: 'each entry of personas must be {"persona": "<name>", "expect": [...]}' }
)
export type SetupPersona = z.output<typeof setupPersonaSchema>

/** What was observed for one persona in one setup. Fields absent = not observable there. */
export interface DatasetObservation {
  /** Rows visible to this persona. */
  rowCount: number
  /** Sum per numeric column over the visible rows. */
  totals: Record<string, number>
  /** Distinct visible values per column, keyed by column id AND by security name when it has one. */
  visibleValues: Record<string, Array<string | number>>
}

export interface PersonaObservation {
  /** Per dataset id; absent on a real instance (values are not readable there). */
  datasets?: Record<string, DatasetObservation>
  /** Page ids the persona can open; absent when unknown. */
  visiblePages?: string[]
  /** The widget finished loading (events say so) without an error. */
  rendered?: boolean
  /** Events the preview emitted. */
  events?: string[]
  /** Errors the preview reported. */
  errors?: string[]
}

export type ExpectationVerdict = 'met' | 'failed' | 'unknown'

export interface ExpectationResult {
  expectation: Expectation
  verdict: ExpectationVerdict
  /** Plain words, e.g. "total revenue is 16,251,014.47 (expected 16,251,014.47)". */
  detail: string
}

/** Implemented in src/shared/personas/evaluate-expectations.ts (issue 12). */
export type EvaluateExpectations = (expectations: readonly Expectation[], observation: PersonaObservation) => ExpectationResult[]
