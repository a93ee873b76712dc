/**
 * Checks a persona's expectations against what was observed for it (issue 12
 * point 4). The compare view and `qwb run` both call this: one meaning of
 * "met" for the UI and for CI. Pure.
 *
 * Verdicts:
 * - `met` / `failed`, with the observed value in plain words;
 * - `unknown` when the observation cannot answer: values are not readable on
 *   a real instance (no `datasets`), the preview has not reported yet, or the
 *   expectation does not say which of several datasets it means. Never
 *   silently met.
 *
 * Datasets: an expectation naming a `dataset` looks at that one only. Without
 * one, `only-values` and `no-rows` look at EVERY observed dataset (a persona
 * that sees the open `sales-targets` does not have "no rows"), while `total`
 * and `row-count` need the measure to be in exactly one dataset (or only one
 * dataset observed), and say so otherwise.
 */
import type {
  DatasetObservation,
  EvaluateExpectations,
  Expectation,
  ExpectationResult,
  ExpectationVerdict,
  PersonaObservation
} from './expectations'

export const DEFAULT_TOTAL_TOLERANCE = 0.005

const NOT_READABLE = 'values are not readable here (a real Qrvey instance does not let the workbench read the data): check it in the preview'

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })

/** 16251014.47 -> "16,251,014.47". */
export function formatFigure(value: number): string {
  return numberFormat.format(value)
}

function quoteList(values: ReadonlyArray<string | number>, max = 8): string {
  const shown = values.slice(0, max).map((v) => (typeof v === 'number' ? formatFigure(v) : v))
  return values.length > max ? `${shown.join(', ')} and ${values.length - max} more` : shown.join(', ')
}

function sameValue(a: string | number, b: string | number): boolean {
  return a === b || String(a) === String(b)
}

function result(expectation: Expectation, verdict: ExpectationVerdict, detail: string): ExpectationResult {
  return { expectation, verdict, detail }
}

type Pick = { ok: true; entries: Array<[string, DatasetObservation]> } | { ok: false; detail: string }

/** The datasets an expectation looks at, or why it cannot tell. */
function datasetsFor(observation: PersonaObservation, dataset: string | undefined, has?: (d: DatasetObservation) => boolean): Pick {
  const datasets = observation.datasets
  if (!datasets) return { ok: false, detail: NOT_READABLE }
  if (dataset !== undefined) {
    const found = datasets[dataset]
    if (!found) {
      const seen = Object.keys(datasets)
      return { ok: false, detail: `dataset ${dataset} was not observed for this persona (observed: ${seen.length ? seen.join(', ') : 'none'})` }
    }
    return { ok: true, entries: [[dataset, found]] }
  }
  const all = Object.entries(datasets)
  return { ok: true, entries: has ? all.filter(([, d]) => has(d)) : all }
}

/** Exactly one dataset for a figure (total, row count), or why not. */
function oneDataset(observation: PersonaObservation, dataset: string | undefined, what: string, has?: (d: DatasetObservation) => boolean): Pick {
  const pick = datasetsFor(observation, dataset, has)
  if (!pick.ok || dataset !== undefined) return pick
  if (pick.entries.length === 1) return pick
  const ids = pick.entries.map(([id]) => id)
  if (ids.length === 0) return { ok: false, detail: `no observed dataset has ${what}` }
  return { ok: false, detail: `${ids.length} datasets have ${what} (${ids.join(', ')}): name the dataset in the expectation` }
}

function rows(count: number): string {
  return `${formatFigure(count)} row${count === 1 ? '' : 's'}`
}

function onlyValues(e: Extract<Expectation, { kind: 'only-values' }>, observation: PersonaObservation): ExpectationResult {
  const pick = datasetsFor(observation, e.dataset, (d) => e.column in d.visibleValues)
  if (!pick.ok) return result(e, 'unknown', pick.detail)
  if (pick.entries.length === 0) return result(e, 'unknown', `no observed dataset has a column or security name "${e.column}"`)
  const wanted = quoteList(e.values)
  const extra: Array<string | number> = []
  let visible = 0
  for (const [, d] of pick.entries) {
    if (d.rowCount === 0) continue
    visible += d.rowCount
    for (const value of d.visibleValues[e.column] ?? []) {
      if (!e.values.some((w) => sameValue(w, value)) && !extra.some((x) => sameValue(x, value))) extra.push(value)
    }
  }
  const where = pick.entries.map(([id]) => id).join(', ')
  if (visible === 0) return result(e, 'failed', `sees no rows of ${where}, so not "${e.column}: ${wanted}"`)
  if (extra.length) return result(e, 'failed', `also sees ${e.column} ${quoteList(extra)} (expected only ${wanted})`)
  const seen = new Set(pick.entries.flatMap(([, d]) => (d.visibleValues[e.column] ?? []).map(String)))
  return result(e, 'met', `sees only ${e.column} ${quoteList([...seen])} in ${rows(visible)} of ${where}`)
}

function total(e: Extract<Expectation, { kind: 'total' }>, observation: PersonaObservation): ExpectationResult {
  const pick = oneDataset(observation, e.dataset, `a total of ${e.measure}`, (d) => e.measure in d.totals)
  if (!pick.ok) return result(e, 'unknown', pick.detail)
  const [id, d] = pick.entries[0]
  const tolerance = e.tolerance ?? DEFAULT_TOTAL_TOLERANCE
  const value = e.measure in d.totals ? d.totals[e.measure] : d.rowCount === 0 ? 0 : undefined
  if (value === undefined) return result(e, 'failed', `${e.measure} of ${id} is not visible to this persona (hidden from its roles, or not a numeric column)`)
  const detail = `total ${e.measure} of ${id} is ${formatFigure(value)} (expected ${formatFigure(e.equals)})`
  return result(e, Math.abs(value - e.equals) <= tolerance ? 'met' : 'failed', detail)
}

function rowCount(e: Extract<Expectation, { kind: 'row-count' }>, observation: PersonaObservation): ExpectationResult {
  const pick = oneDataset(observation, e.dataset, 'rows')
  if (!pick.ok) return result(e, 'unknown', pick.detail)
  const [id, d] = pick.entries[0]
  return result(e, d.rowCount === e.equals ? 'met' : 'failed', `sees ${rows(d.rowCount)} of ${id} (expected ${formatFigure(e.equals)})`)
}

function noRows(e: Extract<Expectation, { kind: 'no-rows' }>, observation: PersonaObservation): ExpectationResult {
  const pick = datasetsFor(observation, e.dataset)
  if (!pick.ok) return result(e, 'unknown', pick.detail)
  if (pick.entries.length === 0) return result(e, 'unknown', 'no dataset was observed for this persona')
  const seen = pick.entries.filter(([, d]) => d.rowCount > 0)
  if (seen.length === 0) return result(e, 'met', `sees no rows of ${pick.entries.map(([id]) => id).join(', ')}`)
  return result(e, 'failed', `sees ${seen.map(([id, d]) => `${rows(d.rowCount)} of ${id}`).join(' and ')}`)
}

function page(e: Extract<Expectation, { kind: 'page-hidden' | 'page-visible' }>, observation: PersonaObservation): ExpectationResult {
  const pages = observation.visiblePages
  if (!pages) return result(e, 'unknown', 'which pages this persona can open is not known here')
  const visible = pages.includes(e.page)
  const detail = `page ${e.page} is ${visible ? 'visible' : 'hidden'} (visible pages: ${pages.length ? pages.join(', ') : 'none'})`
  const met = e.kind === 'page-visible' ? visible : !visible
  return result(e, met ? 'met' : 'failed', detail)
}

function renders(e: Extract<Expectation, { kind: 'renders' }>, observation: PersonaObservation): ExpectationResult {
  const errors = observation.errors ?? []
  if (errors.length) return result(e, 'failed', `the preview reported ${errors.length === 1 ? 'an error' : `${errors.length} errors`}: ${errors.slice(0, 3).join('; ')}`)
  if (observation.rendered === undefined) return result(e, 'unknown', 'the preview has not reported whether the widget rendered')
  return observation.rendered ? result(e, 'met', 'the widget rendered without an error') : result(e, 'failed', 'the widget did not finish rendering')
}

function event(e: Extract<Expectation, { kind: 'event' }>, observation: PersonaObservation): ExpectationResult {
  const events = observation.events
  if (!events) return result(e, 'unknown', 'the preview has not reported its events')
  if (events.includes(e.name)) return result(e, 'met', `the widget emitted ${e.name}`)
  return result(e, 'failed', `the widget did not emit ${e.name} (it emitted ${events.length ? [...new Set(events)].join(', ') : 'no events'})`)
}

export function evaluateExpectation(expectation: Expectation, observation: PersonaObservation): ExpectationResult {
  switch (expectation.kind) {
    case 'renders':
      return renders(expectation, observation)
    case 'only-values':
      return onlyValues(expectation, observation)
    case 'total':
      return total(expectation, observation)
    case 'row-count':
      return rowCount(expectation, observation)
    case 'no-rows':
      return noRows(expectation, observation)
    case 'page-hidden':
    case 'page-visible':
      return page(expectation, observation)
    case 'event':
      return event(expectation, observation)
  }
}

export const evaluateExpectations: EvaluateExpectations = (expectations, observation) => expectations.map((e) => evaluateExpectation(e, observation))

/** One expectation in plain words, for lists and reports: "total revenue of sales-orders = 16,251,014.47". */
export function describeExpectation(e: Expectation): string {
  const of = 'dataset' in e && e.dataset ? ` of ${e.dataset}` : ''
  switch (e.kind) {
    case 'renders':
      return 'renders without an error'
    case 'only-values':
      return `sees only ${e.column} ${quoteList(e.values)}${of ? ` in${of.slice(3)}` : ''}`
    case 'total':
      return `total ${e.measure}${of} = ${formatFigure(e.equals)}`
    case 'row-count':
      return `${rows(e.equals)}${of}`
    case 'no-rows':
      return `no rows${of}`
    case 'page-hidden':
      return `page ${e.page} hidden`
    case 'page-visible':
      return `page ${e.page} visible`
    case 'event':
      return `emits ${e.name}`
  }
}
