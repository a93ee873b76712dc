import { describe, expect, it } from 'vitest'
import { describeExpectation, evaluateExpectations, formatFigure } from '../../../../src/shared/personas/evaluate-expectations'
import { expectationSchema, type Expectation, type PersonaObservation } from '../../../../src/shared/personas/expectations'

const EUROPE: PersonaObservation = {
  datasets: {
    'sales-orders': {
      rowCount: 1203,
      totals: { revenue: 16251014.47, units: 5120 },
      visibleValues: { region: ['Europe'], country: ['France', 'Germany'] }
    },
    'sales-targets': { rowCount: 48, totals: { target: 1000000 }, visibleValues: { region: ['Europe', 'Asia Pacific'] } }
  },
  visiblePages: ['overview', 'products'],
  rendered: true,
  events: ['qvDSHPageLoaded', 'qvDSHItemsLoaded'],
  errors: []
}

const NOBODY: PersonaObservation = {
  datasets: {
    'sales-orders': { rowCount: 0, totals: {}, visibleValues: { region: [] } },
    'sales-targets': { rowCount: 48, totals: { target: 1000000 }, visibleValues: {} }
  },
  visiblePages: ['overview'],
  rendered: true,
  events: ['qvDSHPageLoaded'],
  errors: []
}

/** A real instance: only what the previews report. */
const REMOTE: PersonaObservation = { rendered: true, events: ['qvDSHItemsLoaded'], errors: [] }

function one(e: Expectation, observation: PersonaObservation) {
  // Every expectation used here is one a setup file may carry.
  expect(expectationSchema.safeParse(e).success).toBe(true)
  const [result] = evaluateExpectations([e], observation)
  return result
}

describe('evaluateExpectations', () => {
  it('returns one result per expectation, in order, with the expectation itself', () => {
    const list: Expectation[] = [{ kind: 'renders' }, { kind: 'no-rows', dataset: 'sales-orders' }]
    const results = evaluateExpectations(list, EUROPE)
    expect(results.map((r) => r.expectation)).toEqual(list)
    expect(results.map((r) => r.verdict)).toEqual(['met', 'failed'])
  })

  describe('renders', () => {
    it('met when rendered without errors', () => expect(one({ kind: 'renders' }, EUROPE)).toMatchObject({ verdict: 'met' }))
    it('failed with the errors named', () => {
      const r = one({ kind: 'renders' }, { rendered: false, errors: ['Could not load the widget script'] })
      expect(r.verdict).toBe('failed')
      expect(r.detail).toContain('Could not load the widget script')
    })
    it('failed when it did not finish', () => expect(one({ kind: 'renders' }, { rendered: false, errors: [] }).verdict).toBe('failed'))
    it('unknown before the preview reported', () => expect(one({ kind: 'renders' }, {}).verdict).toBe('unknown'))
  })

  describe('only-values', () => {
    it('met when every visible value is expected', () => {
      const r = one({ kind: 'only-values', dataset: 'sales-orders', column: 'region', values: ['Europe'] }, EUROPE)
      expect(r.verdict).toBe('met')
      expect(r.detail).toBe('sees only region Europe in 1,203 rows of sales-orders')
    })
    it('failed naming the extra values', () => {
      const r = one({ kind: 'only-values', column: 'region', values: ['Europe'] }, EUROPE)
      // Without a dataset it looks at every dataset with that column: sales-targets is open and shows Asia Pacific.
      expect(r.verdict).toBe('failed')
      expect(r.detail).toBe('also sees region Asia Pacific (expected only Europe)')
    })
    it('failed when no rows are visible at all', () => {
      const r = one({ kind: 'only-values', dataset: 'sales-orders', column: 'region', values: ['Europe'] }, NOBODY)
      expect(r.verdict).toBe('failed')
      expect(r.detail).toContain('sees no rows of sales-orders')
    })
    it('numbers and their text compare equal', () => {
      const obs: PersonaObservation = { datasets: { d: { rowCount: 2, totals: {}, visibleValues: { year: [2024] } } } }
      expect(one({ kind: 'only-values', column: 'year', values: ['2024'] }, obs).verdict).toBe('met')
    })
    it('unknown on a real instance and for a column nobody has', () => {
      expect(one({ kind: 'only-values', column: 'region', values: ['Europe'] }, REMOTE)).toMatchObject({ verdict: 'unknown', detail: expect.stringContaining('not readable') })
      expect(one({ kind: 'only-values', column: 'planet', values: ['Mars'] }, EUROPE).verdict).toBe('unknown')
    })
  })

  describe('total', () => {
    it('met within the default tolerance, with the figure in plain words', () => {
      const r = one({ kind: 'total', measure: 'revenue', equals: 16251014.474 }, EUROPE)
      expect(r.verdict).toBe('met')
      expect(r.detail).toBe('total revenue of sales-orders is 16,251,014.47 (expected 16,251,014.47)')
    })
    it('failed when it differs', () => {
      const r = one({ kind: 'total', dataset: 'sales-orders', measure: 'revenue', equals: 16000000 }, EUROPE)
      expect(r.verdict).toBe('failed')
      expect(r.detail).toContain('is 16,251,014.47 (expected 16,000,000)')
    })
    it('a wider tolerance', () => expect(one({ kind: 'total', measure: 'units', equals: 5100, tolerance: 25 }, EUROPE).verdict).toBe('met'))
    it('no rows: the total is 0', () => expect(one({ kind: 'total', dataset: 'sales-orders', measure: 'revenue', equals: 0 }, NOBODY).verdict).toBe('met'))
    it('a measure hidden from the persona fails and says so', () => {
      const obs: PersonaObservation = { datasets: { d: { rowCount: 3, totals: { revenue: 1 }, visibleValues: {} } } }
      const r = one({ kind: 'total', dataset: 'd', measure: 'unit_price', equals: 1 }, obs)
      expect(r.verdict).toBe('failed')
      expect(r.detail).toContain('not visible to this persona')
    })
    it('unknown when several datasets have the measure, or on a real instance', () => {
      const obs: PersonaObservation = { datasets: { a: { rowCount: 1, totals: { x: 1 }, visibleValues: {} }, b: { rowCount: 1, totals: { x: 2 }, visibleValues: {} } } }
      expect(one({ kind: 'total', measure: 'x', equals: 1 }, obs)).toMatchObject({ verdict: 'unknown', detail: expect.stringContaining('name the dataset') })
      expect(one({ kind: 'total', measure: 'revenue', equals: 1 }, REMOTE).verdict).toBe('unknown')
    })
  })

  describe('row-count', () => {
    it('met and failed', () => {
      expect(one({ kind: 'row-count', dataset: 'sales-orders', equals: 1203 }, EUROPE)).toMatchObject({ verdict: 'met', detail: 'sees 1,203 rows of sales-orders (expected 1,203)' })
      expect(one({ kind: 'row-count', dataset: 'sales-orders', equals: 5000 }, EUROPE).verdict).toBe('failed')
    })
    it('unknown without a dataset when there are several, or for a dataset not observed', () => {
      expect(one({ kind: 'row-count', equals: 1203 }, EUROPE).verdict).toBe('unknown')
      expect(one({ kind: 'row-count', dataset: 'orders-2019', equals: 1 }, EUROPE)).toMatchObject({ verdict: 'unknown', detail: expect.stringContaining('was not observed') })
    })
    it('the only dataset is the one meant', () => {
      const obs: PersonaObservation = { datasets: { d: { rowCount: 7, totals: {}, visibleValues: {} } } }
      expect(one({ kind: 'row-count', equals: 7 }, obs).verdict).toBe('met')
    })
  })

  describe('no-rows', () => {
    it('met for the secured dataset a persona has no permissions on', () => {
      expect(one({ kind: 'no-rows', dataset: 'sales-orders' }, NOBODY)).toMatchObject({ verdict: 'met', detail: 'sees no rows of sales-orders' })
    })
    it('without a dataset it means every dataset: the open one still shows rows', () => {
      expect(one({ kind: 'no-rows' }, NOBODY)).toMatchObject({ verdict: 'failed', detail: 'sees 48 rows of sales-targets' })
    })
    it('failed with the rows seen', () => expect(one({ kind: 'no-rows', dataset: 'sales-orders' }, EUROPE).detail).toBe('sees 1,203 rows of sales-orders'))
    it('unknown on a real instance', () => expect(one({ kind: 'no-rows' }, REMOTE).verdict).toBe('unknown'))
  })

  describe('page-hidden and page-visible', () => {
    it('met and failed from the visible pages', () => {
      expect(one({ kind: 'page-hidden', page: 'products' }, NOBODY)).toMatchObject({ verdict: 'met', detail: 'page products is hidden (visible pages: overview)' })
      expect(one({ kind: 'page-hidden', page: 'products' }, EUROPE).verdict).toBe('failed')
      expect(one({ kind: 'page-visible', page: 'products' }, EUROPE).verdict).toBe('met')
      expect(one({ kind: 'page-visible', page: 'products' }, NOBODY).verdict).toBe('failed')
    })
    it('unknown when the pages are not known', () => expect(one({ kind: 'page-visible', page: 'products' }, REMOTE).verdict).toBe('unknown'))
  })

  describe('event', () => {
    it('met when emitted, failed naming what was emitted', () => {
      expect(one({ kind: 'event', name: 'qvDSHItemsLoaded' }, EUROPE).verdict).toBe('met')
      const r = one({ kind: 'event', name: 'qvDSHItemsLoaded' }, NOBODY)
      expect(r).toMatchObject({ verdict: 'failed', detail: 'the widget did not emit qvDSHItemsLoaded (it emitted qvDSHPageLoaded)' })
    })
    it('unknown before any report', () => expect(one({ kind: 'event', name: 'qvDSHItemsLoaded' }, {}).verdict).toBe('unknown'))
  })
})

describe('describeExpectation and formatFigure', () => {
  it('say each kind in plain words', () => {
    expect(formatFigure(16251014.47)).toBe('16,251,014.47')
    expect(describeExpectation({ kind: 'total', dataset: 'sales-orders', measure: 'revenue', equals: 16251014.47 })).toBe('total revenue of sales-orders = 16,251,014.47')
    expect(describeExpectation({ kind: 'only-values', dataset: 'sales-orders', column: 'region', values: ['Europe'] })).toBe('sees only region Europe in sales-orders')
    expect(describeExpectation({ kind: 'no-rows' })).toBe('no rows')
    expect(describeExpectation({ kind: 'row-count', equals: 1 })).toBe('1 row')
    expect(describeExpectation({ kind: 'page-hidden', page: 'products' })).toBe('page products hidden')
    expect(describeExpectation({ kind: 'page-visible', page: 'overview' })).toBe('page overview visible')
    expect(describeExpectation({ kind: 'event', name: 'qvDSHItemsLoaded' })).toBe('emits qvDSHItemsLoaded')
    expect(describeExpectation({ kind: 'renders' })).toBe('renders without an error')
  })
})
